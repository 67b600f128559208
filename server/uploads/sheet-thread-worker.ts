// A sheet-reading thread (see sheet-thread.ts): reads files with the codec off the server's event loop and
// sends back the header, the rows (when asked) and how it ended.
import { parentPort } from 'node:worker_threads';
import { ApiError } from '../http/api-error';
import { readRows } from './sheet-reading';
import type { FromThread, ToThread } from './sheet-thread-messages';

/** Rows sent back per message. */
const rowsPerMessage = 2_000;

/** The chunks of one file as they arrive from the main thread; each one taken is acknowledged. */
class Chunks implements AsyncIterable<Uint8Array> {
  private readonly queue: Uint8Array[] = [];
  private ended = false;
  private wake: (() => void) | null = null;

  constructor(private readonly taken: () => void) {}

  push(chunk: Uint8Array): void {
    this.queue.push(chunk);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      const next = this.queue.shift();
      if (next) {
        this.taken();
        yield next;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
    }
  }
}

const port = parentPort;
if (!port) throw new Error('sheet-thread-worker runs as a worker thread');
const post = (message: FromThread) => port.postMessage(message);
const files = new Map<number, Chunks>();

async function read(id: number, name: string, keepRows: boolean): Promise<void> {
  const chunks = new Chunks(() => post({ type: 'taken', id }));
  files.set(id, chunks);
  let batch: string[][] = [];
  let rowCount = 0;
  try {
    const { format, headers } = await readRows(chunks, name, (fields) => {
      rowCount++;
      if (!keepRows) return;
      batch.push(fields);
      if (batch.length >= rowsPerMessage) {
        post({ type: 'rows', id, rows: batch });
        batch = [];
      }
    });
    if (batch.length) post({ type: 'rows', id, rows: batch });
    post({ type: 'done', id, format, headers, rowCount });
  } catch (error) {
    post({
      type: 'failed',
      id,
      ...(error instanceof ApiError
        ? { code: error.code, message: error.message }
        : { code: null, message: (error as Error)?.message ?? String(error) }),
    });
  } finally {
    files.delete(id);
  }
}

port.on('message', (message: ToThread) => {
  if (message.type === 'read') void read(message.id, message.name, message.keepRows);
  else if (message.type === 'chunk') files.get(message.id)?.push(message.bytes);
  else if (message.type === 'end') files.get(message.id)?.end();
});
