import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { apiPaths, meResponseSchema } from '../shared/api';
import type { DemoSeed } from './demo/seed-demo';
import { apiClient } from './testing/api-client';
import { type ServerProcess, spawnServer } from './testing/server-process';
import { testDatabaseUrl } from './testing/test-databases';

// `npm run server` with DATABASE_URL, as a process: a database of its own, created and dropped here.
describe.runIf(testDatabaseUrl)('the server on DATABASE_URL', () => {
  const database = `listprep_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'listprep-pg-server-'));
  let server: ServerProcess | null = null;
  const admin = () => new pg.Client({ connectionString: testDatabaseUrl ?? '' });

  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    const client = admin();
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${database}"`);
    await client.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the migrations at start and serves from that PostgreSQL, and stops cleanly on SIGTERM', async () => {
    const client = admin();
    await client.connect();
    await client.query(`CREATE DATABASE "${database}"`);
    await client.end();
    const url = new URL(testDatabaseUrl ?? '');
    url.pathname = `/${database}`;
    server = await spawnServer(['--demo', '--data-dir', dataDir], { DATABASE_URL: url.toString() });
    expect(server.lines.find((line) => line.startsWith('ListPrep import server'))).toMatch(
      /^ListPrep import server listening on http:\/\/127\.0\.0\.1:\d+ \(PostgreSQL \(DATABASE_URL\)\)$/,
    );
    const keys = JSON.parse(readFileSync(join(dataDir, 'demo-api-keys.json'), 'utf8')) as DemoSeed;
    const key = keys.enterprise.apiKey;
    // The keys are in the file only: what the server prints is its log stream.
    for (const account of [keys.enterprise, ...keys.subAccounts])
      expect(server.lines.filter((line) => line.includes(account.apiKey))).toEqual([]);
    const me = meResponseSchema.parse((await apiClient(server.url, key).get(apiPaths.me())).body);
    expect(me.accounts).toHaveLength(3);
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    const { rows } = await db.query('SELECT version FROM schema_migrations ORDER BY version');
    await db.end();
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe('0');
  }, 60_000);
});
