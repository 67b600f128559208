import { mkdirSync } from 'node:fs';
import { PGlite, type PGliteInterface, type Transaction } from '@electric-sql/pglite';
import type { Database, QueryResult, Sql } from './database';
import { lockDataDir } from './data-dir-lock';
import { backgroundTimeouts, type PoolTimeouts, requestTimeouts } from './timeouts';
import { Turnstile } from './turnstile';

type Queryable = PGliteInterface | Transaction;

function wrap(target: Queryable): Sql {
  return {
    async query<Row>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(text, params as unknown[] | undefined);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(text: string): Promise<void> {
      await target.exec(text);
    },
  };
}

/**
 * PGlite is one connection: a query or transaction takes its turn at the turnstile, waiting at most the
 * acquire timeout (then DatabaseBusy, having run nothing), as a pooled PostgreSQL connection would be waited
 * for. The requests' handle and the worker's share the turnstile, each with its own timeouts.
 */
function handle(
  db: PGliteInterface,
  turnstile: Turnstile,
  timeouts: PoolTimeouts,
  close: () => Promise<void>,
): Database {
  const sql = wrap(db);
  const database: Database = {
    kind: 'pglite',
    concurrent: false,
    async query(text, params) {
      const exit = await turnstile.enter(timeouts.acquireMs);
      try {
        return await sql.query(text, params);
      } finally {
        exit();
      }
    },
    async exec(text) {
      const exit = await turnstile.enter(timeouts.acquireMs);
      try {
        await sql.exec(text);
      } finally {
        exit();
      }
    },
    async transaction(work) {
      const exit = await turnstile.enter(timeouts.acquireMs);
      try {
        return await db.transaction((tx) => work(wrap(tx)));
      } finally {
        exit();
      }
    },
    // The same one connection, with the background timeouts; closing this handle leaves the database open.
    dedicated: async () => handle(db, turnstile, backgroundTimeouts, async () => {}),
    close,
  };
  return database;
}

/** Wraps an open PGlite (a test's clone, say); `release` runs after it is closed. */
export function fromPglite(db: PGliteInterface, release: () => void = () => {}): Database {
  return handle(db, new Turnstile(), requestTimeouts, async () => {
    await db.close();
    release();
  });
}

/**
 * Embedded PostgreSQL in a folder, or in memory without one. A folder is locked to this process: PGlite is
 * one process's database, and two processes writing one folder would corrupt it.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (!dataDir) return fromPglite(await PGlite.create());
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  try {
    return fromPglite(await PGlite.create(`${dataDir}/pgdata`), unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}
