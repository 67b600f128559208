import {
  type ImportCounts,
  type ImportJob,
  type ImportOptions,
  isLargeImport,
  type RowIssue,
} from '../../shared/api';
import type { Database, Sql } from '../db/database';
import { ApiError } from '../http/api-error';
import { bindKey, findKey, type RequestIdentity, sameRequest, takeKey } from './idempotency';

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
  cancel_requested_at: Date | null;
  /** The first issues (at most 100), for the job view. */
  first_issues: RowIssue[] | null;
};

const jobColumns = `j.id, j.account_id, j.user_id, u.name AS user_name, j.request_hash, j.options, j.source_kind,
  j.source_name, j.row_count, j.column_count, j.status, j.reason, j.issue_count, j.counts, j.progress_phase,
  j.progress_done, j.progress_total, j.attempts, j.created_at, j.started_at, j.finished_at, j.rolled_back_at,
  j.cancel_requested_at, jsonb_path_query_array(coalesce(j.issues, '[]'::jsonb), '$[0 to 99]') AS first_issues`;

export type NewJob = Readonly<{
  accountId: number;
  userId: number;
  idempotencyKey: string;
  /** What the request means (idempotency.ts). */
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
 * Creates the job for an idempotency key, or finds the one an earlier request created (within 24 hours). The
 * key's row decides: of ten requests at once exactly one takes it and inserts the job, in one transaction; the
 * others find its job. The same key with another request is refused.
 */
export async function createJob(
  db: Database,
  job: NewJob,
  identity: RequestIdentity,
): Promise<{ job: JobRow; replayed: boolean }> {
  const created = await db.transaction(async (tx) => {
    if (!(await takeKey(tx, job.accountId, job.idempotencyKey, job.requestHash))) return null;
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO import_jobs (account_id, user_id, idempotency_key, request_hash, options, mapping, source_kind,
         source_name, upload_id, row_count, column_count, payload, progress_total)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11, $12, $10)
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
    await bindKey(tx, job.accountId, job.idempotencyKey, rows[0].id);
    return rows[0].id;
  });
  if (created !== null) {
    return { job: (await getJob(db, job.accountId, created)) as JobRow, replayed: false };
  }
  const replay = await replayJob(db, job.accountId, job.idempotencyKey, identity);
  if (!replay) throw new Error('idempotency key vanished between insert and select');
  return { job: replay, replayed: true };
}

/**
 * The job an earlier request with this key created within 24 hours, if any; refuses (409) when that request
 * meant something else. Checked before anything else, so a retry gets the first answer even if the account
 * changed since.
 */
export async function replayJob(
  sql: Sql,
  accountId: number,
  idempotencyKey: string,
  identity: RequestIdentity,
): Promise<JobRow | null> {
  const existing = await findKey(sql, accountId, idempotencyKey);
  if (!existing) return null;
  if (!sameRequest(existing.requestHash, identity)) {
    throw new ApiError(
      'idempotency.conflict',
      `The idempotency key was already used for import ${existing.importId} with a different request; use a new key for a new import.`,
    );
  }
  return getJob(sql, accountId, existing.importId);
}

/** Imports of the account queued or running. */
export async function unfinishedJobs(sql: Sql, accountId: number): Promise<number> {
  const { rows } = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM import_jobs WHERE account_id = $1 AND status IN ('queued', 'processing')`,
    [accountId],
  );
  return rows[0].n;
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
    cancelRequested: row.cancel_requested_at !== null && row.status === 'processing',
  };
}
