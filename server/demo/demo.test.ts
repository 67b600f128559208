import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiPaths, lookupsResponseSchema, meResponseSchema } from '../../shared/api';
import { startServer } from '../start-server';
import { apiClient } from '../testing/api-client';
import { createTestPglite } from '../testing/test-databases';
import type { DemoSeed } from './seed-demo';

describe('--demo', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'listprep-demo-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates an enterprise with two sub-accounts and working keys once, and writes the keys for its user only', async () => {
    const { db } = await createTestPglite();
    const config = { host: '127.0.0.1', port: 0, dataDir, databaseUrl: null, demo: true };
    const first = await startServer({ config, db });
    try {
      expect(first.demoKeysFile).toBe(join(dataDir, 'demo-api-keys.json'));
      const file = JSON.parse(readFileSync(join(dataDir, 'demo-api-keys.json'), 'utf8')) as DemoSeed;
      expect(file).toEqual(first.demo);
      expect(statSync(join(dataDir, 'demo-api-keys.json')).mode & 0o777).toBe(0o600);
      const enterprise = apiClient(first.url, file.enterprise.apiKey);
      const me = meResponseSchema.parse((await enterprise.get(apiPaths.me())).body);
      expect(me.accounts.map((a) => a.kind)).toEqual(['enterprise', 'sub-account', 'sub-account']);
      const north = file.subAccounts[0];
      const lookups = lookupsResponseSchema.parse(
        (await apiClient(first.url, north.apiKey).get(apiPaths.lookups(String(north.accountId)))).body,
      );
      expect(
        lookups.actionPlans.map((p) => [p.name, p.isDefault, p.startsWithImmediateCall, p.sends]),
      ).toEqual([
        ['Default Action Plan', true, false, ['email', 'text']],
        ['New Lead: Call Now', false, true, ['email']],
        ['Import Placeholder (quiet)', false, false, []],
      ]);
      expect(new Set(lookups.salesCycles.map((s) => s.contactType))).toEqual(new Set([1, 2, 3, 4, 5]));
      expect(lookups.leadSources.length).toBeGreaterThan(0);
      expect(lookups.tags.length).toBeGreaterThan(0);
      expect(lookups.users.length).toBe(2);
      expect(lookups.customFields.map((f) => f.key)).toEqual(['preferred_contact_time']);
    } finally {
      await first.close();
    }
    const second = await startServer({ config, db });
    try {
      expect(second.demo).toBeNull();
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts');
      expect(rows[0].n).toBe(3);
    } finally {
      await second.close();
      await db.close();
    }
  });
});
