/** Where a client sends the API key: `Authorization: Bearer <key>`. */
export const authorizationHeader = 'authorization';
/**
 * Required on `POST …/imports`: the same key with the same request (compared by meaning) returns the same
 * import instead of importing twice; with another request, 409. A key is kept 24 hours.
 */
export const idempotencyKeyHeader = 'idempotency-key';
/** Set to `true` on an answer that replays an import created by an earlier request with the same key. */
export const idempotentReplayedHeader = 'idempotent-replayed';

/**
 * The uploaded file's name on `POST …/uploads`, percent-encoded UTF-8 (`fileNameHeaderValue`). A header and
 * not the query: a file name is personal data, and URLs are written to proxy and server logs.
 */
export const fileNameHeader = 'x-file-name';
/** The longest file name the server keeps, in characters once decoded. */
export const fileNameMaxLength = 255;

/**
 * A file name as the X-File-Name header carries it: its UTF-8 bytes, each outside encodeURIComponent's
 * unreserved set as %XX. Half of a surrogate pair (which has no UTF-8 form) is written as the three bytes
 * it would take, so the server refuses the name as unstorable instead of this function throwing.
 */
export function fileNameHeaderValue(name: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < name.length; i++) {
    const unit = name.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const pairs = unit <= 0xdbff && i + 1 < name.length && (name.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pairs) {
      i++;
      continue;
    }
    const bytes = [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)];
    out +=
      encodeURIComponent(name.slice(from, i)) + bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    from = i + 1;
  }
  return out + encodeURIComponent(name.slice(from));
}

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
