import {
  type ImportCounts,
  type ImportJob,
  type ImportOptions,
  isLargeImport,
  type RowIssue,
} from '../../shared/api';
import type { Database, Sql } from '../db/database';
import { ApiError } from '../http/api-error';

export type JobRow = {
  id: number;
  account_id: number;
  user_id: number;
  user_name: string;
  request_hash: string;
  options: ImportOptions;
  source_kind: 'rows' | 'upload';
  source_name: string;
  row_count: number;
  column_count: number;
  status: ImportJob['status'];
  reason: string | null;
  issue_count: number;
  counts: ImportCounts | null;
  progress_phase: ImportJob['progress']['phase'];
  progress_done: number;
  progress_total: number;
  attempts: number;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  /** The first issues (at most 100), for the job view. */
  first_issues: RowIssue[] | null;
};

const jobColumns = `j.id, j.account_id, j.user_id, u.name AS user_name, j.request_hash, j.options, j.source_kind,
  j.source_name, j.row_count, j.column_count, j.status, j.reason, j.issue_count, j.counts, j.progress_phase,
  j.progress_done, j.progress_total, j.attempts, j.created_at, j.started_at, j.finished_at, j.rolled_back_at,
  jsonb_path_query_array(coalesce(j.issues, '[]'::jsonb), '$[0 to 99]') AS first_issues`;

export type NewJob = Readonly<{
  accountId: number;
  userId: number;
  idempotencyKey: string;
  requestHash: string;
  options: ImportOptions;
  mapping: readonly (string | null)[] | null;
  sourceKind: 'rows' | 'upload';
  sourceName: string;
  uploadId: number | null;
  rowCount: number;
  columnCount: number;
  /** The request body, gzip-compressed, in base64. */
  payload: string;
}>;

/**
 * Creates the job for an idempotency key, or finds the one an earlier request created. The unique index on
 * (account, key) decides: of ten requests at once exactly one inserts, the others find its job. The same key
 * with another body is refused.
 */
export async function createJob(db: Database, job: NewJob): Promise<{ job: JobRow; replayed: boolean }> {
  const inserted = await db.query<{ id: number }>(
    `INSERT INTO import_jobs (account_id, user_id, idempotency_key, request_hash, options, mapping, source_kind,
       source_name, upload_id, row_count, column_count, payload, progress_total)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11, $12, $10)
     ON CONFLICT (account_id, idempotency_key) DO NOTHING
     RETURNING id`,
    [
      job.accountId,
      job.userId,
      job.idempotencyKey,
      job.requestHash,
      JSON.stringify(job.options),
      job.mapping ? JSON.stringify(job.mapping) : null,
      job.sourceKind,
      job.sourceName,
      job.uploadId,
      job.rowCount,
      job.columnCount,
      job.payload,
    ],
  );
  if (inserted.rows.length) {
    return { job: (await getJob(db, job.accountId, inserted.rows[0].id)) as JobRow, replayed: false };
  }
  const replay = await replayJob(db, job.accountId, job.idempotencyKey, job.requestHash);
  if (!replay) throw new Error('idempotency key vanished between insert and select');
  return { job: replay, replayed: true };
}

/**
 * The job an earlier request with this key created, if any; refuses (409) when that request differed. Checked
 * before anything else, so a retry gets the first answer even if the account changed since.
 */
export async function replayJob(
  sql: Sql,
  accountId: number,
  idempotencyKey: string,
  requestHash: string,
): Promise<JobRow | null> {
  const { rows } = await sql.query<{ id: number; request_hash: string }>(
    'SELECT id, request_hash FROM import_jobs WHERE account_id = $1 AND idempotency_key = $2',
    [accountId, idempotencyKey],
  );
  const existing = rows[0];
  if (!existing) return null;
  if (existing.request_hash !== requestHash) {
    throw new ApiError(
      'idempotency.conflict',
      `The idempotency key was already used for import ${existing.id} with a different request; use a new key for a new import.`,
    );
  }
  return getJob(sql, accountId, existing.id);
}

export async function getJob(sql: Sql, accountId: number, importId: number): Promise<JobRow | null> {
  const { rows } = await sql.query<JobRow>(
    `SELECT ${jobColumns} FROM import_jobs j JOIN users u ON u.id = j.user_id WHERE j.id = $1 AND j.account_id = $2`,
    [importId, accountId],
  );
  return rows[0] ?? null;
}

