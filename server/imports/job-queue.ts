import type { ImportCounts, ImportJob, RowIssue } from '../../shared/api';
import type { Database, Sql } from '../db/database';
import { deleteCreatedTags, deleteWritten } from './apply';
import { storableIssue, storableText } from './storable';

/** A job claimed for work, with what the worker needs to run it. */
export type ClaimedJob = Readonly<{
  id: number;
  accountId: number;
  userName: string;
  attempts: number;
  rowCount: number;
  columnCount: number;
  token: string;
}>;

/** The job is no longer ours: its lease ran out and it was taken back (or over) meanwhile. */
export class LostClaim extends Error {
  override readonly name = 'LostClaim';
}
/** Someone asked for the job to be cancelled. */
export class CancelRequested extends Error {
  override readonly name = 'CancelRequested';
}

// Claims are taken one at a time across every server sharing the database (a transaction-level advisory lock,
// held for the few milliseconds a claim takes), so "no other import of this account is running" is read after
// the previous claim committed and two servers never start two imports of one account.
const claimLock = 7_123_001;

/**
 * Takes a queued job of an account that has no import running: of each account's oldest queued job, the one
 * of the account whose last import was taken up longest ago (an account with fifty imports queued does not
 * hold back one with a single import). A job whose account is busy stays queued instead of being claimed to
 * wait: a waiting job would hold a worker slot for as long as the running import lasts. A job whose server
 * stopped holds its account until recovery has deleted what it wrote and requeued it.
 */
export async function claimNextJob(
  db: Database,
  token: string,
  leaseMs: number,
  serverId: string,
): Promise<ClaimedJob | null> {
  const row = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [claimLock]);
    const { rows: picked } = await tx.query<{ id: number }>(
      `WITH heads AS (
         SELECT DISTINCT ON (q.account_id) q.id, q.account_id
           FROM import_jobs q
          WHERE q.status = 'queued' AND q.cancel_requested_at IS NULL
          ORDER BY q.account_id, q.id)
       SELECT h.id FROM heads h LEFT JOIN account_queue aq ON aq.account_id = h.account_id
        WHERE NOT EXISTS (
          SELECT 1 FROM import_jobs p WHERE p.account_id = h.account_id AND p.status = 'processing')
        ORDER BY aq.last_claimed_at NULLS FIRST, h.id
        LIMIT 1`,
    );
    if (!picked[0]) return null;
    const claimed = await tx.query<{
      id: number;
      account_id: number;
      user_name: string;
      attempts: number;
      row_count: number;
      column_count: number;
    }>(
      `UPDATE import_jobs j SET status = 'processing', claim_token = $2, claimed_by = $4,
          lease_until = now() + $3 * interval '1 millisecond', attempts = attempts + 1,
          started_at = coalesce(started_at, clock_timestamp()), progress_phase = 'validating', progress_done = 0
         FROM users u
        WHERE u.id = j.user_id AND j.id = $1 AND j.status = 'queued'
        RETURNING j.id, j.account_id, u.name AS user_name, j.attempts, j.row_count, j.column_count`,
      [picked[0].id, token, leaseMs, serverId],
    );
    const job = claimed.rows[0];
    if (!job) return null;
    // clock_timestamp(), not now(): the transaction may have begun while it waited for the claim lock, before
    // the account's previous import ended.
    await tx.query(
      `INSERT INTO account_queue (account_id, last_claimed_at) VALUES ($1, clock_timestamp())
       ON CONFLICT (account_id) DO UPDATE SET last_claimed_at = clock_timestamp()`,
      [job.account_id],
    );
    return job;
  });
  return row
    ? {
        id: row.id,
        accountId: row.account_id,
        userName: row.user_name,
        attempts: row.attempts,
        rowCount: row.row_count,
        columnCount: row.column_count,
        token,
      }
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

/**
 * Inside a transaction that writes for the job: throws LostClaim when the job is no longer ours and
 * CancelRequested when a cancel came. `FOR SHARE` holds the job row until the transaction ends, so recovery
 * cannot take the job back halfway through a batch: it waits for the batch, and the next one finds out.
 * `FOR UPDATE` for the publishing transaction, which a cancel must wait for.
 */
