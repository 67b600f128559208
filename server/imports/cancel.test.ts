import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, importJobResponseSchema } from '../../shared/api';
import type { Database } from '../db/database';
import { contactRows, rowsRequest } from '../testing/rows';
import { dbVariants } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';

/** Everything an import can write for an account, counted straight from the tables. */
async function footprint(db: Database, accountId: string) {
  const { rows } = await db.query<Record<string, number>>(
    `SELECT
       (SELECT count(*)::int FROM contacts WHERE account_id = $1) AS contacts,
       (SELECT count(*)::int FROM contact_notes n JOIN contacts c ON c.id = n.contact_id WHERE c.account_id = $1) AS notes,
       (SELECT count(*)::int FROM pending_actions a JOIN contacts c ON c.id = a.contact_id WHERE c.account_id = $1) AS actions,
       (SELECT count(*)::int FROM tags WHERE account_id = $1 AND created_import_id IS NOT NULL) AS tags,
       (SELECT count(*)::int FROM import_rows r JOIN import_jobs j ON j.id = r.import_id WHERE j.account_id = $1) AS audit`,
    [Number(accountId)],
  );
  return rows[0];
}

const nothing = { contacts: 0, notes: 0, actions: 0, tags: 0, audit: 0 };

describe.each(dbVariants())('cancelling an import on $name', (variant) => {
  let server: TestServer;
  beforeAll(async () => {
    // Small batches: a 20,000-row import is many transactions, and a cancel lands between two of them.
    server = await startTestServer(variant, { worker: { batchSize: 500 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('cancels a queued import at once; the worker never runs it', async () => {
    const t = await server.tenant();
    await server.server.worker.stop();
    try {
      const started = await t.north.startImport(t.northId, rowsRequest(contactRows(10)));
      const { job } = importJobResponseSchema.parse(started.body);
      const cancelled = await t.north.post(apiPaths.cancelImport(t.northId, job.id));
      expect(cancelled.status).toBe(200);
      expect(importJobResponseSchema.parse(cancelled.body).job).toMatchObject({
        status: 'cancelled',
        reason: 'The import was cancelled; nothing was imported.',
        cancelRequested: false,
      });
    } finally {
      server.server.worker.start();
    }
    const later = await t.north.runImport(t.northId, rowsRequest(contactRows(3, { prefix: 'later' })));
    expect(later.status).toBe('completed');
    expect((await footprint(server.server.db, t.northId)).contacts).toBe(3);
  });

  it('stops a running import between two batches and deletes what it wrote', async () => {
    const t = await server.tenant();
    const rows = contactRows(20_000);
    rows[0][4] = 'a tag only this import creates';
    const started = await t.north.startImport(t.northId, rowsRequest(rows));
    const { job } = importJobResponseSchema.parse(started.body);
    for (;;) {
      const current = await t.north.waitForImportStatus(t.northId, job.id);
      if (current.progress.phase === 'writing' && current.progress.done > 0) break;
      expect(['queued', 'processing']).toContain(current.status);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const cancel = await t.north.post(apiPaths.cancelImport(t.northId, job.id));
    expect(cancel.status).toBe(202);
    expect(importJobResponseSchema.parse(cancel.body).job).toMatchObject({
      status: 'processing',
      cancelRequested: true,
    });
    const ended = await t.north.waitForImport(t.northId, job.id);
    expect([ended.status, ended.reason, ended.counts]).toEqual([
      'cancelled',
      'The import was cancelled; nothing was imported.',
      null,
    ]);
    expect(await footprint(server.server.db, t.northId)).toEqual(nothing);
    // Cancelling again says the same; the account takes imports again.
    const again = await t.north.post(apiPaths.cancelImport(t.northId, job.id));
    expect([again.status, importJobResponseSchema.parse(again.body).job.status]).toEqual([200, 'cancelled']);
    expect((await t.north.runImport(t.northId, rowsRequest(contactRows(2)))).status).toBe('completed');
  });

  it('refuses to cancel an import that has completed, and leaves it as it was', async () => {
    const t = await server.tenant();
    const job = await t.north.runImport(t.northId, rowsRequest(contactRows(2)));
    const cancel = await t.north.post(apiPaths.cancelImport(t.northId, job.id));
    expect([cancel.status, cancel.body]).toMatchObject([409, { error: { code: 'import.notCancellable' } }]);
    expect((await t.north.waitForImportStatus(t.northId, job.id)).status).toBe('completed');
    expect((await footprint(server.server.db, t.northId)).contacts).toBe(2);
  });
});
