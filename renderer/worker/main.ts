import { clientTether } from '../../shared/template';
import type { EarlyOpen, WorkerMessage, WorkerRequest } from './protocol';
import { Session } from './session';
import { SessionError } from './session-errors';
import { SourceError } from './source-reader';

// The worker's entry: one Session, requests handled strictly one after another (a change never interleaves
// with another), progress posted as it happens.

type WorkerScope = {
  postMessage(message: WorkerMessage, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
};
const scope = self as unknown as WorkerScope;

const session = new Session(clientTether);
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
    const value = await handler(request.params, progress);
    scope.postMessage({ kind: 'result', id: request.id, ok: true, value }, transferables(value));
  } catch (error) {
    const code = error instanceof SessionError || error instanceof SourceError ? error.code : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    scope.postMessage({ kind: 'result', id: request.id, ok: false, error: { code, message } });
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  // Runs as the message arrives, even while an earlier request is still working.
  session.interrupt(request.type, request.params);
  queue = queue.then(() => handle(request));
};
