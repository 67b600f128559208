import { Inflate } from 'fflate';

/**
 * Raw deflate in, unpacked bytes out, pulled: `push` hands over packed bytes (`last` with the final slice);
 * `next` gives the next unpacked chunk, 'input' once everything pushed is unpacked and more is wanted, or
 * null after the last chunk. A damaged stream throws (from `push` or `next`). The reader pushes one slice at
 * a time and counts each chunk as it comes, so a bomb is stopped within one slice's output.
 */
export type Inflater = Readonly<{
  push(slice: Uint8Array, last: boolean): void;
  next(): Promise<Uint8Array | 'input' | null>;
  /** Lets it go before the end. */
  cancel(): void;
}>;

export type InflaterFactory = () => Inflater;

/** fflate's streaming Inflate: pure JavaScript, the same everywhere. */
export function fflateInflater(): Inflater {
  const out: Uint8Array[] = [];
  let ended = false;
  const inflate = new Inflate((chunk) => {
    if (chunk.length) out.push(chunk);
  });
  return {
    push(slice, last) {
      inflate.push(slice, last);
      if (last) ended = true;
    },
    async next() {
      if (out.length) return out.shift()!;
      return ended ? null : 'input';
    },
    cancel() {},
  };
}

/**
 * The platform's `DecompressionStream('deflate-raw')`: native zlib in browsers and their workers (Node has it
 * too, but its web streams cost more than they save there: the CLI lends Node's zlib instead). A slice is
 * pushed only once the one before is taken in, so at most two slices' output waits.
 */
export function webInflater(): Inflater {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let closed = false;
  /** Settles once the last slice pushed is taken in; null when nothing is on its way. */
  let taking: Promise<void> | null = null;
  let reading: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  const next = async (): Promise<Uint8Array | 'input' | null> => {
    if (!closed && !taking) return 'input';
    reading ??= reader.read();
    const result = taking ? await Promise.race([reading, taking.then(() => null)]) : await reading;
    // Taken in without output yet: more input first (the read stays pending for the next call).
    if (result === null) return closed ? next() : 'input';
    reading = null;
    return result.done ? null : result.value;
  };
  return {
    push(slice, last) {
      // A failed write fails the read too, which says why.
      const current: Promise<void> = writer.write(slice).then(
        () => {
          if (taking === current) taking = null;
        },
        () => {
          if (taking === current) taking = null;
        },
      );
      taking = current;
      if (last) {
        closed = true;
        writer.close().catch(() => {});
      }
    },
    next,
    cancel() {
      reader.cancel().catch(() => {});
      writer.abort().catch(() => {});
    },
  };
}

let webChecked: boolean | undefined;

/** True where the platform inflates raw deflate itself (browsers; Node from 20.12). */
function hasWebInflater(): boolean {
  if (webChecked !== undefined) return webChecked;
  webChecked = false;
  if (typeof DecompressionStream === 'function') {
    try {
      new DecompressionStream('deflate-raw');
      webChecked = true;
    } catch {
      // 'deflate-raw' is newer than the stream itself.
    }
  }
  return webChecked;
}

/** The platform's inflater where it has one, else fflate's. */
export function defaultInflater(): Inflater {
  return hasWebInflater() ? webInflater() : fflateInflater();
}
