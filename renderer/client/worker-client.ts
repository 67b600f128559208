import type { EarlyOpen, UploadTaskState } from '../../shared/list';
import type { RequestType, WorkerApi, WorkerError, WorkerMessage } from '../worker/protocol';

export type Progress = Readonly<{
  phase: 'read' | 'validate';
  done: number;
  fraction: number;
  early?: EarlyOpen;
}>;

/** A request the worker refused, with its stable code and a sentence for people. */
export class WorkerFailure extends Error {
  constructor(readonly error: WorkerError) {
    super(error.message);
  }
}

type Pending = {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: (p: Progress) => void;
};

/** Typed requests to the worker; answers arrive in order, progress as it happens. */
export class WorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly uploadListeners = new Set<(state: UploadTaskState) => void>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => this.receive(event.data);
    worker.onerror = (event) => {
      for (const p of this.pending.values()) p.reject(new Error(event.message || 'The worker stopped.'));
      this.pending.clear();
    };
  }

  static start(): WorkerClient {
    return new WorkerClient(new Worker(new URL('../worker/main.ts', import.meta.url), { type: 'module' }));
  }

  call<K extends RequestType>(
    type: K,
    params: WorkerApi[K]['req'],
    options: { onProgress?: (p: Progress) => void; transfer?: Transferable[] } = {},
  ): Promise<WorkerApi[K]['res']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (value: unknown) => void,
        reject,
        onProgress: options.onProgress,
      });
      this.worker.postMessage({ id, type, params }, options.transfer ?? []);
    });
  }

  /** Told whenever the worker's upload changes state (it runs beside the requests). */
  onUpload(listener: (state: UploadTaskState) => void): () => void {
    this.uploadListeners.add(listener);
    return () => this.uploadListeners.delete(listener);
  }

  terminate(): void {
    this.worker.terminate();
  }

  private receive(message: WorkerMessage): void {
    if (message.kind === 'upload') {
      for (const listener of this.uploadListeners) listener(message.state);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.kind === 'progress') {
      pending.onProgress?.(message);
      return;
    }
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new WorkerFailure(message.error));
  }
}
