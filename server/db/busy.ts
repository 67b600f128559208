/**
 * The database could not serve a query in time: no free connection within the wait, a lock not granted
 * within lock_timeout, or a statement past statement_timeout. Requests answer it with 503 and Retry-After
 * instead of hanging; the import worker treats it as a failed attempt of that one step.
 */
export class DatabaseBusy extends Error {
  override readonly name = 'DatabaseBusy';
  constructor(readonly reason: 'connections' | 'lock' | 'statement') {
    super(`database busy (${reason})`);
  }
}

// PostgreSQL's SQLSTATEs for "not now": lock_not_available (lock_timeout), query_canceled (statement_timeout),
// too_many_connections, cannot_connect_now (starting up or shutting down).
const busyStates: Readonly<Record<string, DatabaseBusy['reason']>> = {
  '55P03': 'lock',
  '57014': 'statement',
  '53300': 'connections',
  '57P03': 'connections',
};

/** The error a driver threw, as DatabaseBusy when it means "try again shortly"; otherwise unchanged. */
export function asBusy(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  // pg-pool's wording when connectionTimeoutMillis passes with every connection taken.
  if (error.message === 'timeout exceeded when trying to connect') return new DatabaseBusy('connections');
  const state = (error as { code?: unknown }).code;
  const reason = typeof state === 'string' ? busyStates[state] : undefined;
  return reason ? new DatabaseBusy(reason) : error;
}
