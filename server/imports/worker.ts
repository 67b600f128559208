import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { type ImportRequest, importRequestSchema } from '../../shared/api';
import type { Template } from '../../shared/template';
import type { Database } from '../db/database';
import { ApiError } from '../http/api-error';
import { describeError } from '../http/logging';
import { type MemoryBudget, memoryCost } from '../http/memory-budget';
import { expireKeys } from './idempotency';
import {
  CancelRequested,
  type ClaimedJob,
  checkClaim,
  claimNextJob,
  discardWritten,
  endJob,
  extendLease,
  LostClaim,
  loadPayload,
  type Recovered,
  recoverJobs,
  setProgress,
} from './job-queue';
import { serverMessages } from './messages';
import { planImport } from './plan';
import { prepareImport } from './prepare';
import { validateSource } from './validate-source';
import { publishImport, writeImport } from './write-import';

export type WorkerLog = Readonly<{
  info: (details: object, message: string) => void;
  error: (details: object, message: string) => void;
}>;

export type WorkerOptions = Readonly<{
  db: Database;
  template: Template;
  /** Jobs one process runs side by side (imports into different accounts). */
  concurrency?: number;
  /** How often an idle worker looks for queued jobs another process created. */
  pollMs?: number;
  /** How long a claim lasts without a heartbeat before another server may take the job back. */
  leaseMs?: number;
  /** Claims of one job before it is failed as interrupted. */
  maxAttempts?: number;
  /** This server process, as its claims name it: a restarted server takes its own jobs back at once. */
  serverId?: string;
  /** Memory allowance shared with requests: an import waits for room for its rows before it reads them. */
  memory?: MemoryBudget;
  log?: WorkerLog;
  /** Fault injection for tests: throw once this many batches are written. */
  failAfterBatches?: number;
  /** Rows per write transaction. */
  batchSize?: number;
}>;

/** A real turn of the event loop (PGlite's awaits are microtasks and never give one). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Milliseconds per phase of a job, for the log. */
class PhaseTimer {
  readonly laps: Record<string, number> = {};
  private last = performance.now();
  lap(name: string): void {
    const now = performance.now();
    this.laps[name] = Math.round(now - this.last);
    this.last = now;
  }
}

/** The fault `failAfterBatches` injects. */
export class InjectedFault extends Error {}

const gunzipAsync = promisify(gunzip);
// Requests queued by this process, already parsed, waiting for a worker: a few at most (each may be 100,000
// rows), the oldest dropped first. A job another process takes, or one this process takes after a restart,
// reads the stored copy instead.
const maxHandedOver = 4;

/** Jobs one process runs side by side (imports into different accounts). */
export const defaultConcurrency = 2;

/** Estimated memory of a job's rows while it runs: a string per cell and the row's planned state. */
const bytesPerCell = 64;

/** After an import that wrote this many contacts the table's statistics are refreshed (see `refreshStatistics`). */
const analyzeAfterRows = 1_000;

/** How often keys older than 24 hours are deleted. */
const keySweepMs = 60 * 60_000;

const silent: WorkerLog = { info: () => {}, error: () => {} };

/**
 * Runs queued imports. Every server process has one; they share the queue in the database. A job is claimed
 * (committed, so others see "processing"), checked (parse, validate with the shared validator, plan against
 * the account's contacts: reads only), written in short transactions of a few thousand rows that readers do
 * not see, and published in one short transaction that also marks it completed. Nothing holds the database
 * or the account for the whole import, so requests of every account are served between its batches. A job
 * that fails or is cancelled deletes what it wrote before it ends; a server killed mid-write leaves rows
 * nobody sees, which recovery deletes before the job is queued again.
 */
export class ImportWorker {
  private readonly db: Database;
  private readonly log: WorkerLog;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly concurrency: number;
  private readonly serverId: string;
  private readonly wakers = new Set<() => void>();
  private readonly handedOver = new Map<number, ImportRequest>();
  private loops: Promise<void>[] = [];
  private timers: NodeJS.Timeout[] = [];
  private stopped = true;

  constructor(private readonly options: WorkerOptions) {
    this.db = options.db;
    this.log = options.log ?? silent;
    this.pollMs = options.pollMs ?? 500;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.concurrency = options.concurrency ?? defaultConcurrency;
    this.serverId = options.serverId ?? randomUUID();
  }

  /** True between start and stop. */
  get running(): boolean {
    return !this.stopped;
  }

