import { existsSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReadPosition, SheetHeader } from '../shared/codec';
import type { PartProgress, PartResult, PartRules, PartStretch } from './check-part';
import type { SplitAnswer, SplitRequest } from './check-part-worker';
import { chunkBytes } from './read-sheet';
import { splitTarget } from './row-splits';
import { readingOnIsQuicker, type WorkerProgress } from './thread-speed';

/** Below this a file is checked in one thread even when more are asked for: a worker costs more than it saves. */
export const minParallelBytes = 8 * 1024 * 1024;

/**
 * Unless threads are asked for, below this a file is checked in one thread. Measured on two cores: a
 * million rows (285 MB) about 20% faster in two threads, 100,000 rows (28 MB) 10-20% slower (the worker's
 * start-up, the split and the hand-over are a large share of a one-second check, and two threads on two
 * small cores do not run at twice the speed of one).
 */
export const defaultParallelBytes = 64 * 1024 * 1024;

/** Threads `listprep check` uses on a large file unless told: the cores there are, at most four. */
export const defaultThreads = () => Math.min(availableParallelism(), 4);

// Bundled beside the CLI (scripts/build-cli.mjs). Run from the TypeScript sources there is none: one thread.
const workerPath = fileURLToPath(new URL('./check-part-worker.mjs', import.meta.url));

/**
 * `listprep check` on a large CSV with more than one core: the main thread reads the start of the file
 * (header, sample, mapping) and the first stretch; worker threads, started at once so their start-up
 * overlaps, each check a later stretch beginning at a row boundary; the main thread then adopts their
 * validated rows in file order (shared/validate `adoptRows`), which finds duplicates across the whole file.
 *
 * The result is exactly the one-thread result or the file is read in one thread after all: when the first
 * stretch does not end at a row boundary as the parser sees it (a stray quote fooled the split), when the
 * encoding changed while reading, or when any worker fails, the main thread reads on to the end itself.
 * It also reads on itself when that is quicker than waiting - a worker starved of a core on a busy machine
 * - so more threads never make a check much slower than one.
 */
export class ParallelCheck {
  private stopAt = Number.POSITIVE_INFINITY;
  private planning: Promise<void> | null = null;
  private answers: Promise<PartResult>[] = [];
  private position: ReadPosition | null = null;
  private plannedEncoding: string | null = null;
  private accepted: PartResult[] | null = null;
  private bytesRead = 0;
  private rulesSent = false;
  /** The main thread's reading since the rules went out, and each worker's, to compare their speeds. */
  private mainSince: { ms: number; bytes: number } | null = null;
  private progress: WorkerProgress[] = [];
  /** Where the first split is first looked for: it can only be there or after. */
  private readonly noSplitBefore: number;
  /** Why the file was read in one thread after all (LISTPREP_TRACE=1 prints it). */
  fallback: string | null = null;

  /** Where the file splits into stretches: the first worker finds out while the main thread starts. */
  private readonly splits: Promise<number[]>;

  private constructor(
    private readonly file: string,
    private readonly size: number,
    private workers: Worker[],
  ) {
    this.noSplitBefore = splitTarget(size, 1, workers.length + 1);
    this.splits = new Promise((resolve) => {
      workers[0].once('message', (answer: SplitAnswer) => resolve(answer.splits));
      workers[0].once('error', () => resolve([]));
      workers[0].once('exit', () => resolve([]));
    });
  }

  /**
   * Starts the workers when the file is large enough and threads are allowed; null means one thread.
   * `asked`: the user chose the thread count (then files from `minParallelBytes` on are split).
   */
  static start(file: string, size: number, threads: number, asked: boolean): ParallelCheck | null {
    const minBytes = asked ? minParallelBytes : defaultParallelBytes;
    if (threads < 2 || size < minBytes || !existsSync(workerPath)) return null;
    const request: SplitRequest = { file, size, parts: threads };
    const workers = Array.from(
      { length: threads - 1 },
      (_, w) =>
        new Worker(workerPath, {
          workerData: w === 0 ? request : undefined,
          // Rows die young; a small young generation keeps the worker's share of a million-row check's
          // peak memory (both threads at their fullest, just before the hand-over) down by tens of MB.
          resourceLimits: { maxYoungGenerationSizeMb: 3 },
        }),
    );
    for (const worker of workers) worker.unref();
    return new ParallelCheck(file, size, workers);
  }

