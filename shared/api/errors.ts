import { z } from 'zod';

/**
 * Every error code the server answers with, and its HTTP status. Stable: clients branch on the code, never on
 * the message. Add a code rather than change one.
 */
export const apiErrorStatus = {
  /** The body is not JSON, or not the media type the route takes. */
  'request.malformed': 400,
  /** The body or query does not match the contract (wrong types, unknown fields, limits); see `issues`. */
  'request.invalid': 400,
  /** An import request came without an `Idempotency-Key` header. */
  'idempotency.keyRequired': 400,
  'auth.missing': 401,
  'auth.invalid': 401,
  /** No such account, or one the key may not reach: the two are not told apart. */
  'account.notFound': 404,
  'import.notFound': 404,
  'upload.notFound': 404,
  'contact.notFound': 404,
  'route.notFound': 404,
  /** The same idempotency key came with a different request. */
  'idempotency.conflict': 409,
  /** Only a completed import can be rolled back. */
  'rollback.notCompleted': 409,
  /** A later import changed contacts this import wrote; `issues` names them. */
  'rollback.laterChanges': 409,
  /** Ending an import that already ended (completed, failed, rolled back). */
  'import.notCancellable': 409,
  /** The import is still queued or running: its results file exists once it has ended. */
  'import.notFinished': 409,
  /** An import of the account is being written: roll back once it has ended. */
  'rollback.importRunning': 409,
  'request.tooLarge': 413,
  'request.unsupportedMediaType': 415,
  /** The file could not be read as CSV or XLSX. */
  'source.unreadable': 422,
  /** The mapping names a field the template or account does not have, twice, or leaves a required one out. */
  'mapping.invalid': 422,
  /** An option names an action plan, lead source or sales cycle step the account does not have. */
  'options.unknownId': 422,
  /** Rows carry text or email consent and the GDPR/TCPA confirmation was not given. */
  'compliance.required': 422,
  /** Too many requests with this API key in a short time; retry after `Retry-After` seconds. */
  'rate.limited': 429,
  /** The account has too many requests under way at once, or too many imports waiting; retry later. */
  'account.busy': 429,
  internal: 500,
  /** The server cannot serve this now (its database is saturated or locked); retry after `Retry-After`. */
  'server.busy': 503,
} as const satisfies Record<string, number>;

export type ApiErrorCode = keyof typeof apiErrorStatus;
export const apiErrorCodes = Object.keys(apiErrorStatus) as ApiErrorCode[];

/** A problem with the request itself: where in the body (`source.rows.3`) and what. */
export const requestIssueSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type RequestIssue = z.infer<typeof requestIssueSchema>;

/** A problem with a cell or row, worded for people: the shared validator's Issue, plus the server's own codes. */
export const rowIssueSchema = z.object({
  /** 1-based data row. */
  row: z.number().int(),
  /** 0-based column of the sheet as sent. */
  column: z.number().int(),
  /** The template header (or `custom:<key>`) the column was mapped to. */
  field: z.string(),
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  value: z.string(),
  /** Server-side codes: the other rows involved (1-based). */
  related: z.array(z.number().int()).optional(),
  /**
   * Duplicates: the groups of rows the row shares a value with, each described by its size and first rows
   * (1-based); every member's issue carries the same `id`, so a value on 100,000 rows is not listed 100,000 times.
   */
  groups: z
    .array(
      z.object({
        id: z.number().int(),
        match: z.enum(['value', 'namePhone', 'emailPhone', 'nameEmail']),
        size: z.number().int(),
        rows: z.array(z.number().int()),
      }),
    )
    .optional(),
  fix: z.object({ value: z.string(), fix: z.string() }).optional(),
  /** For server-side codes: the existing contact involved. */
  contactId: z.string().optional(),
});
export type RowIssue = z.infer<typeof rowIssueSchema>;

/** The one error envelope: `{ error: { code, message, issues? } }`. */
export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(apiErrorCodes as [ApiErrorCode, ...ApiErrorCode[]]),
    message: z.string(),
    issues: z.array(z.union([rowIssueSchema, requestIssueSchema])).optional(),
    /** On 429 and 503: seconds to wait before trying again (also the `Retry-After` header). */
    retryAfter: z.number().int().min(0).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
