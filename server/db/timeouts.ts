/** How long work on one pool may wait, in milliseconds; 0 = no limit. */
export type PoolTimeouts = Readonly<{
  /** For a free connection of the pool; past it the query fails as DatabaseBusy. */
  acquireMs: number;
  /** For a row or table lock (PostgreSQL's lock_timeout). */
  lockMs: number;
  /** For one statement (statement_timeout). */
  statementMs: number;
  /** For a transaction left open with nothing running: the server ends it, so a stuck process frees its locks. */
  idleInTransactionMs: number;
}>;

/**
 * Requests: short statements; a request that cannot be served within seconds answers 503 with Retry-After
 * rather than holding its client (and a connection) for minutes.
 */
export const requestTimeouts: PoolTimeouts = {
  acquireMs: 5_000,
  lockMs: 5_000,
  statementMs: 30_000,
  idleInTransactionMs: 60_000,
};

/** The import worker: statements over 100,000 rows take a while; locks and stalls still end. */
export const backgroundTimeouts: PoolTimeouts = {
  acquireMs: 30_000,
  lockMs: 30_000,
  statementMs: 10 * 60_000,
  idleInTransactionMs: 5 * 60_000,
};
