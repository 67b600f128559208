import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { apiPaths, contactsResponseSchema, importJobResponseSchema } from '../shared/api';
import type { DemoSeed } from './demo/seed-demo';
import { apiClient } from './testing/api-client';
import { contactRows, rowsRequest } from './testing/rows';
import { type ServerProcess, spawnServer } from './testing/server-process';
import { testDatabaseUrl } from './testing/test-databases';

// Before, a server killed mid-import and started again on PostgreSQL left its job to wait for its lease (a
// minute and more): the restarted server could not tell its own claims from another live server's.
describe.runIf(testDatabaseUrl)('a server restarted on DATABASE_URL after it was killed mid-import', () => {
  const database = `listprep_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'listprep-restart-'));
  const running: ServerProcess[] = [];
  const url = new URL(testDatabaseUrl ?? 'postgres://unused');
  url.pathname = `/${database}`;
  const admin = () => new pg.Client({ connectionString: testDatabaseUrl ?? '' });

  afterAll(async () => {
    for (const server of running) {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    }
    const client = admin();
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${database}"`);
    await client.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes its own import back as it starts, deletes what that wrote, and imports it once', async () => {
    const client = admin();
    await client.connect();
    await client.query(`CREATE DATABASE "${database}"`);
    await client.end();
    const env = { DATABASE_URL: url.toString() };
    const first = await spawnServer(['--data-dir', dataDir, '--demo'], env);
    running.push(first);
    const seed = JSON.parse(readFileSync(join(dataDir, 'demo-api-keys.json'), 'utf8')) as DemoSeed;
    const north = seed.subAccounts[0];
    const accountId = String(north.accountId);
    const started = await apiClient(first.url, north.apiKey).startImport(
      accountId,
      rowsRequest(contactRows(30_000)),
    );
    const { job } = importJobResponseSchema.parse(started.body);
    await first.waitForLine((line) => line.includes('"msg":"import batch written"'));
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const second = await spawnServer(['--data-dir', dataDir], env);
    running.push(second);
    // Taken back before the server listened: its lease (a minute) had not run out.
    const recovered = second.lines
      .filter((line) => line.includes('"msg":"interrupted imports recovered"'))
      .map((line) => JSON.parse(line) as { requeued: number[] });
    expect(recovered.flatMap((r) => r.requeued)).toEqual([Number(job.id)]);
    const after = apiClient(second.url, north.apiKey);
    const resumed = await after.waitForImport(accountId, job.id);
    expect([resumed.status, resumed.attempts, resumed.counts?.created]).toEqual(['completed', 2, 30_000]);
    const total = contactsResponseSchema.parse(
      (await after.get(`${apiPaths.contacts(accountId)}?limit=1`)).body,
    );
    expect(total.total).toBe(30_000);
  }, 300_000);
});
