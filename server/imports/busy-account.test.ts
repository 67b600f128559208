import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, fileNameHeader, importJobResponseSchema } from '../../shared/api';
import { contactRows, rowsRequest } from '../testing/rows';
import { dbVariants } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';

const postgres = dbVariants().find((v) => v.name === 'postgres');

// The lock-up this guards against: an import's transaction locked its account row FOR UPDATE; every new upload
// or job of that account waited on it (their foreign key takes a KEY SHARE lock) holding a pooled connection,
// until the import's own next statement found no connection left. Nothing timed out; every account hung.
describe.runIf(postgres)('requests to an account while it imports, on PostgreSQL', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Small batches make the import's transaction last while the other requests come in.
    server = await startTestServer(postgres!, { worker: { batchSize: 200 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers new imports of that account and other accounts at once, then runs them after it', async () => {
    const t = await server.tenant();
    const other = await server.tenant();
    const started = await t.north.startImport(t.northId, rowsRequest(contactRows(20_000)));
    const big = importJobResponseSchema.parse(started.body).job;
    // Wait until the big import is writing, inside its transaction.
    for (;;) {
      const job = await t.north.waitForImportStatus(t.northId, big.id);
      if (job.progress.phase === 'writing') break;
      expect(job.status).not.toBe('failed');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const answers = await Promise.all([
      ...Array.from({ length: 9 }, (_, i) =>
        t.north.startImport(t.northId, rowsRequest(contactRows(10, { prefix: `late${i}-` }))),
      ),
      other.north.get(apiPaths.me()),
      t.north.send(apiPaths.uploads(t.northId), {
        method: 'POST',
        body: 'First Name,Last Name\nAnn,Lee\n',
        headers: { 'content-type': 'text/csv', [fileNameHeader]: 'late.csv' },
      }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([...new Array(9).fill(202), 200, 201]);
    // The big import was still running when all of them had answered: nothing waited for it.
    expect((await t.north.waitForImportStatus(t.northId, big.id)).status).toBe('processing');
    const late = answers.slice(0, 9).map((a) => importJobResponseSchema.parse(a.body).job.id);
    const done = await Promise.all([big.id, ...late].map((id) => t.north.waitForImport(t.northId, id)));
    expect(done.map((j) => [j.status, j.reason])).toEqual(new Array(10).fill(['completed', null]));
    // One import at a time per account: each later one started after the big one finished.
    const bigFinished = Date.parse(done[0].finishedAt ?? '');
    for (const job of done.slice(1))
      expect(Date.parse(job.startedAt ?? '')).toBeGreaterThanOrEqual(bigFinished);
    const contacts = await server.server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM contacts WHERE account_id = $1',
      [Number(t.northId)],
    );
    expect(contacts.rows[0].n).toBe(20_090);
    // Ten imports of 20,090 rows in all: more than the default minute on a loaded machine.
  }, 300_000);
});
