import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, dryRunResponseSchema, fileNameHeader, fileNameHeaderValue } from '../../shared/api';
import type { ApiAnswer } from '../testing/api-client';
import { contactHeaders, contactRows, rowsRequest } from '../testing/rows';
import { dbVariants } from '../testing/test-databases';
import { startTestServer, type Tenant, type TestServer } from '../testing/test-server';

const errorCode = (answer: ApiAnswer) => (answer.body as { error?: { code?: string } }).error?.code;

// PostgreSQL stores no NUL character and no half of a surrogate pair. Before, a file named `a%00b.csv` answered 500,
// and a cell holding either passed the dry run and failed the job with the raw database error as its reason.
describe.each(dbVariants())('NUL characters and lone surrogates on $name', (variant) => {
  let server: TestServer;
  let t: Tenant;
  beforeAll(async () => {
    server = await startTestServer(variant);
    t = await server.tenant();
  });
  afterAll(async () => {
    await server?.close();
  });

  async function stored(accountId: string) {
    const { rows } = await server.server.db.query<{ jobs: number; contacts: number; uploads: number }>(
      `SELECT (SELECT count(*)::int FROM import_jobs WHERE account_id = $1) AS jobs,
              (SELECT count(*)::int FROM contacts WHERE account_id = $1) AS contacts,
              (SELECT count(*)::int FROM uploads WHERE account_id = $1) AS uploads`,
      [Number(accountId)],
    );
    return rows[0];
  }

  it('refuses a file name, header, mapping or email query holding one with 400, never 500', async () => {
    const other = await server.tenant();
    for (const name of ['a\u0000b.csv', 'a\ud800b.csv', 'b\udc00a.csv']) {
      const upload = await other.north.send(apiPaths.uploads(other.northId), {
        method: 'POST',
        body: 'firstName,lastName\nAnn,Lee\n',
        headers: { 'content-type': 'text/csv', [fileNameHeader]: fileNameHeaderValue(name) },
      });
      expect([name, upload.status, errorCode(upload)]).toEqual([name, 400, 'request.invalid']);
    }
    const requests = [
      {
        ...rowsRequest(contactRows(1)),
        source: { kind: 'rows', name: 'a\u0000b.csv', headers: contactHeaders, rows: contactRows(1) },
      },
      rowsRequest(contactRows(1), {}, ['firstName', 'last\ud800Name', 'email', 'phone', 'tag']),
      { ...rowsRequest(contactRows(1)), mapping: ['firstName', 'lastName', 'email\u0000', null, null] },
    ];
    for (const request of requests) {
      for (const path of [apiPaths.dryRun(other.northId), apiPaths.imports(other.northId)]) {
        const answer = await other.north.post(path, request, { 'idempotency-key': crypto.randomUUID() });
        expect([path, answer.status, errorCode(answer)]).toEqual([path, 400, 'request.invalid']);
      }
    }
    const query = await other.north.get(`${apiPaths.contacts(other.northId)}?email=ann%00@example.com`);
    expect([query.status, errorCode(query)]).toEqual([400, 'request.invalid']);
    expect(await stored(other.northId)).toEqual({ jobs: 0, contacts: 0, uploads: 0 });
  });

  it('finds cells holding one in the dry run, and the import refuses them with the same issues, writing nothing', async () => {
    const rows = contactRows(4);
    rows[1][0] = 'An\u0000n';
    rows[2][1] = 'Le\ud800e';
    rows[3][1] = 'Le\udc00e\ud83d\ude00'; // a lone low surrogate, then a whole emoji (which is fine)
    const request = rowsRequest(rows);
    const dry = await t.north.post(apiPaths.dryRun(t.northId), request);
    expect(dry.status).toBe(200);
    const { dryRun } = dryRunResponseSchema.parse(dry.body);
    const unstorable = dryRun.issues.filter((i) => i.code === 'cell.unstorable');
    expect(unstorable.map((i) => [i.row, i.field, i.value])).toEqual([
      [2, 'firstName', 'An\u2400n'],
      [3, 'lastName', 'Le\ufffde'],
      [4, 'lastName', 'Le\ufffde\ud83d\ude00'],
    ]);
    expect(unstorable[0].message).toContain('NUL character');
    expect(unstorable[1].message).toContain('unpaired surrogate');
    expect(dryRun.counts.errors).toBe(3);
    expect(dryRun.outcomes.map((o) => o.action)).toEqual(['create', 'error', 'error', 'error']);

    const job = await t.north.runImport(t.northId, request);
    expect([job.status, job.reason]).toEqual(['failed', '3 rows have errors; nothing was imported.']);
    expect(job.issues.filter((i) => i.code === 'cell.unstorable')).toEqual(unstorable);
    expect((await stored(t.northId)).contacts).toBe(0);
  });

  it('refuses a CSV holding a NUL byte as unreadable (the codec takes it for a binary file), storing nothing', async () => {
    const other = await server.tenant();
    for (const body of [
      'firstName,lastName,email\nAnn,Lee,ann@example.com\nBo\u0000b,Berg,bob@example.com\n',
      'firstName,last\u0000Name\nAnn,Lee\n',
    ]) {
      const answer = await other.north.send(apiPaths.uploads(other.northId), {
        method: 'POST',
        body,
        headers: { 'content-type': 'text/csv', [fileNameHeader]: 'leads.csv' },
      });
      expect([answer.status, errorCode(answer)]).toEqual([422, 'source.unreadable']);
    }
    expect(await stored(other.northId)).toEqual({ jobs: 0, contacts: 0, uploads: 0 });
    // Nor any part of them: the parts of a refused upload are deleted.
    const { rows } = await server.server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM upload_parts p WHERE NOT EXISTS (SELECT 1 FROM uploads u WHERE u.id = p.upload_id)',
    );
    expect(rows[0].n).toBe(0);
  });
});