/** Newest first; `before` pages to older imports. */
export async function listJobs(
  sql: Sql,
  accountId: number,
  before: number | null,
  limit: number,
): Promise<JobRow[]> {
  const { rows } = await sql.query<JobRow>(
    `SELECT ${jobColumns} FROM import_jobs j JOIN users u ON u.id = j.user_id
      WHERE j.account_id = $1 AND ($2::bigint IS NULL OR j.id < $2)
      ORDER BY j.id DESC LIMIT $3`,
    [accountId, before, limit],
  );
  return rows;
}

export async function jobIssues(
  sql: Sql,
  accountId: number,
  importId: number,
  offset: number,
  limit: number,
): Promise<{ issues: RowIssue[]; total: number } | null> {
  const { rows } = await sql.query<{ issues: RowIssue[]; total: number }>(
    `SELECT jsonb_path_query_array(coalesce(issues, '[]'::jsonb), ('$[' || $3 || ' to ' || $4 || ']')::jsonpath) AS issues,
            issue_count AS total
       FROM import_jobs WHERE id = $1 AND account_id = $2`,
    [importId, accountId, offset, offset + limit - 1],
  );
  return rows[0] ?? null;
}

/** A job claimed for work, with what the worker needs to run it. */
export type ClaimedJob = Readonly<{
  id: number;
  accountId: number;
  userName: string;
  attempts: number;
  token: string;
}>;

// Claims are taken one at a time across every server sharing the database (a transaction-level advisory lock,
// held for the few milliseconds a claim takes), so "no other import of this account is running" is read after
// the previous claim committed and two servers never start two imports of one account.
const claimLock = 7_123_001;

/**
 * Takes the oldest queued job of an account that has no import running, skipping any job another process is
 * taking at this moment (`FOR UPDATE SKIP LOCKED`), so any number of servers share one queue without taking
 * the same job twice. A job whose account is busy stays queued instead of being claimed to wait: a waiting job
 * would hold a worker slot and a database connection for as long as the running import lasts. A running job
 * whose lease ran out (its server stopped) no longer holds its account back; the lease sweep requeues it.
 */
export async function claimNextJob(db: Database, token: string, leaseMs: number): Promise<ClaimedJob | null> {
  const rows = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [claimLock]);
    const claimed = await tx.query<{ id: number; account_id: number; user_name: string; attempts: number }>(
      `UPDATE import_jobs j SET status = 'processing', claim_token = $1,
          lease_until = now() + $2 * interval '1 millisecond', attempts = attempts + 1,
          started_at = coalesce(started_at, now()), progress_phase = 'validating', progress_done = 0
         FROM users u
        WHERE u.id = j.user_id AND j.id = (
          SELECT q.id FROM import_jobs q
           WHERE q.status = 'queued'
             AND NOT EXISTS (
               SELECT 1 FROM import_jobs p
                WHERE p.account_id = q.account_id AND p.status = 'processing' AND p.lease_until >= now())
           ORDER BY q.id FOR UPDATE OF q SKIP LOCKED LIMIT 1)
        RETURNING j.id, j.account_id, u.name AS user_name, j.attempts`,
      [token, leaseMs],
    );
    return claimed.rows;
  });
  const row = rows[0];
  return row
    ? { id: row.id, accountId: row.account_id, userName: row.user_name, attempts: row.attempts, token }
    : null;
}

/** The stored request of a job (gzip-compressed JSON in base64), or null once the job has ended. */
export async function loadPayload(sql: Sql, id: number): Promise<string | null> {
  const { rows } = await sql.query<{ payload: string | null }>(
    'SELECT payload FROM import_jobs WHERE id = $1',
    [id],
  );
  return rows[0]?.payload ?? null;
}

/** Keeps the claim alive while the work goes on; false when the job is no longer ours. */
export async function extendLease(sql: Sql, id: number, token: string, leaseMs: number): Promise<boolean> {
  const result = await sql.query(
    `UPDATE import_jobs SET lease_until = now() + $3 * interval '1 millisecond'
      WHERE id = $1 AND claim_token = $2 AND status = 'processing'`,
    [id, token, leaseMs],
  );
  return result.rowCount > 0;
}

