import { Worker } from 'node:worker_threads';
import type { ByteSource } from '../../shared/codec';
import { ApiError } from '../http/api-error';
import type { FromThread, ToThread } from './sheet-thread-messages';

/** What reading a file gave: its rows when they were asked for. */
export type ReadSheet = Readonly<{
  format: 'csv' | 'xlsx';
  headers: string[];
  rows: string[][];
  rowCount: number;
}>;

/** Threads reading files: as many as a small server has cores to spare. */
const threads = 2;
/** Chunks sent ahead of the reader: enough to keep it busy, few enough to bound what waits in the thread. */
const chunksAhead = 4;

type FileHandlers = {
  taken: () => void;
  rows: (rows: string[][]) => void;
  done: (result: Omit<ReadSheet, 'rows'>) => void;
  failed: (error: Error) => void;
};

/**
 * A worker thread that reads files with the codec. Parsing is CPU work (a workbook is unpacked and parsed in
 * one go), and on the server's own thread it held up every request of every account for seconds; here the
 * server's thread only moves bytes in and rows out, a message at a time.
 */
class SheetThread {
  private worker: Worker | null = null;
  private readonly files = new Map<number, FileHandlers>();

  get busy(): number {
    return this.files.size;
  }

  send(message: ToThread): void {
    this.running().postMessage(message);
  }

  listen(id: number, handlers: FileHandlers): void {
    this.files.set(id, handlers);
  }

  forget(id: number): void {
    this.files.delete(id);
  }

  /** Ends the thread if it reads nothing now; the next file starts a new one. */
  async stopIfIdle(): Promise<void> {
    const worker = this.worker;
    if (!worker || this.files.size > 0) return;
    this.worker = null;
    // Its end is not a loss: no file is read there, and a new thread may already read one.
    worker.removeAllListeners('exit');
    worker.removeAllListeners('error');
    await worker.terminate();
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./sheet-thread-boot.mjs', import.meta.url), {
      // Not the parent's flags (a test runner's loaders): the boot file registers the TypeScript loader.
      execArgv: [],
      workerData: { entry: new URL('./sheet-thread-worker.ts', import.meta.url).href },
    });
    // An idle thread does not keep the process alive; the server's listener does.
    worker.unref();
    worker.on('message', (message: FromThread) => {
      const file = this.files.get(message.id);
      if (!file) return;
      if (message.type === 'taken') file.taken();
      else if (message.type === 'rows') file.rows(message.rows);
      else if (message.type === 'done') file.done(message);
      else
        file.failed(message.code ? new ApiError(message.code, message.message) : new Error(message.message));
    });
    const lost = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const file of this.files.values()) file.failed(error);
      this.files.clear();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the sheet-reading thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

const pool: SheetThread[] = Array.from({ length: threads }, () => new SheetThread());
let nextId = 1;

/**
 * Ends the sheet-reading threads that read nothing now, as a server closes. An unreferenced thread that has
 * read a file still kept the process alive for over a minute after it closed (a server told to stop did
 * not exit); other servers of the same process (tests) simply start new threads.
 */
export async function stopIdleSheetThreads(): Promise<void> {
  await Promise.all(pool.map((thread) => thread.stopIfIdle()));
}

/**
 * Reads a file in a sheet-reading thread: the bytes are passed on as they come (a few chunks ahead of the
 * reader), rows come back in batches when `keepRows`. Refusals are the same ApiErrors as on the main thread.
 * The source is read no further once the reader has finished (or refused the file).
 */
export async function readInThread(source: ByteSource, name: string, keepRows: boolean): Promise<ReadSheet> {
  const thread = pool.reduce((best, t) => (t.busy < best.busy ? t : best));
  const id = nextId++;
  const rows: string[][] = [];
  let credits = chunksAhead;
  let wake: (() => void) | null = null;
  let finished = false;
  const result = new Promise<Omit<ReadSheet, 'rows'>>((resolve, reject) => {
    thread.listen(id, {
      taken: () => {
        credits++;
        wake?.();
      },
      rows: (batch) => {
        for (const row of batch) rows.push(row);
      },
      done: (value) => {
        finished = true;
        wake?.();
        resolve(value);
      },
      failed: (error) => {
        finished = true;
        wake?.();
        reject(error);
      },
    });
  });
  // Keep a failure that comes while bytes are still being sent from going unhandled meanwhile.
  result.catch(() => {});
  try {
    thread.send({ type: 'read', id, name, keepRows });
    for await (const chunk of source) {
      while (credits === 0 && !finished) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
      }
      if (finished) break;
      credits--;
      thread.send({ type: 'chunk', id, bytes: chunk });
    }
    if (!finished) thread.send({ type: 'end', id });
    const value = await result;
    return { ...value, rows };
  } finally {
    thread.forget(id);
  }
}
