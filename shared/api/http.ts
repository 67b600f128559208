/** Where a client sends the API key: `Authorization: Bearer <key>`. */
export const authorizationHeader = 'authorization';
/**
 * Required on `POST …/imports`: the same key with the same request (compared by meaning) returns the same
 * import instead of importing twice; with another request, 409. A key is kept 24 hours.
 */
export const idempotencyKeyHeader = 'idempotency-key';
/** Set to `true` on an answer that replays an import created by an earlier request with the same key. */
export const idempotentReplayedHeader = 'idempotent-replayed';

/** Media types `POST …/uploads` takes as the raw body. */
export const uploadMediaTypes = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  /** The server sniffs the bytes: a workbook or text, whatever the name says. */
  binary: 'application/octet-stream',
} as const;

const enc = encodeURIComponent;

/** Every route of the API, version 1. Paths are built here so client and server cannot drift apart. */
export const apiPaths = {
  /** Liveness: the process answers (no database involved). */
  health: () => '/v1/health',
  /** Readiness: the database answers and the import worker runs; 503 with Retry-After when not. */
  ready: () => '/v1/ready',
  me: () => '/v1/me',
  accounts: () => '/v1/accounts',
  account: (accountId: string) => `/v1/accounts/${enc(accountId)}`,
  lookups: (accountId: string) => `/v1/accounts/${enc(accountId)}/lookups`,
  template: (accountId: string) => `/v1/accounts/${enc(accountId)}/template`,
  uploads: (accountId: string) => `/v1/accounts/${enc(accountId)}/uploads`,
  dryRun: (accountId: string) => `/v1/accounts/${enc(accountId)}/imports/dry-run`,
  imports: (accountId: string) => `/v1/accounts/${enc(accountId)}/imports`,
  importJob: (accountId: string, importId: string) =>
    `/v1/accounts/${enc(accountId)}/imports/${enc(importId)}`,
  importRows: (accountId: string, importId: string) =>
    `/v1/accounts/${enc(accountId)}/imports/${enc(importId)}/rows`,
  importIssues: (accountId: string, importId: string) =>
    `/v1/accounts/${enc(accountId)}/imports/${enc(importId)}/issues`,
  /** `POST`: stops a queued or running import; nothing of it is written. */
  cancelImport: (accountId: string, importId: string) =>
    `/v1/accounts/${enc(accountId)}/imports/${enc(importId)}/cancel`,
  /** `GET`: one CSV line per row of the file (created, updated, unchanged, skipped, rejected…) with reasons. */
  importResults: (accountId: string, importId: string) =>
    `/v1/accounts/${enc(accountId)}/imports/${enc(importId)}/results.csv`,
  rollback: (accountId: string, importId: string) =>
    `/v1/accounts/${enc(accountId)}/imports/${enc(importId)}/rollback`,
  contacts: (accountId: string) => `/v1/accounts/${enc(accountId)}/contacts`,
  contact: (accountId: string, contactId: string) =>
    `/v1/accounts/${enc(accountId)}/contacts/${enc(contactId)}`,
} as const;
