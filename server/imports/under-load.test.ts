import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, fileNameHeader, importJobResponseSchema } from '../../shared/api';
import { contactRows, rowsRequest } from '../testing/rows';
import { dbVariants } from '../testing/test-databases';
import { startTestServer, type Tenant, type TestServer } from '../testing/test-server';

/** A request that got no answer in this long hangs, as a client sees it. (A bound for hangs, not a figure.) */
const hangMs = 60_000;

type Answer = { status: number; ms: number };

async function send(url: string, key: string, init: RequestInit = {}): Promise<Answer> {
  const start = performance.now();
  try {
    const response = await fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${key}`, ...(init.headers as Record<string, string>) },
      signal: AbortSignal.timeout(hangMs),
    });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - start };
  } catch {
    return { status: 0, ms: performance.now() - start };
  }
}

/** Every email of the account once, and the count of contacts. */
async function emailsOf(server: TestServer, accountId: string) {
  const { rows } = await server.server.db.query<{ contacts: number; emails: number }>(
    `SELECT count(*)::int AS contacts, count(DISTINCT email_key)::int AS emails
       FROM contacts WHERE account_id = $1`,
    [Number(accountId)],
  );
  return rows[0];
}

// What locked PostgreSQL up for every account (and stalled every account on PGlite for tens of seconds): an
// account importing 100,000 rows while 50 more requests for it come at once. Each must get an answer, a
// refusal with Retry-After at worst, and other accounts must be served all the while. Latencies are the
// bench's business (`npm run bench server`); here nothing may hang and nothing may be written twice.
describe.each(dbVariants())('the server under load on $name', (variant) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(variant);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers 50 requests at once to an account importing 100,000 rows, and other accounts all the while', async () => {
    const t = await server.tenant();
    const other = await server.tenant();
    const key = t.seed.subAccounts[0].apiKey;
    const started = await t.north.startImport(t.northId, rowsRequest(contactRows(100_000)));
    expect(started.status).toBe(202);
    const big = importJobResponseSchema.parse(started.body).job;
    // Another account asks who it is, one request after another, until the import ends.
    const meAnswers: Answer[] = [];
    let importing = true;
    const asking = (async () => {
      while (importing) {
        meAnswers.push(await send(`${server.url}${apiPaths.me()}`, other.seed.subAccounts[0].apiKey));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    for (;;) {
      const job = await t.north.waitForImportStatus(t.northId, big.id);
      expect(job.status).not.toBe('failed');
      if (job.progress.phase === 'writing' || job.status === 'completed') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const burst = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? send(`${server.url}${apiPaths.imports(t.northId)}`, key, {
              method: 'POST',
              body: JSON.stringify(rowsRequest(contactRows(10, { prefix: `burst${i}-` }))),
              headers: { 'content-type': 'application/json', 'idempotency-key': `burst-${i}` },
            })
          : send(`${server.url}${apiPaths.uploads(t.northId)}`, key, {
              method: 'POST',
              body: 'firstName,lastName\nAnn,Lee\n',
              headers: { 'content-type': 'text/csv', [fileNameHeader]: 'burst.csv' },
            }),
      ),
    );
    const done = await t.north.waitForImport(t.northId, big.id);
    importing = false;
    await asking;
    expect(done.status).toBe('completed');
    // Every request got an answer: accepted, or refused for now with Retry-After (never a hang or a 500).
    expect(burst.filter((a) => ![201, 202, 429, 503].includes(a.status))).toEqual([]);
    expect(burst.filter((a) => a.status === 201 || a.status === 202).length).toBeGreaterThan(0);
    expect(meAnswers.length).toBeGreaterThan(0);
    expect(meAnswers.filter((a) => a.status !== 200)).toEqual([]);
    // The accepted imports run after the big one, each exactly once.
    const { body } = await t.north.get(`${apiPaths.imports(t.northId)}?limit=100`);
    const jobs = (body as { imports: { id: string }[] }).imports;
    for (const job of jobs) expect((await t.north.waitForImport(t.northId, job.id)).status).toBe('completed');
    const accepted = burst.filter((a, i) => i % 2 === 0 && a.status === 202).length;
    expect(await emailsOf(server, t.northId)).toEqual({
      contacts: 100_000 + accepted * 10,
      emails: 100_000 + accepted * 10,
    });
  }, 900_000);

  it('runs 20 imports of 1,000 rows at once, two per account with half their emails shared, creating each contact once', async () => {
    const tenants: Tenant[] = await Promise.all(Array.from({ length: 5 }, () => server.tenant()));
    const accounts = tenants.flatMap((t) => [
      { client: t.north, id: t.northId },
      { client: t.south, id: t.southId },
    ]);
    const jobs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const account = accounts[Math.floor(i / 2)];
        // The second import of an account repeats the last 500 emails of the first and adds 500.
        return account.client.runImport(
          account.id,
          rowsRequest(contactRows(1_000, { start: (i % 2) * 500 })),
        );
      }),
    );
    expect(jobs.map((j) => j.status)).toEqual(new Array(20).fill('completed'));
    for (const account of accounts) {
      expect(await emailsOf(server, account.id)).toEqual({ contacts: 1_500, emails: 1_500 });
    }
  }, 600_000);
});
