import { ListBytes } from '../../shared/list';

// A browser File reaches the worker unread and is read here while the list engine parses it (see
// shared/list/read/list-bytes.ts for why).

/** Bytes asked of the stream at a time. */
const pieceBytes = 1 << 20;

/**
 * Streams held while they are read: otherwise nothing the worker keeps refers to one (its pending read only
 * to itself), and a garbage collection mid-read can drop it with the read still to come, leaving the
 * reader waiting for ever.
 */
const reading = new Set<ReadableStream<Uint8Array>>();

/** The File's bytes, filled in the background as they are read; pieces are handed out as they arrive. */
export function streamFile(blob: Blob): ListBytes {
  // A workbook is read from its table of contents at the end: those bytes are read from the File at once.
  const bytes = ListBytes.arriving(
    blob.size,
    async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  );
  const stream = blob.stream();
  reading.add(stream);
  readInto(stream, bytes)
    .then(
      () => bytes.finish(),
      (error: unknown) => bytes.fail(error),
    )
    .finally(() => reading.delete(stream));
  return bytes;
}

async function readInto(stream: ReadableStream<Uint8Array>, bytes: ListBytes): Promise<void> {
  let reader: ReadableStreamBYOBReader;
  try {
    reader = stream.getReader({ mode: 'byob' });
  } catch {
    return readChunks(stream.getReader(), bytes);
  }
  // One buffer, read into and copied out again and again: a new buffer for every piece of a large file
  // would count as external memory and bring on full garbage collections of the worker's big heap.
  let buffer = new ArrayBuffer(pieceBytes);
  for (;;) {
    const { done, value } = await reader.read(new Uint8Array(buffer));
    if (done || !value) break;
    bytes.append(value);
    buffer = value.buffer;
  }
}

/** Where a Blob's stream has no byte reader: its own chunks. */
async function readChunks(reader: ReadableStreamDefaultReader<Uint8Array>, bytes: ListBytes): Promise<void> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes.append(value);
  }
}
