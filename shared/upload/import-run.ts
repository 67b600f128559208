import type { ImportJob, RowIssue, RowOutcome } from '../api';
import { type ApiClient, type ApiOutcome, type ImportRequestBody, readAllPages } from './api-client';
import type { UploadFailure } from './failure';
import { type RetryEnv, withRetry } from './retry';

/** One upload as it will be sent: the body and its idempotency key never change between tries. */
export type PreparedUpload = Readonly<{
  accountId: string;
  request: ImportRequestBody;
  /** Made once, when the upload is prepared; every try of this upload sends it, so it imports once. */
  idempotencyKey: string;
  rowsSent: number;
}>;

export function prepareUpload(
  accountId: string,
  request: ImportRequestBody,
  newKey: () => string,
): PreparedUpload {
  const rowsSent =
    'encoded' in request ? request.rows : request.source.kind === 'rows' ? request.source.rows.length : 0;
  return { accountId, request, idempotencyKey: newKey(), rowsSent };
}

/** Where a running import is, for a progress bar and a "retrying" line. */
export type ImportProgress =
  | Readonly<{ step: 'sending'; attempt: number }>
  | Readonly<{
      step: 'retrying';
      attempt: number;
      delayMs: number;
      failure: UploadFailure;
      /** True once the server has the job: only the answer is being waited for, nothing is sent again. */
      accepted: boolean;
    }>
  | Readonly<{ step: 'waiting'; job: ImportJob }>;

export type ImportResult = Readonly<{
  /** Finished: completed, failed or cancelled (nothing imported), or rolled back. */
  job: ImportJob;
  /** Completed: what each row did, in row order. */
  outcomes: RowOutcome[];
  /** Failed: every issue, in row order (each one means nothing was imported). */
  issues: RowIssue[];
  rowsSent: number;
  /** The server's "processed" equals the rows sent, as the CRM promises. */
  processedMatches: boolean;
  /** How many times the import request went out before an answer came back. */
  sendAttempts: number;
}>;

export type ImportEnv = RetryEnv &
  Readonly<{
    /** Between looks at a running job. */
    pollMs: number;
    onProgress?: (progress: ImportProgress) => void;
    /** Read the per-row outcomes of a completed import (the CLI's JSON, the app's result). Default true. */
    withOutcomes?: boolean;
  }>;

const finished = new Set<ImportJob['status']>(['completed', 'failed', 'rolled_back', 'cancelled']);

/**
 * Sends an import and follows it to the end. A dropped connection or a restarting server is retried with the
 * same idempotency key, so the server answers with the job the first try created instead of importing twice.
 */
export async function runImport(
  client: ApiClient,
  upload: PreparedUpload,
  env: ImportEnv,
): Promise<ApiOutcome<ImportResult>> {
  let sendAttempts = 0;
  const started = await withRetry(
    () => {
      sendAttempts++;
      env.onProgress?.({ step: 'sending', attempt: sendAttempts });
      return client.startImport(upload.accountId, upload.request, upload.idempotencyKey);
    },
    { ...env, onRetry: (n) => env.onProgress?.({ step: 'retrying', ...n, accepted: false }) },
  );
  if (!started.ok) return started;
  const watched = await watchImport(client, upload.accountId, started.value, env);
  if (!watched.ok) return watched;
  return {
    ...watched,
    value: {
      ...watched.value,
      rowsSent: upload.rowsSent,
      sendAttempts,
      processedMatches: watched.value.job.counts?.processed === upload.rowsSent,
    },
  };
}

/** Follows a job the server has until it finishes, then reads its outcomes or issues. */
export async function watchImport(
  client: ApiClient,
  accountId: string,
  first: ImportJob,
  env: ImportEnv,
): Promise<ApiOutcome<Omit<ImportResult, 'rowsSent' | 'sendAttempts' | 'processedMatches'>>> {
  const retry: RetryEnv = {
    ...env,
    onRetry: (n) => env.onProgress?.({ step: 'retrying', ...n, accepted: true }),
  };
  let job = first;
  while (!finished.has(job.status)) {
    env.onProgress?.({ step: 'waiting', job });
    await env.sleep(env.pollMs);
    const next = await withRetry(() => client.job(accountId, job.id), retry);
    if (!next.ok) return next;
    job = next.value;
  }
  env.onProgress?.({ step: 'waiting', job });
  let outcomes: RowOutcome[] = [];
  let issues: RowIssue[] = job.issues;
  if (job.status === 'completed' && env.withOutcomes !== false) {
    const read = await withRetry(
      () => readAllPages((o, l) => client.outcomes(accountId, job.id, o, l)),
      retry,
    );
    if (!read.ok) return read;
    outcomes = read.value;
  }
  if (job.status === 'failed' && job.issueCount > job.issues.length) {
    const read = await withRetry(() => readAllPages((o, l) => client.issues(accountId, job.id, o, l)), retry);
    if (!read.ok) return read;
    issues = read.value;
  }
  return { ok: true, value: { job, outcomes, issues }, status: 200 };
}