  /**
   * Called once the header is known: sends each worker its stretch as soon as the splits are known, so the
   * workers read while the main thread reads its sample. A workbook or a UTF-16 file is read in one thread.
   */
  begin(header: SheetHeader, maxRowLength?: number): void {
    const encoding = header.encoding;
    if (header.kind !== 'csv' || !header.delimiter || (encoding !== 'utf-8' && encoding !== 'windows-1252')) {
      this.giveUp('not a UTF-8 or Windows-1252 text file');
      return;
    }
    const part = {
      encoding,
      delimiter: header.delimiter,
      columns: header.headers.length,
      headerCells: header.headerCells,
      maxRowLength,
    };
    this.plannedEncoding = encoding;
    this.planning = this.splits.then(
      (splits) => {
        if (splits.length === 0 || splits[0] <= this.bytesRead) {
          this.giveUp('no row boundary to split at');
          return;
        }
        for (const extra of this.workers.splice(splits.length)) void extra.terminate();
        this.stopAt = splits[0];
        this.answers = this.workers.map((worker, w) => {
          const stretch: PartStretch = {
            kind: 'stretch',
            file: this.file,
            start: splits[w],
            end: splits[w + 1] ?? this.size,
            last: w === splits.length - 1,
            part,
          };
          worker.ref();
          worker.postMessage(stretch);
          const progress: WorkerProgress = {
            bytes: 0,
            total: stretch.end - stretch.start,
            since: null,
            last: 0,
          };
          this.progress.push(progress);
          return answerOf(worker, (bytes) => {
            const ms = performance.now();
            progress.bytes = bytes;
            progress.last = ms;
            if (this.rulesSent) progress.since ??= { ms, bytes };
          });
        });
      },
      (error: unknown) => {
        this.giveUp(`the file could not be split: ${(error as Error).message}`);
      },
    );
  }

  /** Called once the mapping is known (after the sample): the workers map and check their rows with it. */
  plan(rules: Omit<PartRules, 'kind'>): void {
    this.rulesSent = true;
    this.mainSince = { ms: performance.now(), bytes: this.bytesRead };
    const message: PartRules = { kind: 'rules', ...rules };
    void (this.planning ?? Promise.resolve()).then(() => {
      for (const worker of this.workers) worker.postMessage(message);
    });
  }

  /** Where the main thread's reading stands after each chunk (from `onChunk`). */
  track(position: ReadPosition | undefined): void {
    if (position) this.position = position;
  }

  /**
   * The main thread's bytes: the file from the start up to the first split, then - only when the workers'
   * parts cannot be used - on to the end.
   */
  async *bytes(handle: FileHandle): AsyncGenerator<Uint8Array> {
    let at = 0;
    for (;;) {
      // No split comes before the first place one is looked for: read on until there without waiting.
      if (at >= this.noSplitBefore && this.planning) await this.planning;
      if (at >= this.stopAt) {
        if (await this.acceptParts()) return;
        this.stopAt = Number.POSITIVE_INFINITY;
      }
      const limit = at < this.noSplitBefore ? this.noSplitBefore : this.stopAt;
      const want = Math.min(chunkBytes, limit - at);
      const buffer = new Uint8Array(want);
      const { bytesRead } = await handle.read(buffer, 0, want, at);
      if (bytesRead === 0) return;
      at += bytesRead;
      this.bytesRead = at;
      yield bytesRead === want ? buffer : buffer.subarray(0, bytesRead);
    }
  }

  /** The workers' validated parts in file order once the main thread is done; [] when it read everything. */
  async finish(): Promise<Extract<PartResult, { ok: true }>[]> {
    if (!this.accepted) this.giveUp(this.fallback ?? 'the file ended before it could be split');
    const parts = (this.accepted ?? []) as Extract<PartResult, { ok: true }>[];
    // Their heaps go before the parts are adopted: on a million rows that is the peak of memory.
    await this.close();
    return parts;
  }

  /** Stops every worker (also when the check fails). */
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private async acceptParts(): Promise<boolean> {
    if (!this.rulesSent) return this.giveUp('the sample was not read before the first split');
    const position = this.position;
    if (!position?.atRowBoundary) return this.giveUp('the first stretch does not end at a row boundary');
    if (position.encoding !== this.plannedEncoding) return this.giveUp('the encoding changed while reading');
    // LISTPREP_CHECK_WAIT=1 always waits: tests that must exercise the split, whatever the machine's load.
    if (process.env.LISTPREP_CHECK_WAIT !== '1' && this.readingOnIsQuicker())
      return this.giveUp('reading on was quicker than waiting for the workers (a busy machine)');
    const results = await Promise.all(this.answers);
    const failed = results.find((result) => !result.ok);
    if (failed && !failed.ok) return this.giveUp(failed.reason);
    this.accepted = results;
    return true;
  }

  private readingOnIsQuicker(): boolean {
    const since = this.mainSince;
    if (!since) return false;
    return readingOnIsQuicker(
      performance.now(),
      { ...since, bytesNow: this.bytesRead },
      this.size,
      this.progress,
    );
  }

  private giveUp(reason: string): false {
    this.fallback ??= reason;
    this.stopAt = Number.POSITIVE_INFINITY;
    void this.close();
    return false;
  }
}

function answerOf(worker: Worker, onProgress: (bytes: number) => void): Promise<PartResult> {
  return new Promise((resolve) => {
    worker.on('message', (message: PartResult | PartProgress) => {
      if ('kind' in message) onProgress(message.bytes);
      else resolve(message);
    });
    worker.once('error', (error) => resolve({ ok: false, reason: error.message }));
    worker.once('exit', (code) => resolve({ ok: false, reason: `the worker stopped (${code})` }));
  });
}
