import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  contactsResponseSchema,
  importJobResponseSchema,
  importListResponseSchema,
} from '../../shared/api';
import type { ApiClient } from '../testing/api-client';
import { contactHeaders, contactRows, rowsRequest } from '../testing/rows';
import { dbVariants } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';

async function contactEmails(client: ApiClient, accountId: string): Promise<string[]> {
  const { body } = await client.get(`${apiPaths.contacts(accountId)}?limit=1000`);
  return contactsResponseSchema.parse(body).contacts.map((c) => c.fields.email);
}

async function importCount(client: ApiClient, accountId: string): Promise<number> {
  return importListResponseSchema.parse((await client.get(`${apiPaths.imports(accountId)}?limit=100`)).body)
    .imports.length;
}

describe.each(dbVariants())('idempotency and concurrency on $name', (variant) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(variant);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers the same key sent twice in a row with the same import, imported once', async () => {
    const t = await server.tenant();
    const request = rowsRequest(contactRows(20));
    const first = await t.north.startImport(t.northId, request, 'retry-key');
    const { job } = importJobResponseSchema.parse(first.body);
    const finished = await t.north.waitForImport(t.northId, job.id);
    const second = await t.north.startImport(t.northId, request, 'retry-key');
    expect([first.status, first.headers.get('idempotent-replayed')]).toEqual([202, 'false']);
    expect([second.status, second.headers.get('idempotent-replayed')]).toEqual([202, 'true']);
    expect(importJobResponseSchema.parse(second.body).job).toEqual(finished);
    expect(await importCount(t.north, t.northId)).toBe(1);
    expect(await contactEmails(t.north, t.northId)).toHaveLength(20);
  });

  it('answers the same key sent ten times at once with one import', async () => {
    const t = await server.tenant();
    const request = rowsRequest(contactRows(50));
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => t.north.startImport(t.northId, request, 'burst-key')),
    );
    expect(answers.map((a) => a.status)).toEqual(new Array(10).fill(202));
    const ids = new Set(answers.map((a) => importJobResponseSchema.parse(a.body).job.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'false')).toHaveLength(1);
    const job = await t.north.waitForImport(t.northId, [...ids][0]);
    expect(job.counts?.created).toBe(50);
    expect(await importCount(t.north, t.northId)).toBe(1);
    expect(await contactEmails(t.north, t.northId)).toHaveLength(50);
  });

  it('refuses the same key with a different request and imports nothing for it', async () => {
    const t = await server.tenant();
    await t.north.startImport(t.northId, rowsRequest(contactRows(2)), 'reused-key');
    const other = await t.north.startImport(t.northId, rowsRequest(contactRows(3)), 'reused-key');
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: { code: 'idempotency.conflict' } });
    const history = importListResponseSchema.parse(
      (await t.north.get(apiPaths.imports(t.northId))).body,
    ).imports;
    expect(history).toHaveLength(1);
    await t.north.waitForImport(t.northId, history[0].id);
    expect(await contactEmails(t.north, t.northId)).toHaveLength(2);
  });

  it('compares requests by what they mean: key order, spacing, spelled-out defaults and padding do not matter', async () => {
    const t = await server.tenant();
    const rows = contactRows(3);
    const first = await t.north.startImport(t.northId, rowsRequest(rows), 'meaning-key');
    // The same request written differently: options first, defaults spelled out, a row without its last
    // (empty) cell, and whitespace.
    const same = `{ "options": { "locale": "en", "onMatch": "fill-blanks", "complianceConfirmed": true,
        "duplicateKey": { "secondary": "none", "primary": "email" } },
      "source": { "rows": ${JSON.stringify([rows[0].slice(0, 4), rows[1], rows[2]])},
        "headers": ${JSON.stringify(contactHeaders)}, "kind": "rows", "name": "contacts.csv" } }`;
    const second = await t.north.send(apiPaths.imports(t.northId), {
      method: 'POST',
      body: same,
      headers: { 'content-type': 'application/json', 'idempotency-key': 'meaning-key' },
    });
    expect([second.status, second.headers.get('idempotent-replayed')]).toEqual([202, 'true']);
    expect(importJobResponseSchema.parse(second.body).job.id).toBe(
      importJobResponseSchema.parse(first.body).job.id,
    );
    // A different option is a different request.
    const other = await t.north.startImport(t.northId, rowsRequest(rows, { onMatch: 'skip' }), 'meaning-key');
    expect([other.status, other.body]).toMatchObject([409, { error: { code: 'idempotency.conflict' } }]);
  });

  it('forgets a key after 24 hours: the same key then starts a new import', async () => {
    const t = await server.tenant();
    const first = await t.north.startImport(t.northId, rowsRequest(contactRows(2)), 'day-old-key');
    const firstId = importJobResponseSchema.parse(first.body).job.id;
    await t.north.waitForImport(t.northId, firstId);
    await server.server.db.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '24 hours 1 minute'
        WHERE account_id = $1 AND key = 'day-old-key'`,
      [Number(t.northId)],
    );
    const again = await t.north.startImport(
      t.northId,
      rowsRequest(contactRows(2, { prefix: 'next-day' })),
      'day-old-key',
    );
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([202, 'false']);
    const againId = importJobResponseSchema.parse(again.body).job.id;
    expect(againId).not.toBe(firstId);
    expect((await t.north.waitForImport(t.northId, againId)).status).toBe('completed');
    expect(await importCount(t.north, t.northId)).toBe(2);
  });

  it('requires an idempotency key and queues nothing without one', async () => {
    const t = await server.tenant();
    const answer = await t.north.post(apiPaths.imports(t.northId), rowsRequest(contactRows(1)));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'idempotency.keyRequired' } });
    expect(await importCount(t.north, t.northId)).toBe(0);
  });

  it('scopes a key to its account: the same key in a sibling account is another import', async () => {
    const t = await server.tenant();
    const north = await t.enterprise.startImport(t.northId, rowsRequest(contactRows(1)), 'shared-key');
    const south = await t.enterprise.startImport(t.southId, rowsRequest(contactRows(2)), 'shared-key');
    expect([north.status, south.status]).toEqual([202, 202]);
    expect(importJobResponseSchema.parse(north.body).job.id).not.toBe(
      importJobResponseSchema.parse(south.body).job.id,
    );
  });

  it('creates no duplicate contacts when imports with overlapping emails run at once', async () => {
    const t = await server.tenant();
    // Four imports of 300 rows over 600 distinct emails: every email appears in two of them.
    const requests = [0, 150, 300, 450].map((start) => rowsRequest(contactRows(300, { start: start % 600 })));
    requests[3] = rowsRequest([...contactRows(150, { start: 450 }), ...contactRows(150, { start: 0 })]);
    const jobs = await Promise.all(requests.map((r) => t.north.runImport(t.northId, r)));
    expect(jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    const emails = await contactEmails(t.north, t.northId);
    expect(emails).toHaveLength(600);
    expect(new Set(emails).size).toBe(600);
    const created = jobs.reduce((sum, j) => sum + (j.counts?.created ?? 0), 0);
    const matched = jobs.reduce((sum, j) => sum + (j.counts?.unchanged ?? 0) + (j.counts?.updated ?? 0), 0);
    expect([created, matched]).toEqual([600, 600]);
  });
});
