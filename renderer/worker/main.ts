import { clientTether } from '../../shared/template';
import { type EarlyOpen, ListSession, SessionError, SourceError } from '../../shared/list';
import { streamFile } from './file-bytes';
import type { WorkerConnection, WorkerMessage, WorkerRequest } from './protocol';
import { transportOf } from './worker-connection';

// The worker's entry: it hosts the list engine (one ListSession), handles requests strictly one after another
// (a change never interleaves with another) and posts progress as it happens.

type WorkerScope = {
  postMessage(message: WorkerMessage, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
};
const scope = self as unknown as WorkerScope;

const session = new ListSession(clientTether, {
  timers: { set: (run, ms) => setTimeout(run, ms), clear: (handle) => clearTimeout(handle as number) },
  // The upload runs beside the requests; the UI thread is told of each change of its state.
  onUpload: (state) => scope.postMessage({ kind: 'upload', state }),
});
let queue: Promise<void> = Promise.resolve();

// A zero-delay yield: lets progress messages leave and keeps the worker responsive without setTimeout's
// 4 ms clamp, which would add seconds to a million-row read.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

// Progress goes to the UI a few times a second: each report re-renders the bar and its count on the UI
// thread, which shares the cores with this worker, and more than four a second show nothing more. The worker
// still yields every 50 ms between reports, so a request that stops this work (another file) is seen at once.
const postEvery = 250;
const yieldEvery = 50;

function transferables(value: unknown): Transferable[] {
  if (typeof value === 'object' && value !== null && 'bytes' in value) {
    const bytes = (value as { bytes: unknown }).bytes;
    if (bytes instanceof Uint8Array) return [bytes.buffer];
  }
  return [];
}

async function handle(request: WorkerRequest): Promise<void> {
  if (request.type === 'useConnection') {
    const connection = request.params as WorkerConnection | null;
    session.sendThrough(connection ? transportOf(connection) : null);
    scope.postMessage({ kind: 'result', id: request.id, ok: true, value: null });
    return;
  }
  const handler = session.handlers[request.type] as (
    params: unknown,
    progress: Parameters<typeof session.handlers.open>[1],
  ) => Promise<unknown>;
  let lastPost = Number.NEGATIVE_INFINITY;
  let lastYield = 0;
  const progress = async (phase: 'read' | 'validate', done: number, fraction: number, early?: EarlyOpen) => {
    const now = performance.now();
    if (early || fraction >= 1 || now - lastPost >= postEvery) {
      lastPost = now;
      scope.postMessage({
        kind: 'progress',
        id: request.id,
        phase,
        done,
        fraction,
        ...(early ? { early } : {}),
      });
    } else if (now - lastYield < yieldEvery) return;
    lastYield = now;
    await yieldToEvents();
  };
  try {
    // A browser File is read here as the engine parses it; everything else goes to the engine as it came.
    const params =
      request.type === 'open' && 'blob' in (request.params as WorkerRequest<'open'>['params'])
        ? { ...request.params, source: streamFile((request.params as { blob: Blob }).blob) }
        : request.params;
    const value = await handler(params, progress);
    scope.postMessage({ kind: 'result', id: request.id, ok: true, value }, transferables(value));
  } catch (error) {
    const code = error instanceof SessionError || error instanceof SourceError ? error.code : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    const line = error instanceof SourceError ? error.line : undefined;
    const failure = line === undefined ? { code, message } : { code, message, line };
    scope.postMessage({ kind: 'result', id: request.id, ok: false, error: failure });
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  // Runs as the message arrives, even while an earlier request is still working.
  if (request.type !== 'useConnection') session.interrupt(request.type, request.params);
  queue = queue.then(() => handle(request));
};