  /**
   * Takes back what a stopped server left behind: PGlite's folder is ours alone, so all of it; on PostgreSQL,
   * jobs whose lease ran out and, as this server starts (`atStart`), its own from before it restarted. What
   * they wrote is deleted. The sweep while running must never take this server's own jobs: they are running.
   */
  async recover(atStart = true): Promise<Recovered> {
    const result = await recoverJobs(this.db, {
      all: !this.db.concurrent,
      serverId: atStart ? this.serverId : null,
      maxAttempts: this.maxAttempts,
      interruptedReason: serverMessages.en.interrupted,
      cancelledReason: serverMessages.en.cancelled,
    });
    if (result.requeued.length || result.failed.length || result.cancelled.length)
      this.log.info(result, 'interrupted imports recovered');
    return result;
  }

  start(): void {
    this.stopped = false;
    for (let i = 0; i < this.concurrency; i++) this.loops.push(this.loop());
    const every = (ms: number, task: () => Promise<unknown>, what: string) =>
      this.timers.push(
        setInterval(() => {
          task().catch((error: unknown) => this.log.error({ error }, what));
        }, ms),
      );
    // Other servers' jobs whose lease ran out: only a shared PostgreSQL has other servers.
    if (this.db.concurrent) every(this.leaseMs / 2, () => this.recover(false), 'lease sweep failed');
    every(keySweepMs, () => expireKeys(this.db), 'expiring idempotency keys failed');
  }

  /** A job was queued by this process: keep its parsed request for the worker and look now. */
  accept(jobId: number, request: ImportRequest): void {
    this.handedOver.set(jobId, request);
    for (const id of this.handedOver.keys()) {
      if (this.handedOver.size <= maxHandedOver) break;
      this.handedOver.delete(id);
    }
    this.wake();
  }

  /** Look for queued jobs now instead of at the next poll. */
  wake(): void {
    for (const wake of [...this.wakers]) wake();
  }

  /** Stops taking jobs and waits for the running ones to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.wake();
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let job: ClaimedJob | null = null;
      try {
        job = await claimNextJob(this.db, randomUUID(), this.leaseMs, this.serverId);
      } catch (error) {
        this.log.error({ error }, 'claiming an import failed');
      }
      if (job) await this.run(job);
      else await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      this.wakers.add(done);
    });
  }

  private async run(job: ClaimedJob): Promise<void> {
    const { db, log } = this;
    log.info({ importId: job.id, attempt: job.attempts }, 'import started');
    // Both engines: on PGlite too a job's lease must not run out while it runs (the claim of the account's
    // next import reads it).
    const heartbeat = setInterval(() => {
      extendLease(db, job.id, job.token, this.leaseMs).catch((error: unknown) =>
        log.error({ error, importId: job.id }, 'lease heartbeat failed'),
      );
    }, this.leaseMs / 3);
    let reserved = 0;
    try {
      if (this.options.memory) {
        const memory = await this.memoryOf(job);
        await this.options.memory.take(memory);
        reserved = memory;
      }
      await this.process(job);
    } catch (error) {
      await this.stopShort(job, error);
    } finally {
      clearInterval(heartbeat);
      if (reserved) this.options.memory?.give(reserved);
    }
  }

  /** Estimated memory of a job: its rows, and the reading of its file when it came as one. */
  private async memoryOf(job: ClaimedJob): Promise<number> {
    const rows = job.rowCount * job.columnCount * bytesPerCell;
    const { rows: file } = await this.db.query<{ size: number; format: 'csv' | 'xlsx' }>(
      'SELECT u.size, u.format FROM import_jobs j JOIN uploads u ON u.id = j.upload_id WHERE j.id = $1',
      [job.id],
    );
    return file[0] ? rows + memoryCost(file[0].size, file[0].format === 'xlsx' ? 'workbook' : 'csv') : rows;
  }

  /** The job cannot finish: what it wrote is deleted, then it ends failed or cancelled. */
  private async stopShort(job: ClaimedJob, error: unknown): Promise<void> {
    const { db, log } = this;
    if (error instanceof LostClaim) {
      log.info({ importId: job.id }, 'import taken back by recovery; this attempt stops');
      return;
    }
    const cancelled = error instanceof CancelRequested;
    if (cancelled) log.info({ importId: job.id }, 'import cancelled');
    else log.error({ error, importId: job.id }, 'import failed');
    try {
      await discardWritten(db, job);
      const words = serverMessages[(await this.localeOf(job)) ?? 'en'];
      await endJob(db, job.id, job.token, {
        status: cancelled ? 'cancelled' : 'failed',
        reason: cancelled ? words.cancelled : words.unexpected({ cause: describeError(error) }),
      });
    } catch (endError) {
      if (endError instanceof LostClaim) return;
      log.error(
        { error: endError, importId: job.id },
        'could not end the import; recovery will delete what it wrote when its lease runs out',
      );
    }
  }

  private async localeOf(job: ClaimedJob): Promise<'en' | 'nb' | null> {
    const { rows } = await this.db.query<{ locale: 'en' | 'nb' | null }>(
      `SELECT options->>'locale' AS locale FROM import_jobs WHERE id = $1`,
      [job.id],
    );
    return rows[0]?.locale ?? null;
  }

