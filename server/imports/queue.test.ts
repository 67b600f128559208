import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJobResponseSchema } from '../../shared/api';
import { clientTether } from '../../shared/template';
import { contactRows, rowsRequest } from '../testing/rows';
import { dbVariants } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import { claimNextJob } from './job-queue';
import { ImportWorker } from './worker';

describe.each(dbVariants())('the import queue on $name', (variant) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(variant);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('runs a job a stopped server had claimed again, once, and counts the attempt', async () => {
    const t = await server.tenant();
    const { db } = server.server;
    await server.server.worker.stop();
    try {
      const started = await t.north.startImport(t.northId, rowsRequest(contactRows(10)));
      const { job } = importJobResponseSchema.parse(started.body);
      // A server that claims the job and dies: its claim is committed, its import never is.
      const claimed = await claimNextJob(db, 'dead-server', 1, 'another-server');
      expect(claimed?.id).toBe(Number(job.id));
      expect((await t.north.waitForImportStatus(t.northId, job.id)).status).toBe('processing');
      await new Promise((resolve) => setTimeout(resolve, 10));
      const worker = new ImportWorker({ db, template: clientTether, pollMs: 20 });
      expect(await worker.recover()).toEqual({ requeued: [Number(job.id)], failed: [], cancelled: [] });
      worker.start();
      const done = await t.north.waitForImport(t.northId, job.id);
      await worker.stop();
      expect([done.status, done.attempts, done.counts?.created]).toEqual(['completed', 2, 10]);
    } finally {
      server.server.worker.start();
    }
  });

  it('fails a job that stopped its server three times, saying so, and writes nothing', async () => {
    const t = await server.tenant();
    const { db } = server.server;
    await server.server.worker.stop();
    try {
      const started = await t.north.startImport(t.northId, rowsRequest(contactRows(3)));
      const { job } = importJobResponseSchema.parse(started.body);
      const worker = new ImportWorker({ db, template: clientTether });
      for (let attempt = 1; attempt <= 3; attempt++) {
        expect((await claimNextJob(db, `dying-${attempt}`, 1, 'another-server'))?.attempts).toBe(attempt);
        await new Promise((resolve) => setTimeout(resolve, 10));
        await worker.recover();
      }
      const failed = await t.north.waitForImport(t.northId, job.id);
      expect([failed.status, failed.reason]).toEqual([
        'failed',
        'The server stopped during this import 3 times; nothing was imported. Send it again with a new idempotency key.',
      ]);
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM contacts WHERE account_id = $1',
        [Number(t.northId)],
      );
      expect(rows[0].n).toBe(0);
    } finally {
      server.server.worker.start();
    }
  });

  it('refuses a second contact with the same normalised email in an account at the database itself', async () => {
    const t = await server.tenant();
    const insert = `INSERT INTO contacts (account_id, fields, email_key) VALUES ($1, '{}', $2)`;
    await server.server.db.query(insert, [Number(t.northId), 'ann@example.com']);
    await expect(server.server.db.query(insert, [Number(t.northId), 'ann@example.com'])).rejects.toThrow(
      /contacts_email/,
    );
    await server.server.db.query(insert, [Number(t.southId), 'ann@example.com']);
  });
});

describe.runIf(dbVariants().some((v) => v.name === 'postgres'))(
  'several servers sharing one PostgreSQL',
  () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(dbVariants().find((v) => v.name === 'postgres')!);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('takes each queued job exactly once between them', async () => {
      const { db } = server.server;
      const others = [1, 2, 3].map(
        () => new ImportWorker({ db, template: clientTether, pollMs: 10, concurrency: 2 }),
      );
      for (const w of others) w.start();
      try {
        const tenants = await Promise.all([server.tenant(), server.tenant(), server.tenant()]);
        const jobs = await Promise.all(
          tenants.flatMap((t) =>
            [0, 100, 200].map((start) =>
              t.north.runImport(t.northId, rowsRequest(contactRows(100, { start }))),
            ),
          ),
        );
        expect(jobs.map((j) => [j.status, j.attempts])).toEqual(new Array(9).fill(['completed', 1]));
        const { rows } = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM contacts WHERE account_id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint)',
          [JSON.stringify(tenants.map((t) => t.northId))],
        );
        expect(rows[0].n).toBe(900);
      } finally {
        await Promise.all(others.map((w) => w.stop()));
      }
    });

    it('keeps running its own import past half its lease: the lease sweep takes only jobs whose lease ran out', async () => {
      // A lease of 400 ms: the sweep runs every 200 ms, the heartbeat every 133 ms, the import lasts longer.
      // The sweep once took a server's own running jobs too (meant for a restart), so a slow import was
      // "interrupted" three times and failed.
      const short = await startTestServer(dbVariants().find((v) => v.name === 'postgres')!, {
        worker: { leaseMs: 400, batchSize: 200 },
      });
      try {
        const t = await short.tenant();
        const job = await t.north.runImport(t.northId, rowsRequest(contactRows(3_000)));
        expect([job.status, job.attempts, job.reason]).toEqual(['completed', 1, null]);
        expect(Date.parse(job.finishedAt ?? '') - Date.parse(job.startedAt ?? '')).toBeGreaterThan(200);
      } finally {
        await short.close();
      }
    });
  },
);
