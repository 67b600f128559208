import type { ChunkSink } from './xlsx-package';

/** A writer that takes items one at a time and hands its output to a sink (the workbook writers). */
export type PushWriter<T> = Readonly<{ add: (item: T) => void; finish: () => void }>;

/**
 * Turns a push writer into a pull stream of bytes: each row is written only when the reader asks for more,
 * so a slow disk or a full pipe holds the export back instead of piling chunks up in memory.
 */
export function* pullChunks<T>(
  start: (onChunk: ChunkSink) => PushWriter<T>,
  items: Iterable<T>,
): Generator<Uint8Array, void, undefined> {
  let ready: Uint8Array[] = [];
  const writer = start((chunk) => ready.push(chunk));
  const drain = () => {
    const out = ready;
    ready = [];
    return out;
  };
  for (const item of items) {
    writer.add(item);
    if (ready.length) yield* drain();
  }
  writer.finish();
  yield* drain();
}

/** `pullChunks` for items that arrive asynchronously (a file read in chunks). */
export async function* pullChunksAsync<T>(
  start: (onChunk: ChunkSink) => PushWriter<T>,
  items: AsyncIterable<T> | Iterable<T>,
): AsyncGenerator<Uint8Array, void, undefined> {
  let ready: Uint8Array[] = [];
  const writer = start((chunk) => ready.push(chunk));
  const drain = () => {
    const out = ready;
    ready = [];
    return out;
  };
  for await (const item of items) {
    writer.add(item);
    if (ready.length) yield* drain();
  }
  writer.finish();
  yield* drain();
}

/** Joins chunks into one buffer (small files, tests, a Blob-less caller). */
export function concatChunks(chunks: Iterable<Uint8Array>): Uint8Array {
  const list = [...chunks];
  const out = new Uint8Array(list.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of list) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