  /** Progress is for people watching: written on its own, and never worth failing the import over. */
  private async reportProgress(job: ClaimedJob, phase: 'matching' | 'writing', done: number): Promise<void> {
    try {
      await setProgress(this.db, job.id, job.token, phase, done);
    } catch (error) {
      this.log.error({ error, importId: job.id }, 'progress not recorded');
    }
  }

  private async storedRequest(jobId: number): Promise<ImportRequest> {
    const payload = await loadPayload(this.db, jobId);
    if (!payload) throw new Error('the job has no stored request');
    const text = (await gunzipAsync(Buffer.from(payload, 'base64'))).toString('utf8');
    return importRequestSchema.parse(JSON.parse(text));
  }

  private async process(job: ClaimedJob): Promise<void> {
    const { db, log, options } = this;
    const timings = new PhaseTimer();
    // Let the answer to the request that queued this job leave before the heavy work starts.
    await yieldToEventLoop();
    const request = this.handedOver.get(job.id) ?? (await this.storedRequest(job.id));
    this.handedOver.delete(job.id);
    timings.lap('parse');
    const words = serverMessages[request.options.locale];
    let prepared: Awaited<ReturnType<typeof prepareImport>>;
    try {
      prepared = await prepareImport(db, job.accountId, request, options.template, {
        enforceCompliance: true,
      });
    } catch (error) {
      // The request was checked when it came in; what the account holds may have changed since.
      if (!(error instanceof ApiError)) throw error;
      await endJob(db, job.id, job.token, { status: 'failed', reason: error.message });
      return;
    }
    timings.lap('prepare');
    const validation = await validateSource(prepared);
    timings.lap('validate');
    if (validation.errorRows.size) {
      const reason = words.rowsHaveErrors({ count: validation.errorRows.size });
      await endJob(db, job.id, job.token, { status: 'failed', reason, issues: validation.issues });
      log.info(
        { importId: job.id, errorRows: validation.errorRows.size },
        'import refused: rows have errors',
      );
      return;
    }
    await checkClaim(db, job);
    // A rollback of this account that began before this job was claimed ends before the job reads the
    // contacts (it holds the account row); one that begins later finds this job and refuses.
    await db.transaction((tx) =>
      tx.query('SELECT id FROM accounts WHERE id = $1 FOR NO KEY UPDATE', [job.accountId]),
    );
    await this.reportProgress(job, 'matching', 0);
    const plan = await planImport(db, prepared, validation);
    timings.lap('match');
    if (plan.errorRows.size) {
      const reason = words.rowsHaveErrors({ count: plan.errorRows.size });
      await endJob(db, job.id, job.token, {
        status: 'failed',
        reason,
        issues: plan.issues,
        counts: plan.counts,
      });
      log.info({ importId: job.id }, 'import refused: rows conflict with existing contacts');
      return;
    }
    await checkClaim(db, job);
    let batches = 0;
    const context = {
      job,
      accountId: job.accountId,
      sourceName: prepared.source.name,
      userName: job.userName,
      locale: request.options.locale,
      now: new Date(),
      batchSize: options.batchSize ?? defaultBatchSize(db),
    };
    await writeImport(db, plan, {
      ...context,
      onBatch: async (done, total) => {
        batches++;
        log.info({ importId: job.id, done, total }, 'import batch written');
        if (options.failAfterBatches !== undefined && batches >= options.failAfterBatches) {
          throw new InjectedFault(`injected fault after ${batches} batches`);
        }
        await this.reportProgress(job, 'writing', done);
        await yieldToEventLoop();
      },
    });
    timings.lap('write');
    await publishImport(db, plan, context);
    timings.lap('publish');
    log.info({ importId: job.id, counts: plan.counts, ms: timings.laps }, 'import completed');
    if (plan.counts.created + plan.counts.updated >= analyzeAfterRows) await this.refreshStatistics(job);
  }

  /**
   * Fresh statistics after a bulk write: the planner otherwise still believes a new account holds no contacts
   * (PGlite never analyzes by itself, and PostgreSQL's autovacuum may take minutes). Best effort.
   */
  private async refreshStatistics(job: ClaimedJob): Promise<void> {
    const start = performance.now();
    try {
      await this.db.exec('ANALYZE contacts');
      this.log.info({ importId: job.id, ms: Math.round(performance.now() - start) }, 'contacts analyzed');
    } catch (error) {
      this.log.error({ error, importId: job.id }, 'analyzing contacts failed');
    }
  }
}

/** Rows per write transaction: on PGlite each one holds the only connection, so fewer. */
function defaultBatchSize(db: Database): number {
  return db.concurrent ? 5_000 : 1_000;
}
