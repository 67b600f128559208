import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { clientTether } from '../shared/template';
import { buildApp } from './app';
import type { ServerConfig } from './config';
import type { Database } from './db/database';
import { migrate } from './db/migrate';
import { openPglite } from './db/pglite';
import { openPostgres } from './db/postgres';
import { type DemoSeed, demoExists, seedDemo } from './demo/seed-demo';
import type { BodyLimits } from './http/body';
import { defaultConcurrency, ImportWorker, type WorkerOptions } from './imports/worker';

export type StartOptions = Readonly<{
  config: ServerConfig;
  /** An open database to use instead of the one the config names (tests); the caller closes it. */
  db?: Database;
  logger?: FastifyServerOptions['logger'];
  limits?: Partial<BodyLimits>;
  worker?: Omit<WorkerOptions, 'db' | 'template' | 'log'>;
}>;

export type RunningServer = Readonly<{
  url: string;
  port: number;
  db: Database;
  app: FastifyInstance;
  worker: ImportWorker;
  /** The accounts --demo created now (null when it had run before, or without --demo). */
  demo: DemoSeed | null;
  /** Where the demo keys were written. */
  demoKeysFile: string | null;
  close: () => Promise<void>;
}>;

/**
 * Opens the database (PGlite in the data folder, or DATABASE_URL's PostgreSQL), migrates it, requeues imports
 * a stopped server left behind, seeds the demo if asked, then listens and starts the import worker.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const ownsDb = !options.db;
  const db =
    options.db ??
    (config.databaseUrl
      ? await openPostgres({ connectionString: config.databaseUrl })
      : await openPglite(config.dataDir));
  let workerDb: Database | null = null;
  try {
    await migrate(db);
    const template = clientTether;
    let app: FastifyInstance | null = null;
    // The worker's own connections: one per job it runs side by side (each job's transaction) and two for
    // claims, heartbeats and progress. Requests and imports then never queue for each other's connections.
    workerDb = await db.dedicated((options.worker?.concurrency ?? defaultConcurrency) + 2);
    const worker = new ImportWorker({
      ...options.worker,
      db: workerDb,
      template,
      log: {
        info: (details, message) => app?.log.info(details, message),
        error: (details, message) => app?.log.error(details, message),
      },
    });
    app = await buildApp({
      db,
      template,
      onJobQueued: (job) => worker.accept(job.id, job.request),
      logger: options.logger,
      limits: options.limits,
    });
    await worker.recover();
    let demo: DemoSeed | null = null;
    let demoKeysFile: string | null = null;
    if (config.demo) {
      demoKeysFile = join(config.dataDir, 'demo-api-keys.json');
      if (!(await demoExists(db))) {
        demo = await seedDemo(db);
        mkdirSync(config.dataDir, { recursive: true });
        // The keys are secrets: readable by this user only.
        writeFileSync(demoKeysFile, `${JSON.stringify(demo, null, 2)}\n`, { mode: 0o600 });
        chmodSync(demoKeysFile, 0o600);
      }
    }
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    worker.start();
    const running: RunningServer = {
      url: `http://${config.host}:${port}`,
      port,
      db,
      app,
      worker,
      demo,
      demoKeysFile,
      async close() {
        await app.close();
        await worker.stop();
        await workerDb?.close();
        if (ownsDb) await db.close();
      },
    };
    return running;
  } catch (error) {
    await workerDb?.close().catch(() => {});
    if (ownsDb) await db.close().catch(() => {});
    throw error;
  }
}
