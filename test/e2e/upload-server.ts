import type { Database } from '../../server/db/database';
import { openPglite } from '../../server/db/pglite';
import { type DemoSeed, seedDemo } from '../../server/demo/seed-demo';
import { type RunningServer, startServer } from '../../server/start-server';
import { ApiClient, fetchTransport, serverAddressOf } from '../../shared/upload';

// The real import server for upload tests: in this process, on 127.0.0.1 and a random port, on an in-memory
// PGlite, with one enterprise and two sub-accounts (their API keys, action plans, lookups) per test file.

export type TestServer = Readonly<{
  url: () => string;
  port: () => number;
  db: Database;
  seed: DemoSeed;
  /** A client for the API with a key, for the test to read back what the app or CLI did. */
  client: (apiKey: string) => ApiClient;
  /** Stops listening (the database stays); `start` listens again on the same port. */
  stop: () => Promise<void>;
  start: () => Promise<void>;
  close: () => Promise<void>;
}>;

/** A client of the API at `url` with a key, under the transport policy every client uses. */
export function apiClientAt(url: string, apiKey: string): ApiClient {
  const address = serverAddressOf(url);
  if (!address.ok) throw new Error(address.error.message);
  return new ApiClient(fetchTransport({ address: address.value, apiKey, fetch }));
}

/** `host`: 127.0.0.1, or this machine's network address for a server on "another computer". */
export async function startTestServer(name = 'Upload Test', host = '127.0.0.1'): Promise<TestServer> {
  const db = await openPglite();
  let port = 0;
  let running: RunningServer | null = null;
  const start = async () => {
    running = await startServer({
      config: { host, port, dataDir: '/nonexistent', databaseUrl: null, demo: false },
      db,
      worker: { pollMs: 50 },
    });
    port = running.port;
  };
  await start();
  const seed = await seedDemo(db, { name, demo: false });
  const url = () => `http://${host}:${port}`;
  return {
    url,
    port: () => port,
    db,
    seed,
    client: (apiKey) => apiClientAt(url(), apiKey),
    stop: async () => {
      await running?.close();
      running = null;
    },
    start,
    close: async () => {
      await running?.close();
      await db.close();
    },
  };
}
