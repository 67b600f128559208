import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiPaths, contactsResponseSchema, importJobResponseSchema } from '../shared/api';
import type { DemoSeed } from './demo/seed-demo';
import { apiClient } from './testing/api-client';
import { contactRows, rowsRequest } from './testing/rows';
import { type ServerProcess, spawnServer } from './testing/server-process';

// One run, on PGlite in a real data folder: the server that is killed is a separate process, as in production.
describe('a server killed in the middle of an import', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'listprep-crash-'));
  const running: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of running) {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves no partial import, resumes it after a restart, and a retry with the same key imports exactly once', async () => {
    const first = await spawnServer(['--data-dir', dataDir, '--demo']);
    running.push(first);
    const seed = JSON.parse(readFileSync(join(dataDir, 'demo-api-keys.json'), 'utf8')) as DemoSeed;
    const north = seed.subAccounts[0];
    const accountId = String(north.accountId);
    const request = rowsRequest(contactRows(60_000));
    const client = apiClient(first.url, north.apiKey);
    const started = await client.startImport(accountId, request, 'crash-key');
    expect(started.status).toBe(202);
    const { job } = importJobResponseSchema.parse(started.body);

    // Killed as soon as the first batch of the write transaction is in: 55,000 rows still to go.
    await first.waitForLine((line) => line.includes('"msg":"import batch written"'));
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const second = await spawnServer(['--data-dir', dataDir]);
    running.push(second);
    const after = apiClient(second.url, north.apiKey);
    const seen = contactsResponseSchema.parse(
      (await after.get(`${apiPaths.contacts(accountId)}?limit=1`)).body,
    ).total;
    expect([0, 60_000]).toContain(seen);
    const resumed = await after.waitForImport(accountId, job.id);
    expect([resumed.status, resumed.attempts, resumed.counts?.created]).toEqual(['completed', 2, 60_000]);

    const retried = await after.startImport(accountId, request, 'crash-key');
    expect([retried.status, importJobResponseSchema.parse(retried.body).job.id]).toEqual([202, job.id]);
    const total = contactsResponseSchema.parse(
      (await after.get(`${apiPaths.contacts(accountId)}?limit=1`)).body,
    ).total;
    expect(total).toBe(60_000);
    // Two PGlite folders opened in separate processes: minutes when the machine is loaded.
  }, 600_000);
});
