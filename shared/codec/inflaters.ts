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
 * too, but its web streams cost more than they save there: the CLI lends Node's zlib instead). At most two
 * slices wait unpacked.
 */
export function webInflater(): Inflater {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let closed = false;
  return {
    push(slice, last) {
      // A failed write fails the next read too, which says why.
      writer.write(slice).catch(() => {});
      if (last) {
        closed = true;
        writer.close().catch(() => {});
      }
    },
    async next() {
      if (!closed && (writer.desiredSize ?? 0) > 0) return 'input';
      const { done, value } = await reader.read();
      return done ? null : value;
    },
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
