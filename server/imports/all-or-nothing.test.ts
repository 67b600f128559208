import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe.each(dbVariants())('all or nothing on $name', (variant) => {
  let server: TestServer;
  let faulty: TestServer;
  beforeAll(async () => {
    server = await startTestServer(variant);
    // A server whose worker fails inside the write transaction after two batches of 1,000 contacts.
    faulty = await startTestServer(variant, { worker: { failAfterBatches: 2, batchSize: 1_000 } });
  });
  afterAll(async () => {
    await server?.close();
    await faulty?.close();
  });

  it('writes no contact when the very last of 50,000 rows is bad', async () => {
    const t = await server.tenant();
    const rows = contactRows(50_000);
    rows[49_999][2] = 'not an email';
    const job = await t.north.runImport(t.northId, rowsRequest(rows));
    expect([job.status, job.reason, job.issueCount]).toEqual([
      'failed',
      '1 row has errors; nothing was imported.',
      1,
    ]);
    expect(job.issues).toEqual([
      expect.objectContaining({ row: 50_000, field: 'email', code: 'email.format' }),
    ]);
    expect(await footprint(server.server.db, t.northId)).toEqual(nothing);
  });

  it('leaves nothing behind when the server fails halfway through writing', async () => {
    const t = await faulty.tenant();
    const rows = contactRows(5_000);
    rows[0][4] = 'brand new tag';
    const job = await t.north.runImport(t.northId, rowsRequest(rows));
    expect(job.status).toBe('failed');
    expect(job.reason).toMatch(
      /^The import failed unexpectedly \(injected fault after 2 batches\); nothing was imported\.$/,
    );
    expect(await footprint(faulty.server.db, t.northId)).toEqual(nothing);
    // The same rows through a healthy server: every table gets its share, so the counts above could have been non-zero.
    const healthy = await server.tenant();
    rows[0][4] = 'brand new tag';
    expect((await healthy.north.runImport(healthy.northId, rowsRequest(rows))).status).toBe('completed');
    expect(await footprint(server.server.db, healthy.northId)).toEqual({
      contacts: 5_000,
      notes: 5_000,
      actions: 10_000,
      tags: 1,
      audit: 5_000,
    });
  });
});