export async function holdClaim(
  tx: Sql,
  job: Pick<ClaimedJob, 'id' | 'token'>,
  lock: 'share' | 'update' = 'share',
): Promise<void> {
  const { rows } = await tx.query<{ cancelled: boolean }>(
    `SELECT cancel_requested_at IS NOT NULL AS cancelled FROM import_jobs
      WHERE id = $1 AND claim_token = $2 AND status = 'processing' FOR ${lock === 'share' ? 'SHARE' : 'UPDATE'}`,
    [job.id, job.token],
  );
  if (!rows[0]) throw new LostClaim();
  if (rows[0].cancelled) throw new CancelRequested();
}

/** Outside any transaction, between steps: the same checks as holdClaim. */
export async function checkClaim(db: Sql, job: Pick<ClaimedJob, 'id' | 'token'>): Promise<void> {
  const { rows } = await db.query<{ cancelled: boolean }>(
    `SELECT cancel_requested_at IS NOT NULL AS cancelled FROM import_jobs
      WHERE id = $1 AND claim_token = $2 AND status = 'processing'`,
    [job.id, job.token],
  );
  if (!rows[0]) throw new LostClaim();
  if (rows[0].cancelled) throw new CancelRequested();
}

/**
 * Ends a job as failed (or cancelled), with the reason and the issues (if any); false when the job is no
 * longer ours. Only once nothing of it is left written (see discardWritten).
 */
export async function endJob(
  sql: Sql,
  id: number,
  token: string,
  end: Readonly<{
    status: 'failed' | 'cancelled';
    reason: string;
    issues?: readonly RowIssue[];
    counts?: ImportCounts | null;
  }>,
): Promise<boolean> {
  const issues = (end.issues ?? []).map(storableIssue);
  const result = await sql.query(
    `UPDATE import_jobs SET status = $7, reason = $3, issues = $4::jsonb, issue_count = $5, counts = $6::jsonb,
        finished_at = now(), payload = NULL, claim_token = NULL, lease_until = NULL, progress_phase = 'done'
      WHERE id = $1 AND claim_token = $2 AND status = 'processing'`,
    [
      id,
      token,
      storableText(end.reason),
      JSON.stringify(issues),
      issues.length,
      end.counts ? JSON.stringify(end.counts) : null,
      end.status,
    ],
  );
  return result.rowCount > 0;
}

/** In the publishing transaction: the job completes exactly when its writes become visible. */
export async function completeJob(
  tx: Sql,
  id: number,
  token: string,
  counts: ImportCounts,
  warnings: readonly RowIssue[],
): Promise<boolean> {
  // clock_timestamp(), not now(): the finish time is when the writing ended, not when its transaction began.
  const stored = warnings.map(storableIssue);
  const result = await tx.query(
    `UPDATE import_jobs SET status = 'completed', counts = $3::jsonb, issues = $4::jsonb, issue_count = $5,
        finished_at = clock_timestamp(), payload = NULL, claim_token = NULL, lease_until = NULL,
        progress_phase = 'done', progress_done = row_count
      WHERE id = $1 AND claim_token = $2 AND status = 'processing'`,
    [id, token, JSON.stringify(counts), JSON.stringify(stored), stored.length],
  );
  return result.rowCount > 0;
}

/** Rows deleted per transaction when an unpublished import's writes are thrown away. */
const discardRows = 5_000;

/**
 * Deletes everything an unpublished import wrote, a stretch of rows per short transaction (each checking the
 * claim, so a job taken back meanwhile is left to whoever took it). Nobody saw those rows; until they are gone
 * the job stays 'processing', so its account takes no other import.
 */
export async function discardWritten(db: Database, job: Pick<ClaimedJob, 'id' | 'token' | 'rowCount'>) {
  const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
  for (let first = 1; first <= Math.max(job.rowCount, 1); first += discardRows) {
    await db.transaction(async (tx) => {
      await holdClaimIgnoringCancel(tx, job);
      await deleteWritten(tx, job.id, first, first + discardRows - 1);
    });
    await yieldToEventLoop();
  }
  await db.transaction(async (tx) => {
    await holdClaimIgnoringCancel(tx, job);
    await deleteCreatedTags(tx, job.id);
  });
}

