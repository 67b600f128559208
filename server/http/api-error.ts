import type { ApiErrorCode, RequestIssue, RowIssue } from '../../shared/api';
import { apiErrorStatus } from '../../shared/api';

/** A refusal with a stable code; the error handler turns it into `{ error: { code, message, issues? } }`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly statusCode: number;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: readonly (RequestIssue | RowIssue)[],
    /** Seconds the client should wait before trying again (429, 503): sent as `Retry-After` too. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.statusCode = apiErrorStatus[code];
  }
}
