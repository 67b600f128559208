import type { RequestIssue, RowIssue } from '../api';

/**
 * Why a call to the import server did not give what was asked, sorted by what the client should do:
 * `offline` (no answer) and `unavailable` (502/503/504, a server restarting or busy; 429, too many requests
 * at once) are retried with the same idempotency key; `auth` needs a new key; `refused` is the server's considered no (fix the request);
 * `protocol` is an answer that is not the contract (the wrong address, or a server of another version).
 */
export type FailureKind = 'offline' | 'unavailable' | 'auth' | 'refused' | 'protocol';

export type UploadFailure = Readonly<{
  kind: FailureKind;
  /** The server's error code (`compliance.required`…), or the transport's (`connection.network`…). */
  code: string;
  message: string;
  /** The HTTP status, or null when no answer arrived. */
  status: number | null;
  issues: readonly (RowIssue | RequestIssue)[];
  /** How long the server asked the client to wait before trying again (429, 503), in milliseconds. */
  retryAfterMs?: number;
}>;

/** Whether sending the same request again (same idempotency key) may succeed. */
export function isRetryable(failure: UploadFailure): boolean {
  return failure.kind === 'offline' || failure.kind === 'unavailable';
}
