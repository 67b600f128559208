/**
 * Bytes that can be read at any offset. A zip keeps its table of contents at its end, so a workbook is read
 * from there: a file on disk is read where needed (the CLI holds one block at a time, not the file), and
 * bytes that arrived as a stream are kept as they came and read the same way.
 */
export type RandomAccessBytes = Readonly<{
  size: number;
  /**
   * `length` bytes from `offset`, fewer only where the file ends. The result may be a view of bytes held
   * elsewhere: read it, never write it.
   */
  read(offset: number, length: number): Promise<Uint8Array>;
}>;

/**
 * Chunks already in memory (a Blob read in the worker, an upload, a test's array) as random-access bytes,
 * without joining them: a read within one chunk is a view of it, only a read across chunks is copied.
 */
export function bytesOfChunks(pieces: readonly Uint8Array[]): RandomAccessBytes {
  const chunks = pieces.filter((piece) => piece.length > 0);
  const starts: number[] = [];
  let size = 0;
  for (const chunk of chunks) {
    starts.push(size);
    size += chunk.length;
  }
  const chunkAt = (offset: number): number => {
    let low = 0;
    let high = chunks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  return {
    size,
    read(offset, length) {
      const start = Math.max(0, Math.min(offset, size));
      const end = Math.min(size, start + Math.max(0, length));
      if (end === start) return Promise.resolve(new Uint8Array(0));
      let index = chunkAt(start);
      const first = chunks[index];
      const from = start - starts[index];
      if (from + (end - start) <= first.length)
        return Promise.resolve(first.subarray(from, from + end - start));
      const out = new Uint8Array(end - start);
      let filled = 0;
      for (let at = start; at < end; index++) {
        const chunk = chunks[index];
        const within = at - starts[index];
        const take = Math.min(chunk.length - within, end - at);
        out.set(chunk.subarray(within, within + take), filled);
        filled += take;
        at += take;
      }
      return Promise.resolve(out);
    },
  };
}
