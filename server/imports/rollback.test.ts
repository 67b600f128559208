import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  contactResponseSchema,
  contactsResponseSchema,
  importJobResponseSchema,
  importListResponseSchema,
  lookupsResponseSchema,
} from '../../shared/api';
import type { ApiClient } from '../testing/api-client';
import { contactRows, rowsRequest } from '../testing/rows';
import { dbVariants } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import { claimNextJob } from './job-queue';

const headers = ['firstName', 'lastName', 'email', 'city', 'tag'];

async function snapshot(client: ApiClient, accountId: string) {
  const { contacts } = contactsResponseSchema.parse(
    (await client.get(`${apiPaths.contacts(accountId)}?limit=1000`)).body,
  );
  return Promise.all(
    contacts.map(
      async (c) =>
        contactResponseSchema.parse((await client.get(apiPaths.contact(accountId, c.id))).body).contact,
    ),
  );
}

describe.each(dbVariants())('rollback on $name', (variant) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(variant);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('removes what an import created and restores what it changed, notes, tags and actions included', async () => {
    const t = await server.tenant();
    await t.north.runImport(
      t.northId,
      rowsRequest([['Ann', 'Lee', 'ann@example.com', 'Oslo', 'VIP']], {}, headers),
    );
    const before = await snapshot(t.north, t.northId);
    const second = await t.north.runImport(
      t.northId,
      rowsRequest(
        [
          ['Anna', 'Lee', 'ann@example.com', 'Bergen', 'Fresh tag'],
          ['Bob', 'Berg', 'bob@example.com', '', 'Fresh tag'],
        ],
        { onMatch: 'overwrite' },
        headers,
      ),
    );
    expect(second.counts).toMatchObject({ created: 1, updated: 1 });
    const rolled = await t.north.post(apiPaths.rollback(t.northId, second.id));
    expect(rolled.status).toBe(200);
    expect(importJobResponseSchema.parse(rolled.body).job).toMatchObject({
      status: 'rolled_back',
      rolledBackAt: expect.any(String),
    });
    expect(await snapshot(t.north, t.northId)).toEqual(before);
    const tags = lookupsResponseSchema
      .parse((await t.north.get(apiPaths.lookups(t.northId))).body)
      .tags.map((tag) => tag.name);
    expect(tags).not.toContain('Fresh tag');
    // The outcome of each row stays in the history; rolling back again answers the same.
    const rows = await t.north.get(apiPaths.importRows(t.northId, second.id));
    expect(rows.body).toMatchObject({ total: 2, rows: [{ action: 'update' }, { action: 'create' }] });
    const again = await t.north.post(apiPaths.rollback(t.northId, second.id));
    expect([again.status, importJobResponseSchema.parse(again.body).job.status]).toEqual([
      200,
      'rolled_back',
    ]);
  });

  it('refuses while a later import changed the same contacts, then allows it once that one is rolled back', async () => {
    const t = await server.tenant();
    const first = await t.north.runImport(
      t.northId,
      rowsRequest([['Ann', 'Lee', 'ann@example.com', 'Oslo', '']], {}, headers),
    );
    const later = await t.north.runImport(
      t.northId,
      rowsRequest([['Ann', 'Lee', 'ann@example.com', 'Bergen', '']], { onMatch: 'overwrite' }, headers),
    );
    const refused = await t.north.post(apiPaths.rollback(t.northId, first.id));
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: {
        code: 'rollback.laterChanges',
        message: `Import ${first.id} cannot be rolled back: later import ${later.id} changed the same contacts. Roll that one back first.`,
        issues: [{ row: 1, code: 'rollback.laterChange' }],
      },
    });
    expect((await snapshot(t.north, t.northId))[0].fields.city).toBe('Bergen');
    expect((await t.north.post(apiPaths.rollback(t.northId, later.id))).status).toBe(200);
    expect((await snapshot(t.north, t.northId))[0].fields.city).toBe('Oslo');
    expect((await t.north.post(apiPaths.rollback(t.northId, first.id))).status).toBe(200);
    expect(await snapshot(t.north, t.northId)).toEqual([]);
  });

  it('refuses to roll back an import that did not complete', async () => {
    const t = await server.tenant();
    const failed = await t.north.runImport(
      t.northId,
      rowsRequest([['Ann', '', 'ann@example.com', '', '']], {}, headers),
    );
    expect(failed.status).toBe('failed');
    const answer = await t.north.post(apiPaths.rollback(t.northId, failed.id));
    expect([answer.status, answer.body]).toMatchObject([409, { error: { code: 'rollback.notCompleted' } }]);
  });

  it('refuses to roll back while another import of the account is being written, and leaves both whole', async () => {
    const t = await server.tenant();
    const first = await t.north.runImport(t.northId, rowsRequest(contactRows(5)));
    const { db, worker } = server.server;
    await worker.stop();
    let answer: Awaited<ReturnType<typeof t.north.post>>;
    try {
      const started = await t.north.startImport(t.northId, rowsRequest(contactRows(50, { start: 5 })));
      const running = importJobResponseSchema.parse(started.body).job;
      // A worker (of another server, say) has the import: it is being written.
      expect((await claimNextJob(db, 'writing', 60_000, 'another-server'))?.id).toBe(Number(running.id));
      answer = await t.north.post(apiPaths.rollback(t.northId, first.id));
      await db.query(`UPDATE import_jobs SET lease_until = now() - interval '1 second' WHERE id = $1`, [
        Number(running.id),
      ]);
      await worker.recover();
    } finally {
      worker.start();
    }
    expect([answer.status, answer.body]).toMatchObject([409, { error: { code: 'rollback.importRunning' } }]);
    const history = importListResponseSchema.parse((await t.north.get(apiPaths.imports(t.northId))).body);
    const done = await t.north.waitForImport(t.northId, history.imports[0].id);
    expect(done.status).toBe('completed');
    const total = contactsResponseSchema.parse(
      (await t.north.get(`${apiPaths.contacts(t.northId)}?limit=1`)).body,
    );
    expect(total.total).toBe(55);
    expect((await t.north.post(apiPaths.rollback(t.northId, done.id))).status).toBe(200);
    expect((await t.north.post(apiPaths.rollback(t.northId, first.id))).status).toBe(200);
  });
});