async function holdClaimIgnoringCancel(tx: Sql, job: Pick<ClaimedJob, 'id' | 'token'>): Promise<void> {
  try {
    await holdClaim(tx, job);
  } catch (error) {
    if (!(error instanceof CancelRequested)) throw error;
  }
}

export type Recovered = { requeued: number[]; failed: number[]; cancelled: number[] };

/**
 * Jobs left 'processing' by a server that stopped: what they wrote is deleted and they are queued again, or,
 * after `maxAttempts` (or when a cancel was asked for), ended. One transaction, so a job is never seen queued
 * with rows of an earlier attempt. `all` is for PGlite at start: its folder is locked to this process, so
 * every processing job is an orphan. On PostgreSQL: jobs whose lease ran out, and this server's own (it was
 * restarted: no need to wait for their lease).
 */
export async function recoverJobs(
  db: Database,
  options: Readonly<{
    all: boolean;
    /** This server's id as it starts: its own processing jobs are orphans. Null while it runs them. */
    serverId: string | null;
    maxAttempts: number;
    interruptedReason: string;
    cancelledReason: string;
  }>,
): Promise<Recovered> {
  const rows = await db.transaction(async (tx) => {
    // One statement takes the jobs, so a job another server claims meanwhile (a fresh lease) is never touched.
    const taken = await tx.query<{ id: number; status: 'queued' | 'failed' | 'cancelled' }>(
      `UPDATE import_jobs SET
          status = CASE WHEN cancel_requested_at IS NOT NULL THEN 'cancelled'
                        WHEN attempts >= $2 THEN 'failed' ELSE 'queued' END,
          reason = CASE WHEN cancel_requested_at IS NOT NULL THEN $5
                        WHEN attempts >= $2 THEN replace($3, '{attempts}', attempts::text) ELSE reason END,
          finished_at = CASE WHEN cancel_requested_at IS NOT NULL OR attempts >= $2 THEN now() END,
          payload = CASE WHEN cancel_requested_at IS NOT NULL OR attempts >= $2 THEN NULL ELSE payload END,
          progress_phase = CASE WHEN cancel_requested_at IS NOT NULL OR attempts >= $2 THEN 'done' ELSE 'queued' END,
          progress_done = 0, claim_token = NULL, lease_until = NULL, claimed_by = NULL
        WHERE status = 'processing' AND ($1 OR lease_until < now() OR claimed_by = $4::text)
        RETURNING id, status`,
      [
        options.all,
        options.maxAttempts,
        options.interruptedReason,
        options.serverId,
        options.cancelledReason,
      ],
    );
    for (const job of taken.rows) {
      await deleteWritten(tx, job.id, 1, 2_147_483_647);
      await deleteCreatedTags(tx, job.id);
    }
    return taken.rows;
  });
  const ids = (status: string) => rows.filter((r) => r.status === status).map((r) => r.id);
  return { requeued: ids('queued'), failed: ids('failed'), cancelled: ids('cancelled') };
}

/**
 * Asks for an import to stop. A queued one is cancelled at once (it has written nothing); a running one is
 * marked, and its worker stops at its next step and deletes what it wrote. Null when the import had ended.
 */
export async function requestCancel(
  sql: Sql,
  accountId: number,
  importId: number,
  reason: string,
): Promise<'cancelled' | 'requested' | null> {
  const { rows } = await sql.query<{ status: 'cancelled' | 'processing' }>(
    `UPDATE import_jobs SET
        status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
        reason = CASE WHEN status = 'queued' THEN $3 ELSE reason END,
        finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END,
        payload = CASE WHEN status = 'queued' THEN NULL ELSE payload END,
        progress_phase = CASE WHEN status = 'queued' THEN 'done' ELSE progress_phase END,
        cancel_requested_at = coalesce(cancel_requested_at, now())
      WHERE id = $1 AND account_id = $2 AND status IN ('queued', 'processing')
      RETURNING status`,
    [importId, accountId, reason],
  );
  const row = rows[0];
  if (!row) return null;
  return row.status === 'cancelled' ? 'cancelled' : 'requested';
}
