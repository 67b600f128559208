import type { FileHandle } from 'node:fs/promises';

const QUOTE = 0x22;
const LF = 0x0a;
const blockBytes = 4 * 1024 * 1024;
// The first stretch is the main thread's, which also reads the header and the sample and indexes every
// row's duplicate keys: it gets a slightly smaller share, so that the threads finish together.
const firstStretchLighter = 0.1;

/** Where the p-th cut of `parts` is first looked for. */
export function splitTarget(size: number, p: number, parts: number): number {
  return Math.floor((size * (p - firstStretchLighter)) / parts);
}

/**
 * Byte offsets that cut a CSV file into `parts` stretches of about equal size (the first a little smaller), each cut just after a line feed that
 * is outside quotes: an even number of quote characters comes before it (in RFC 4180 a quoted field opens
 * and closes with one quote, and a doubled quote inside counts twice). A quote inside an unquoted field
 * (`5" tall`) can fool this count, so the reader that ends a stretch confirms it ended at a row boundary.
 * Only for encodings where a quote and a line feed are single bytes that no other character contains
 * (UTF-8, Windows-1252). Fewer offsets come back when the file has no more rows to split at.
 */
export async function findRowSplits(handle: FileHandle, size: number, parts: number): Promise<number[]> {
  const splits: number[] = [];
  const block = new Uint8Array(blockBytes);
  let at = 0;
  let quotes = 0;
  for (let p = 1; p < parts; p++) {
    const target = splitTarget(size, p, parts);
    // Quotes up to the target, then the first line feed after it with an even count before it.
    while (at < target) {
      const { bytesRead } = await handle.read(block, 0, Math.min(blockBytes, target - at), at);
      if (bytesRead === 0) return splits;
      for (let i = 0; i < bytesRead; i++) if (block[i] === QUOTE) quotes++;
      at += bytesRead;
    }
    let split = -1;
    while (split < 0 && at < size) {
      const { bytesRead } = await handle.read(block, 0, blockBytes, at);
      if (bytesRead === 0) break;
      let i = 0;
      for (; i < bytesRead; i++) {
        const byte = block[i];
        if (byte === QUOTE) quotes++;
        else if (byte === LF && (quotes & 1) === 0) {
          split = at + i + 1;
          break;
        }
      }
      at += split < 0 ? bytesRead : i + 1;
    }
    if (split < 0 || split >= size) return splits;
    splits.push(split);
  }
  return splits;
}
