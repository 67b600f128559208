/**
 * The import server's size limits, shared so a client can refuse early with the same numbers. Each bounds
 * the memory or time one request can take; a request beyond one is a 4xx, never a slow server.
 */
export const apiLimits = {
  /** Bytes of a JSON request body (an import request with its rows). */
  jsonBodyBytes: 128 * 1024 * 1024,
  /** Bytes of an uploaded CSV or XLSX file. */
  uploadBytes: 128 * 1024 * 1024,
  /** Columns of one sheet. The template has 43; the rest are kept as `[import]` notes or dropped. */
  columns: 500,
  /** Data rows of one import. */
  rows: 1_000_000,
  /** Characters of one cell (a whiteboard note can be long; a megabyte in one cell is not a contact). */
  cellChars: 32_768,
  /** Characters of a header. */
  headerChars: 256,
  /** Characters of an idempotency key. */
  idempotencyKeyChars: 200,
  /** Rows a page of per-row outcomes, issues or contacts holds at most. */
  pageSize: 1_000,
} as const;
