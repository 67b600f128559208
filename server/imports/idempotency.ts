import { createHash, type Hash } from 'node:crypto';
import type { ImportRequest } from '../../shared/api';
import type { Sql } from '../db/database';

// Idempotency as Stripe does it: a key names one request for 24 hours. The same key with the same request
// (compared by what it means, not by its bytes) answers with the import the first one started; with another
// request it is refused; after 24 hours the key is forgotten and may start a new import.

/** Hours a key is remembered. */
export const idempotencyKeyHours = 24;

/** Rows hashed between two turns of the event loop. */
const rowsPerTurn = 20_000;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * What a request means, as a hash: the request as parsed (defaults filled in) in a canonical JSON form,
 * object keys sorted and every row padded to the headers' width, as the import reads it. Whitespace, key
 * order, defaults left out or spelled out, and trailing empty cells do not change it.
 */
export async function requestFingerprint(request: ImportRequest): Promise<string> {
  const hash = createHash('sha256');
  const { source, ...rest } = request;
  writeCanonical(hash, rest);
  if (source.kind === 'rows') {
    const { rows, ...head } = source;
    writeCanonical(hash, head);
    const width = source.headers.length;
    for (let at = 0; at < rows.length; at++) {
      const row = rows[at];
      hash.update(
        JSON.stringify(row.length >= width ? row : [...row, ...new Array(width - row.length).fill('')]),
      );
      if (at % rowsPerTurn === rowsPerTurn - 1) await yieldToEventLoop();
    }
  } else {
    writeCanonical(hash, source);
  }
  return `c1:${hash.digest('hex')}`;
}

function writeCanonical(hash: Hash, value: unknown): void {
  if (value === null || typeof value !== 'object') {
    hash.update(JSON.stringify(value ?? null));
    return;
  }
  if (Array.isArray(value)) {
    hash.update('[');
    value.forEach((item, i) => {
      if (i) hash.update(',');
      writeCanonical(hash, item);
    });
    hash.update(']');
    return;
  }
  hash.update('{');
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  entries.forEach(([key, v], i) => {
    hash.update(`${i ? ',' : ''}${JSON.stringify(key)}:`);
    writeCanonical(hash, v);
  });
  hash.update('}');
}

/** How a request is recognised: its fingerprint, and (for keys stored before fingerprints) its body's hash. */
export type RequestIdentity = Readonly<{ fingerprint: string; bodySha256: () => string }>;

/** Whether a stored key's request is this one. */
export function sameRequest(storedHash: string, identity: RequestIdentity): boolean {
  return storedHash.startsWith('c1:')
    ? storedHash === identity.fingerprint
    : storedHash === identity.bodySha256();
}

/** The live key (younger than 24 hours), if any. */
export async function findKey(
  sql: Sql,
  accountId: number,
  key: string,
): Promise<{ importId: number; requestHash: string } | null> {
  const { rows } = await sql.query<{ import_id: number | null; request_hash: string }>(
    `SELECT import_id, request_hash FROM idempotency_keys
      WHERE account_id = $1 AND key = $2 AND created_at > now() - $3 * interval '1 hour'`,
    [accountId, key, idempotencyKeyHours],
  );
  const row = rows[0];
  return row && row.import_id !== null ? { importId: row.import_id, requestHash: row.request_hash } : null;
}

/**
 * Takes the key for a new import, in the transaction that creates it: false when a live key exists (of ten
 * requests at once exactly one takes it; the others wait for its transaction and then find it). An expired
 * key is taken over.
 */
export async function takeKey(
  tx: Sql,
  accountId: number,
  key: string,
  fingerprint: string,
): Promise<boolean> {
  const { rows } = await tx.query(
    `INSERT INTO idempotency_keys (account_id, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (account_id, key) DO UPDATE
       SET request_hash = EXCLUDED.request_hash, import_id = NULL, created_at = now()
       WHERE idempotency_keys.created_at <= now() - $4 * interval '1 hour'
     RETURNING 1`,
    [accountId, key, fingerprint, idempotencyKeyHours],
  );
  return rows.length > 0;
}

export async function bindKey(tx: Sql, accountId: number, key: string, importId: number): Promise<void> {
  await tx.query('UPDATE idempotency_keys SET import_id = $3 WHERE account_id = $1 AND key = $2', [
    accountId,
    key,
    importId,
  ]);
}

/** Forgets keys older than 24 hours; returns how many. */
export async function expireKeys(sql: Sql): Promise<number> {
  const { rowCount } = await sql.query(
    `DELETE FROM idempotency_keys WHERE created_at <= now() - $1 * interval '1 hour'`,
    [idempotencyKeyHours],
  );
  return rowCount;
}
