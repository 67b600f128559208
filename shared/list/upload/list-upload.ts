import type { DryRun, ImportJob, RowIssue, RowOutcome } from '../../api';
import { ApiClient } from '../../upload/api-client';
import type { UploadChoices } from '../../upload/choices';
import type { UploadFailure } from '../../upload/failure';
import { type ImportProgress, prepareUpload, runImport } from '../../upload/import-run';
import { appRetryPolicy, type RetryEnv, type RetryNotice, withRetry } from '../../upload/retry';
import { type GridProblem, gridProblemsOf, rejectedRows } from '../../upload/row-issues';
import type { Transport } from '../../upload/transport';
import type { UploadRequest } from './upload-request';

/** Rows of issues and of matched contacts' changes handed to the UI: what it lists; the rest is counted. */
const shownIssues = 100;
const shownChanges = 200;

/** A dry run's answer as the UI shows it: counts and warnings, with only the first changes and issues. */
export type DryRunSummary = Omit<DryRun, 'outcomes' | 'issues'> &
  Readonly<{
    /** The first matched contacts the import would change, field by field. */
    updates: readonly RowOutcome[];
    updateCount: number;
    /** The first errors the server found (every one of them is put on the grid). */
    issues: readonly RowIssue[];
    rejectedRows: number;
  }>;

/** A finished import as the UI shows it. */
export type ImportSummary = Readonly<{
  job: ImportJob;
  issues: readonly RowIssue[];
  rejectedRows: number;
  rowsSent: number;
  processedMatches: boolean;
}>;

/** The dry run of the list as it was at `version`, with the choices it was asked with. */
export type UploadCheck =
  | Readonly<{ state: 'none' }>
  | Readonly<{ state: 'running'; version: number; retry: RetryNotice | null }>
  | Readonly<{ state: 'done'; version: number; choices: UploadChoices; result: DryRunSummary }>
  | Readonly<{ state: 'failed'; failure: UploadFailure }>;

export type UploadRun =
  | Readonly<{ phase: 'idle' }>
  | Readonly<{ phase: 'running'; progress: ImportProgress }>
  | Readonly<{ phase: 'done'; result: ImportSummary }>
  | Readonly<{ phase: 'failed'; failure: UploadFailure }>;

/** Everything the UI knows of the upload: pushed to it whenever it changes (a few numbers, never rows). */
export type UploadTaskState = Readonly<{ check: UploadCheck; run: UploadRun }>;

