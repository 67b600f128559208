import type { EarlyOpen, ListApi, OpenResult, ReadOptions, UploadTaskState } from '../../shared/list';

// The messages between the UI thread and the worker, which hosts the list engine (shared/list). Everything
// is structured-clone data; the only difference from the engine's own API is how a file arrives: the
// browser's File itself, read by the worker as it parses (file-bytes.ts).

export type WorkerApi = Omit<ListApi, 'open'> & {
  /** The file's bytes, or (in the browser) the File itself, which the worker reads as it parses. */
  open: {
    req: { bytes: Uint8Array; options: ReadOptions } | { blob: Blob; options: ReadOptions };
    res: OpenResult;
  };
  /** Where the engine's uploads go (see WorkerConnection); null forgets it (disconnected). */
  useConnection: { req: WorkerConnection | null; res: null };
};

/**
 * How the worker reaches the import server: in the desktop app a port to the main process, which holds the
 * key; in a browser the address and the key themselves (the web bridge keeps them in memory for the tab's
 * life; the worker is the same page's), sent through the same transport policy.
 */
export type WorkerConnection =
  | Readonly<{ kind: 'port'; port: MessagePort }>
  | Readonly<{ kind: 'fetch'; serverUrl: string; apiKey: string; insecureHttpTo: readonly string[] }>;

export type RequestType = keyof WorkerApi;

export type WorkerRequest<K extends RequestType = RequestType> = Readonly<{
  id: number;
  type: K;
  params: WorkerApi[K]['req'];
}>;

/** A refusal: its stable code (worded for people by shared/words), the engine's English diagnosis, the file's line. */
export type WorkerError = Readonly<{ code: string; message: string; line?: number }>;

export type WorkerMessage =
  /** The upload's state changed (a dry run or an import runs beside the requests, see ListUpload). */
  | Readonly<{ kind: 'upload'; state: UploadTaskState }>
  | Readonly<{ kind: 'result'; id: number; ok: true; value: unknown }>
  | Readonly<{ kind: 'result'; id: number; ok: false; error: WorkerError }>
  | Readonly<{
      kind: 'progress';
      id: number;
      phase: 'read' | 'validate';
      done: number;
      fraction: number;
      early?: EarlyOpen;
    }>;
