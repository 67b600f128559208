import { mkdirSync } from 'node:fs';
import { PGlite, type PGliteInterface, type Transaction } from '@electric-sql/pglite';
import type { Database, QueryResult, Sql } from './database';
import { lockDataDir } from './data-dir-lock';

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

/** Wraps an open PGlite (a test's clone, say); `release` runs after it is closed. */
export function fromPglite(db: PGliteInterface, release: () => void = () => {}): Database {
  const sql = wrap(db);
  const database: Database = {
    kind: 'pglite',
    concurrent: false,
    query: sql.query,
    exec: sql.exec,
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    // One connection is all PGlite has: the worker shares it, and closing the handle leaves it open.
    dedicated: async () => ({ ...database, close: async () => {} }),
    async close() {
      await db.close();
      release();
    },
  };
  return database;
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
