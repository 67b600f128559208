import { createInflateRaw } from 'node:zlib';
import type { Inflater } from '../shared/codec/inflaters';

/** Unpacked bytes handed over at a time: large chunks keep the per-chunk cost of Node's streams low. */
const chunkSize = 256 * 1024;
/** Slices unpacking at once: zlib works in its own thread while the workbook reader scans the last one. */
const inFlight = 2;

/**
 * Node's zlib as the workbook reader's inflater (shared/codec/inflaters.ts): native, and it runs beside the
 * main thread. Measured on a 156 MB sheet: about 0.3-0.6 s of CPU, against about 1.5 s for fflate and for
 * Node's own DecompressionStream (whose 16 KiB chunks and web streams cost more than the inflating).
 */
export function zlibInflater(): Inflater {
  const inflate = createInflateRaw({ chunkSize });
  const out: Uint8Array[] = [];
  let writing = 0;
  let ended = false;
  let closed = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const wakeUp = () => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  inflate.on('data', (chunk: Uint8Array) => {
    out.push(chunk);
    wakeUp();
  });
  inflate.on('end', () => {
    ended = true;
    wakeUp();
  });
  inflate.on('error', (error) => {
    failure = error;
    wakeUp();
  });
  return {
    push(slice, last) {
      writing++;
      inflate.write(slice, () => {
        writing--;
        wakeUp();
      });
      if (last) {
        closed = true;
        inflate.end();
      }
    },
    async next() {
      for (;;) {
        if (failure) throw failure;
        if (out.length) return out.shift()!;
        if (ended) return null;
        if (!closed && writing < inFlight) return 'input';
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
    cancel() {
      inflate.destroy();
    },
  };
}