export async function setProgress(
  sql: Sql,
  id: number,
  token: string,
  phase: ImportJob['progress']['phase'],
  done: number,
): Promise<void> {
  await sql.query(
    `UPDATE import_jobs SET progress_phase = $3, progress_done = $4
      WHERE id = $1 AND claim_token = $2 AND status = 'processing'`,
    [id, token, phase, done],
  );
}

/** Ends a job as failed, with the reason and the issues (if any); false when the job is no longer ours. */
export async function failJob(
  sql: Sql,
  id: number,
  token: string,
  reason: string,
  issues: readonly RowIssue[],
  counts: ImportCounts | null,
): Promise<boolean> {
  const result = await sql.query(
    `UPDATE import_jobs SET status = 'failed', reason = $3, issues = $4::jsonb, issue_count = $5, counts = $6::jsonb,
        finished_at = now(), payload = NULL, claim_token = NULL, lease_until = NULL, progress_phase = 'done'
      WHERE id = $1 AND claim_token = $2 AND status = 'processing'`,
    [id, token, reason, JSON.stringify(issues), issues.length, counts ? JSON.stringify(counts) : null],
  );
  return result.rowCount > 0;
}

/** Inside the import's transaction: the job completes exactly when its writes commit. */
export async function completeJob(
  tx: Sql,
  id: number,
  token: string,
  counts: ImportCounts,
  warnings: readonly RowIssue[],
): Promise<boolean> {
  // clock_timestamp(), not now(): the finish time is when the writing ended, not when its transaction began.
  const result = await tx.query(
    `UPDATE import_jobs SET status = 'completed', counts = $3::jsonb, issues = $4::jsonb, issue_count = $5,
        finished_at = clock_timestamp(), payload = NULL, claim_token = NULL, lease_until = NULL,
        progress_phase = 'done', progress_done = row_count
      WHERE id = $1 AND claim_token = $2 AND status = 'processing'`,
    [id, token, JSON.stringify(counts), JSON.stringify(warnings), warnings.length],
  );
  return result.rowCount > 0;
}

/**
 * Jobs left 'processing' by a server that stopped: queued again (their transaction never committed, so
 * nothing of them was written) or, after `maxAttempts`, failed. `all` is for PGlite at start: its folder is
 * locked to this process, so every processing job is an orphan; on PostgreSQL only expired leases are.
 */
export async function recoverJobs(
  sql: Sql,
  { all, maxAttempts, interruptedReason }: { all: boolean; maxAttempts: number; interruptedReason: string },
): Promise<{ requeued: number[]; failed: number[] }> {
  // One statement, so a job another server claims meanwhile (a fresh lease) is never touched.
  const { rows } = await sql.query<{ id: number; status: string }>(
    `UPDATE import_jobs SET
        status = CASE WHEN attempts >= $2 THEN 'failed' ELSE 'queued' END,
        reason = CASE WHEN attempts >= $2 THEN replace($3, '{attempts}', attempts::text) ELSE reason END,
        finished_at = CASE WHEN attempts >= $2 THEN now() END,
        payload = CASE WHEN attempts >= $2 THEN NULL ELSE payload END,
        progress_phase = CASE WHEN attempts >= $2 THEN 'done' ELSE 'queued' END,
        progress_done = 0, claim_token = NULL, lease_until = NULL
      WHERE status = 'processing' AND ($1 OR lease_until < now())
      RETURNING id, status`,
    [all, maxAttempts, interruptedReason],
  );
  return {
    requeued: rows.filter((r) => r.status === 'queued').map((r) => r.id),
    failed: rows.filter((r) => r.status === 'failed').map((r) => r.id),
  };
}

export function toJob(row: JobRow): ImportJob {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: String(row.id),
    accountId: String(row.account_id),
    status: row.status,
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    rolledBackAt: iso(row.rolled_back_at),
    createdBy: { userId: String(row.user_id), name: row.user_name },
    source: { kind: row.source_kind, name: row.source_name, rows: row.row_count, columns: row.column_count },
    options: row.options,
    large: isLargeImport(row.row_count),
    progress: { phase: row.progress_phase, done: row.progress_done, total: row.progress_total },
    counts: row.counts,
    issueCount: row.issue_count,
    issues: row.first_issues ?? [],
    attempts: row.attempts,
  };
}
