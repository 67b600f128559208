// The few globals that every place shared/ runs (browser, Web Worker, Node, Electron) provides. Declared
// here by hand, narrowly, because shared/ compiles without DOM or Node types on purpose: anything else from
// the platform must come in through a parameter.

export {};

declare global {
  class TextDecoder {
    constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
    readonly encoding: string;
    decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
  }

  class TextEncoder {
    encode(input?: string): Uint8Array;
  }

  /**
   * The WHATWG URL parser: the transport policy decides on the URL exactly as fetch will parse it, so no
   * second parser can read an address differently (shared/upload/transport-policy.ts).
   */
  class URL {
    constructor(url: string, base?: string);
    readonly href: string;
    readonly origin: string;
    readonly protocol: string;
    readonly username: string;
    readonly password: string;
    readonly host: string;
    readonly hostname: string;
    readonly port: string;
    readonly pathname: string;
    readonly search: string;
    readonly hash: string;
  }

  /** Only what a request's time limit needs (shared/upload/fetch-transport.ts). */
  class AbortSignal {
    static timeout(milliseconds: number): AbortSignal;
    readonly aborted: boolean;
  }

  // Streams, only as far as DecompressionStream needs them (shared/codec/inflaters.ts). Browsers and their
  // workers have it, Node from 18 ('deflate-raw' from 20.12); inflaters.ts falls back to fflate otherwise.
  type ReadableStreamReadResult<T> = { done: false; value: T } | { done: true; value?: undefined };

  interface ReadableStreamDefaultReader<T> {
    read(): Promise<ReadableStreamReadResult<T>>;
    cancel(reason?: unknown): Promise<void>;
  }

  interface WritableStreamDefaultWriter<T> {
    readonly desiredSize: number | null;
    write(chunk: T): Promise<void>;
    close(): Promise<void>;
    abort(reason?: unknown): Promise<void>;
  }

  class DecompressionStream {
    constructor(format: 'deflate' | 'deflate-raw' | 'gzip');
    readonly readable: { getReader(): ReadableStreamDefaultReader<Uint8Array> };
    readonly writable: { getWriter(): WritableStreamDefaultWriter<Uint8Array> };
  }
}