/** Timers from the host: shared/ names no platform global but what every platform has through a parameter. */
export type Timers = Readonly<{
  set: (run: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}>;

function summaryOf(dryRun: DryRun): DryRunSummary {
  const { outcomes, issues, ...rest } = dryRun;
  const updates: RowOutcome[] = [];
  let updateCount = 0;
  for (const o of outcomes) {
    if (o.action !== 'update') continue;
    updateCount++;
    if (updates.length < shownChanges) updates.push(o);
  }
  const errors = issues.filter((i) => i.severity === 'error');
  return {
    ...rest,
    updates,
    updateCount,
    issues: errors.slice(0, shownIssues),
    rejectedRows: rejectedRows(issues).length,
  };
}

const noConnection: UploadFailure = {
  kind: 'offline',
  code: 'connection.none',
  message: 'Connect to the import server first.',
  status: null,
  issues: [],
};

/**
 * Sends the list to the import server from where the list lives (the app's worker): the rows never pass
 * through the UI thread. A dry run and an import run in the background, beside the engine's requests, so the
 * list stays editable while the server is waited for (retried for ever with backoff, as the app promises);
 * the host is told of every change of state. The import sends the very rows its dry run checked, with one
 * idempotency key on every try.
 */
export class ListUpload {
  private transport: Transport | null = null;
  private state: UploadTaskState = { check: { state: 'none' }, run: { phase: 'idle' } };
  private request: UploadRequest | null = null;
  private checkedAccount: string | null = null;
  /** The server's findings of the last answer, on row keys: what the grid shows as rejected cells. */
  private problems: GridProblem[] = [];
  private wake: (() => void) | null = null;
  private cancelled = false;

  constructor(
    private readonly timers: Timers,
    private readonly notify: (state: UploadTaskState) => void,
  ) {}

  /** Where requests go (the host builds it: a port to Electron's main process, or fetch with the key). */
  sendThrough(transport: Transport | null): void {
    this.transport = transport;
  }

  get current(): UploadTaskState {
    return this.state;
  }

  /** The grid's rejected cells from the last answer, and the rows they are on. */
  serverProblems(): readonly GridProblem[] {
    return this.problems;
  }

  /** The row key of row `row` (1-based) of the last request sent. */
  keyOfRow(row: number): number | null {
    return this.request?.keys[row - 1] ?? null;
  }

  /** Stops waiting for the server (a dry run); a running import is followed to its end. */
  cancel(): void {
    this.cancelled = true;
    this.wake?.();
  }

  /** Cuts the wait before the next try short ("retry now", back online). */
  retryNow(): void {
    this.wake?.();
  }

  /** Dry-runs the list as it is now; the answer replaces the previous one. */
  dryRun(request: UploadRequest, accountId: string, choices: UploadChoices, name: string): void {
    this.request = request;
    this.checkedAccount = accountId;
    this.set({ check: { state: 'running', version: request.version, retry: null } });
    void this.runDryRun(request, accountId, choices, name);
  }

  private async runDryRun(
    request: UploadRequest,
    accountId: string,
    choices: UploadChoices,
    name: string,
  ): Promise<void> {
    const client = this.client();
    if (!client) return this.set({ check: { state: 'failed', failure: noConnection } });
    const body = request.encode(choices, name);
    const answer = await withRetry(
      () => client.dryRun(accountId, body),
      this.retryEnv((retry) => this.set({ check: { state: 'running', version: request.version, retry } })),
    );
    // A newer dry run started meanwhile: this answer is about a list that is gone.
    if (this.request !== request) return;
    if (!answer.ok) return this.set({ check: { state: 'failed', failure: answer.failure } });
    this.problems = gridProblemsOf(answer.value.issues, request.keys, (column) => column);
    this.set({
      check: { state: 'done', version: request.version, choices, result: summaryOf(answer.value) },
    });
  }

  /**
   * Imports the rows of the last dry run with these choices (the compliance confirmation given since), under
   * one idempotency key. Refused (false) without a dry run of the list as it is (`version`, now) or while an
   * import runs: what is imported is exactly what the dry run checked.
   */
  startImport(choices: UploadChoices, idempotencyKey: string, name: string, version: number): boolean {
    const { check, run } = this.state;
    const request = this.request;
    const accountId = this.checkedAccount;
    if (check.state !== 'done' || !request || !accountId || run.phase === 'running') return false;
    if (check.version !== version) return false;
    const client = this.client();
    if (!client) {
      this.set({ run: { phase: 'failed', failure: noConnection } });
      return true;
    }
    const upload = prepareUpload(accountId, request.encode(choices, name), () => idempotencyKey);
    this.set({ run: { phase: 'running', progress: { step: 'sending', attempt: 1 } } });
    void (async () => {
      const outcome = await runImport(client, upload, {
        ...this.retryEnv(),
        cancelled: undefined,
        pollMs: 400,
        // Per-row outcomes stay on the server (its results file); the UI shows counts and rejections.
        withOutcomes: false,
        onProgress: (progress) => this.set({ run: { phase: 'running', progress } }),
      });
      if (!outcome.ok) return this.set({ run: { phase: 'failed', failure: outcome.failure } });
      const { job, issues, rowsSent, processedMatches } = outcome.value;
      this.problems = gridProblemsOf(issues, request.keys, (column) => column);
      this.set({
        // Each upload is confirmed on its own: a dry run is spent by its import.
        check: { state: 'none' },
        run: {
          phase: 'done',
          result: {
            job,
            issues: issues.filter((i) => i.severity === 'error').slice(0, shownIssues),
            rejectedRows: rejectedRows(issues).length,
            rowsSent,
            processedMatches,
          },
        },
      });
    })();
    return true;
  }

  /** Back to the options after a finished (or failed) import. */
  resetRun(): void {
    if (this.state.run.phase !== 'running') this.set({ run: { phase: 'idle' } });
  }

  /** Another list: nothing said about the last one holds. A running import goes on; only its rows' marks go. */
  forgetList(): void {
    this.request = this.state.run.phase === 'running' ? this.request : null;
    this.problems = [];
    this.set({ check: { state: 'none' } });
  }

  private client(): ApiClient | null {
    return this.transport ? new ApiClient(this.transport) : null;
  }

  private retryEnv(onRetry?: (notice: RetryNotice) => void): RetryEnv {
    this.cancelled = false;
    return {
      policy: appRetryPolicy,
      sleep: (ms) => this.sleep(ms),
      cancelled: () => this.cancelled,
      onRetry,
    };
  }

  /** A wait that `retryNow` (or `cancel`) cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        this.timers.clear(timer);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = this.timers.set(done, ms);
      this.wake = done;
    });
  }

  private set(patch: Partial<UploadTaskState>): void {
    this.state = { ...this.state, ...patch };
    this.notify(this.state);
  }
}
