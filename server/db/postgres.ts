import pg from 'pg';
import { asBusy } from './busy';
import type { Database, QueryResult, Sql } from './database';
import { backgroundTimeouts, type PoolTimeouts, requestTimeouts } from './timeouts';

export type PostgresOptions = Readonly<{
  connectionString: string;
  /** Tables live in this schema (created if missing): how tests give each run its own namespace. */
  schema?: string;
  maxConnections?: number;
  timeouts?: PoolTimeouts;
}>;

// int8 (ids, counts) as JavaScript numbers, as PGlite gives them: ids stay far below 2^53.
const int8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === int8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function wrap(client: pg.PoolClient | pg.Pool): Sql {
  return {
    async query<Row>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      try {
        const result = await client.query(text, params as unknown[] | undefined);
        return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
      } catch (error) {
        throw asBusy(error);
      }
    },
    async exec(text: string): Promise<void> {
      // Without parameters pg uses the simple protocol, which takes several statements at once.
      try {
        await client.query(text);
      } catch (error) {
        throw asBusy(error);
      }
    },
  };
}

/** A pool of connections to a real PostgreSQL. */
export async function openPostgres(options: PostgresOptions): Promise<Database> {
  const timeouts = options.timeouts ?? requestTimeouts;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types,
    connectionTimeoutMillis: timeouts.acquireMs,
    lock_timeout: timeouts.lockMs,
    statement_timeout: timeouts.statementMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)}` } : {}),
  });
  // An idle connection that dies (database restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  if (options.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(options.schema)}`);
  const sql = wrap(pool);
  return {
    kind: 'postgres',
    concurrent: true,
    query: sql.query,
    exec: sql.exec,
    async transaction(work) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw asBusy(error);
      }
      let broken = false;
      // The server may end a connection that is in a transaction between two statements (its idle-in-
      // transaction timeout, a restart): pg then emits 'error' on the client, which without a listener ends
      // the process. The transaction's next statement fails instead, and the connection is thrown away.
      const lost = () => {
        broken = true;
      };
      client.on('error', lost);
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw asBusy(error);
      } finally {
        client.off('error', lost);
        // A connection that could not even roll back is thrown away, never handed to the next request.
        client.release(broken);
      }
    },
    dedicated: (size) => openPostgres({ ...options, maxConnections: size, timeouts: backgroundTimeouts }),
    async close() {
      await pool.end();
    },
  };
}
