import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { type ImportRequest, importRequestSchema } from '../../shared/api';
import type { Template } from '../../shared/template';
import type { Database } from '../db/database';
import { ApiError } from '../http/api-error';
import { applyPlan } from './apply';
import {
  type ClaimedJob,
  claimNextJob,
  completeJob,
  extendLease,
  failJob,
  loadPayload,
  recoverJobs,
  setProgress,
} from './job-store';
import { serverMessages } from './messages';
import { planImport, validateSource } from './plan';
import { prepareImport } from './prepare';

export type WorkerLog = Readonly<{
  info: (details: object, message: string) => void;
  error: (details: object, message: string) => void;
}>;

export type WorkerOptions = Readonly<{
  db: Database;
  template: Template;
  /** Jobs one process runs side by side; PGlite runs one at a time whatever this says. */
  concurrency?: number;
  /** How often an idle worker looks for queued jobs another process created. */
  pollMs?: number;
  /** How long a claim lasts without a heartbeat before another server may take the job over. */
  leaseMs?: number;
  /** Claims of one job before it is failed as interrupted. */
  maxAttempts?: number;
  log?: WorkerLog;
  /** Fault injection for tests: throw inside the transaction once this many batches are written. */
  failAfterBatches?: number;
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

/** Thrown when the job stopped being ours (a lease ran out and another server took it over). */
class LostClaim extends Error {}
/** The fault `failAfterBatches` injects. */
export class InjectedFault extends Error {}

const gunzipAsync = promisify(gunzip);
// Requests queued by this process, already parsed, waiting for a worker: a few at most (each may be 100,000
// rows), the oldest dropped first. A job another process takes, or one this process takes after a restart,
// reads the stored copy instead.
const maxHandedOver = 4;

/** Jobs one process runs side by side on PostgreSQL (imports into different accounts). */
export const defaultConcurrency = 2;

const silent: WorkerLog = { info: () => {}, error: () => {} };

/**
 * Runs queued imports. Every server process has one; they share the queue in the database. A job runs in
 * three steps: claim (committed, so others see "processing"), check (parse, validate with the shared
 * validator: no transaction), and write (one transaction that also marks the job completed). A server killed
 * mid-write leaves nothing: its transaction never commits, and the job is queued again by the next start
 * (PGlite) or when its lease runs out (PostgreSQL).
 */
export class ImportWorker {
  private readonly db: Database;
  private readonly log: WorkerLog;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly concurrency: number;
  private readonly wakers = new Set<() => void>();
  private readonly handedOver = new Map<number, ImportRequest>();
  private loops: Promise<void>[] = [];
  private sweeper: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: WorkerOptions) {
    this.db = options.db;
    this.log = options.log ?? silent;
    this.pollMs = options.pollMs ?? 500;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.concurrency = options.db.concurrent ? (options.concurrency ?? defaultConcurrency) : 1;
  }

  /** Requeues what a stopped server left behind; PGlite's folder is ours alone, so all of it. */
  async recover(): Promise<{ requeued: number[]; failed: number[] }> {
    const result = await recoverJobs(this.db, {
      all: !this.db.concurrent,
      maxAttempts: this.maxAttempts,
      interruptedReason: serverMessages.en.interrupted,
    });
    if (result.requeued.length || result.failed.length)
      this.log.info(result, 'interrupted imports recovered');
    return result;
  }

  start(): void {
    this.stopped = false;
    for (let i = 0; i < this.concurrency; i++) this.loops.push(this.loop());
    if (this.db.concurrent) {
      this.sweeper = setInterval(() => {
        this.recover().catch((error: unknown) => this.log.error({ error }, 'lease sweep failed'));
      }, this.leaseMs / 2);
    }
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
    if (this.sweeper) clearInterval(this.sweeper);
    this.wake();
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let job: ClaimedJob | null = null;
      try {
        job = await claimNextJob(this.db, randomUUID(), this.leaseMs);
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
    const heartbeat = db.concurrent
      ? setInterval(() => {
          extendLease(db, job.id, job.token, this.leaseMs).catch((error: unknown) =>
            log.error({ error, importId: job.id }, 'lease heartbeat failed'),
          );
        }, this.leaseMs / 3)
      : null;
    try {
      await this.process(job);
    } catch (error) {
      if (error instanceof LostClaim) {
        log.info({ importId: job.id }, 'import taken over by another server; this attempt wrote nothing');
        return;
      }
      log.error({ error, importId: job.id }, 'import failed');
      const reason = `The import failed unexpectedly (${(error as Error).message ?? String(error)}); nothing was imported.`;
      await failJob(db, job.id, job.token, reason, [], null).catch((failError: unknown) =>
        log.error(
          { error: failError, importId: job.id },
          'could not mark the import failed; its lease will run out',
        ),
      );
    } finally {
      if (heartbeat) clearInterval(heartbeat);
    }
  }

  /**
   * Progress is for people watching: written on its own connection (outside the import's transaction, so it
   * shows before the commit) and never worth failing the import over.
   */
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
      await failJob(db, job.id, job.token, error.message, [], null);
      return;
    }
    timings.lap('prepare');
    await yieldToEventLoop();
    const validation = validateSource(prepared);
    timings.lap('validate');
    if (validation.errorRows.size) {
      const reason = words.rowsHaveErrors({ count: validation.errorRows.size });
      await failJob(db, job.id, job.token, reason, validation.issues, null);
      log.info(
        { importId: job.id, errorRows: validation.errorRows.size },
        'import refused: rows have errors',
      );
      return;
    }
    await this.reportProgress(job, 'matching', 0);
    let batches = 0;
    const outcome = await db.transaction(async (tx) => {
      // One import at a time per account: matching reads the contacts, writing changes them, and nothing
      // else may change them in between. Imports into different accounts still run side by side. FOR NO KEY
      // UPDATE, not FOR UPDATE: inserting an upload or a job for this account checks its foreign key with a
      // KEY SHARE lock on the account row, which FOR UPDATE would make wait for the whole import (holding
      // a pooled connection each, until none was left for this import's own progress: the lock-up).
      await tx.query('SELECT id FROM accounts WHERE id = $1 FOR NO KEY UPDATE', [job.accountId]);
      timings.lap('lock');
      const plan = await planImport(tx, prepared, validation);
      timings.lap('match');
      if (plan.errorRows.size) return { plan, written: false };
      const now = new Date();
      await applyPlan(tx, plan, {
        importId: job.id,
        accountId: job.accountId,
        sourceName: prepared.source.name,
        userName: job.userName,
        locale: request.options.locale,
        now,
        batchSize: options.batchSize,
        onBatch: async (done, total) => {
          batches++;
          log.info({ importId: job.id, done, total }, 'import batch written');
          if (options.failAfterBatches !== undefined && batches >= options.failAfterBatches) {
            throw new InjectedFault(`injected fault after ${batches} batches`);
          }
          // On PostgreSQL progress goes through another connection, so pollers see it before the commit.
          if (db.concurrent) await this.reportProgress(job, 'writing', done);
          // PGlite runs in this thread and its awaits resolve as microtasks: without a real turn of the event
          // loop here, logs, timers and sockets would all wait for the whole import.
          else await yieldToEventLoop();
        },
      });
      const warnings = plan.issues.filter((i) => i.severity === 'warning');
      if (!(await completeJob(tx, job.id, job.token, plan.counts, warnings))) throw new LostClaim();
      timings.lap('write');
      return { plan, written: true };
    });
    timings.lap('commit');
    if (!outcome.written) {
      const reason = words.rowsHaveErrors({ count: outcome.plan.errorRows.size });
      await failJob(db, job.id, job.token, reason, outcome.plan.issues, outcome.plan.counts);
      log.info({ importId: job.id }, 'import refused: rows conflict with existing contacts');
      return;
    }
    log.info({ importId: job.id, counts: outcome.plan.counts, ms: timings.laps }, 'import completed');
  }
}
