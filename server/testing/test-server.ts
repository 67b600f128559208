import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoSeed, seedDemo } from '../demo/seed-demo';
import type { AdmissionLimits } from '../http/admission';
import type { BodyLimits } from '../http/body';
import type { WorkerOptions } from '../imports/worker';
import { type RunningServer, type StartOptions, startServer } from '../start-server';
import { type ApiClient, apiClient } from './api-client';
import type { DbVariant } from './test-databases';

/** A tenant for one test: an enterprise with two sub-accounts, and a client per account's key. */
export type Tenant = Readonly<{
  seed: DemoSeed;
  enterpriseId: string;
  northId: string;
  southId: string;
  enterprise: ApiClient;
  north: ApiClient;
  south: ApiClient;
}>;

export type TestServer = Readonly<{
  url: string;
  server: RunningServer;
  /** Seeds a new enterprise with its sub-accounts: tests share a server, never a tenant. */
  tenant: () => Promise<Tenant>;
  close: () => Promise<void>;
}>;

/** A real server listening on 127.0.0.1 (random port) over a fresh database of the variant. */
export async function startTestServer(
  variant: DbVariant,
  options: {
    limits?: Partial<BodyLimits>;
    admission?: Partial<AdmissionLimits>;
    worker?: Omit<WorkerOptions, 'db' | 'template' | 'log' | 'memory'>;
    logger?: StartOptions['logger'];
  } = {},
): Promise<TestServer> {
  const { db, drop } = await variant.create();
  const server = await startServer({
    config: {
      host: '127.0.0.1',
      port: 0,
      dataDir: join(tmpdir(), 'listprep-unused'),
      databaseUrl: null,
      demo: false,
    },
    db,
    limits: options.limits,
    admission: options.admission,
    logger: options.logger,
    worker: { pollMs: 50, ...options.worker },
  });
  return {
    url: server.url,
    server,
    async tenant() {
      const seed = await seedDemo(db, { name: `Tenant ${randomBytes(3).toString('hex')}`, demo: false });
      const [north, south] = seed.subAccounts;
      return {
        seed,
        enterpriseId: String(seed.enterprise.accountId),
        northId: String(north.accountId),
        southId: String(south.accountId),
        enterprise: apiClient(server.url, seed.enterprise.apiKey),
        north: apiClient(server.url, north.apiKey),
        south: apiClient(server.url, south.apiKey),
      };
    },
    async close() {
      await server.close();
      await db.close();
      await drop();
    },
  };
}
