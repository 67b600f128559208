import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { clientTether } from '../shared/template';
import { buildApp } from './app';
import type { ServerConfig } from './config';
import type { Database } from './db/database';
import { lockDataDir } from './db/data-dir-lock';
import { migrate } from './db/migrate';
import { openPglite } from './db/pglite';
import { openPostgres } from './db/postgres';
import { type DemoSeed, demoExists, seedDemo } from './demo/seed-demo';
import { Admission, type AdmissionLimits, defaultAdmissionLimits } from './http/admission';
import type { BodyLimits } from './http/body';
import { defaultConcurrency, ImportWorker, type WorkerOptions } from './imports/worker';
import { serverIdOf } from './server-id';
import { stopIdleSheetThreads } from './uploads/sheet-thread';
import { deleteOrphanParts } from './uploads/upload-store';

export type StartOptions = Readonly<{
  config: ServerConfig;
  /** An open database to use instead of the one the config names (tests); the caller closes it. */
  db?: Database;
  logger?: FastifyServerOptions['logger'];
  limits?: Partial<BodyLimits>;
  admission?: Partial<AdmissionLimits>;
  worker?: Omit<WorkerOptions, 'db' | 'template' | 'log' | 'memory'>;
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
 * Opens the database (PGlite in the data folder, or DATABASE_URL's PostgreSQL), migrates it, takes back the
 * imports a stopped server left behind, seeds the demo if asked, then listens and starts the import worker.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const ownsDb = !options.db;
  // One server per data folder, PostgreSQL or not: the folder holds the server's name in the job queue.
  // (PGlite's folder is locked when it is opened.)
  const unlock = ownsDb && config.databaseUrl ? lockDataDir(mkdirs(config.dataDir)) : () => {};
  let db: Database | null = null;
  let workerDb: Database | null = null;
  try {
    db =
      options.db ??
      (config.databaseUrl
        ? await openPostgres({ connectionString: config.databaseUrl })
        : await openPglite(config.dataDir));
    const database = db;
    await migrate(database);
    const template = clientTether;
    const admission = new Admission({ ...defaultAdmissionLimits, ...options.admission });
    let app: FastifyInstance | null = null;
    // The worker's own connections: one per job it runs side by side and two for claims, heartbeats and
    // progress. Requests and imports then never queue for each other's connections. (PGlite: the one
    // connection, with the worker's longer waits.)
    workerDb = await database.dedicated((options.worker?.concurrency ?? defaultConcurrency) + 2);
    const worker = new ImportWorker({
      ...options.worker,
      serverId: options.worker?.serverId ?? (ownsDb ? await serverIdOf(config.dataDir) : randomUUID()),
      db: workerDb,
      template,
      memory: admission.memory,
      log: {
        info: (details, message) => app?.log.info(details, message),
        error: (details, message) => app?.log.error(details, message),
      },
    });
    app = await buildApp({
      db: database,
      template,
      onJobQueued: (job) => worker.accept(job.id, job.request),
      logger: options.logger,
      limits: options.limits,
      admission,
      workerRunning: () => worker.running,
    });
    await worker.recover();
    await deleteOrphanParts(database);
    let demo: DemoSeed | null = null;
    let demoKeysFile: string | null = null;
    if (config.demo) {
      demoKeysFile = join(config.dataDir, 'demo-api-keys.json');
      if (!(await demoExists(database))) {
        demo = await seedDemo(database);
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
      db: database,
      app,
      worker,
      demo,
      demoKeysFile,
      async close() {
        await app.close();
        await worker.stop();
        await stopIdleSheetThreads();
        await workerDb?.close();
        if (ownsDb) await database.close();
        unlock();
      },
    };
    return running;
  } catch (error) {
    await workerDb?.close().catch(() => {});
    if (ownsDb) await db?.close().catch(() => {});
    unlock();
    throw error;
  }
}

function mkdirs(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
