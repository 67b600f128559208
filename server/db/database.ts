/** Rows of a query; column values as the driver parses them (int8 as number, jsonb as objects). */
export type QueryResult<Row> = { rows: Row[]; rowCount: number };

/** What code that reads and writes needs: one connection's worth of SQL, in or out of a transaction. */
export type Sql = {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
};

/**
 * The server's database: embedded PGlite or a real PostgreSQL, behind the same SQL. The code never asks
 * which, except where the engines differ in what they can do at the same time (`concurrent`).
 */
export type Database = Sql & {
  readonly kind: 'pglite' | 'postgres';
  /**
   * True when queries can run side by side on separate connections (PostgreSQL). PGlite is one connection:
   * a transaction holds it, and every other query waits for the transaction to end.
   */
  readonly concurrent: boolean;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * The same database through connections of its own (PostgreSQL: a second pool of `size`, with the
   * background timeouts; PGlite: its one connection), so the import worker never waits behind requests for a
   * connection, and requests never wait behind imports.
   */
  dedicated(size: number): Promise<Database>;
  close(): Promise<void>;
};
