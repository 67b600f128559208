import { SourceError } from './source-error';

// The open file's bytes, whole or still arriving. In the browser the worker gets the File itself and reads it
// (renderer/worker/file-bytes.ts fills a ListBytes as the Blob's stream gives bytes), so parsing starts with
// the first megabyte instead of after the UI thread has copied the whole file into memory. The bytes are
// kept whole for reading again (another encoding, delimiter or header row) and for the journal.

/** Bytes handed to the reader at a time: the same pieces whether the file is whole or still arriving. */
const pieceBytes = 1 << 20;

export class ListBytes {
  private readonly whole: Uint8Array;
  private filled: number;
  private failure: Error | null = null;
  private waiting: (() => void)[] = [];

  private constructor(
    readonly size: number,
    whole: Uint8Array,
    filled: number,
    /** Reads a range of the file itself, not yet arrived (a browser File can be read anywhere). */
    private readonly readRange?: (offset: number, length: number) => Promise<Uint8Array>,
  ) {
    this.whole = whole;
    this.filled = filled;
  }

  /** Bytes already in memory (Electron, a restored journal, the CLI, tests). */
  static of(bytes: Uint8Array): ListBytes {
    return new ListBytes(bytes.length, bytes, bytes.length);
  }

  /**
   * Room for `size` bytes that arrive later through `append`, then `finish` (or `fail`); `readRange` reads
   * bytes that have not arrived yet straight from the file, where it can be read anywhere.
   */
  static arriving(
    size: number,
    readRange?: (offset: number, length: number) => Promise<Uint8Array>,
  ): ListBytes {
    return new ListBytes(size, new Uint8Array(size), 0, readRange);
  }

  /**
   * Bytes at any offset, for a workbook (a zip's table of contents is at its end): from memory once they are
   * in, else from the file itself if it can be read anywhere, else once they arrive.
   */
  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(this.size, offset + length);
    if (this.filled < end && this.readRange && !this.failure) return this.readRange(offset, end - offset);
    if (this.filled < end) await this.arrived(end);
    return this.whole.subarray(offset, end);
  }

  /**
   * The bytes from the start in 1 MB pieces, each as soon as it is in; `at.offset` is where the pieces
   * handed out so far end (the read's progress). Can be iterated again, and by two readers at once.
   */
  async *pieces(at: { offset: number } = { offset: 0 }): AsyncGenerator<Uint8Array> {
    for (let offset = 0; offset < this.size; offset += pieceBytes) {
      const end = Math.min(this.size, offset + pieceBytes);
      if (this.filled < end) await this.arrived(end);
      at.offset = end;
      yield this.whole.subarray(offset, end);
    }
  }

  /** All the bytes, once they are in. */
  async all(): Promise<Uint8Array> {
    if (this.filled < this.size) await this.arrived(this.size);
    return this.whole;
  }

  /** More of an arriving file; throws when it no longer fits (the file changed on disk since it was chosen). */
  append(chunk: Uint8Array): void {
    if (this.filled + chunk.length > this.size) throw new Error('the file changed while it was read');
    this.whole.set(chunk, this.filled);
    this.filled += chunk.length;
    this.wake();
  }

  /** The arriving file ended: short of its size means it changed while it was read. */
  finish(): void {
    if (this.filled < this.size) this.fail(new Error('the file changed while it was read'));
  }

  /** Reading failed: every reader waiting for more bytes gets the reason. */
  fail(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.failure = new SourceError('file.unreadable', `The file could not be read: ${reason}`);
    this.wake();
  }

  private arrived(end: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (this.failure) reject(this.failure);
        else if (this.filled >= end) resolve();
        else this.waiting.push(check);
      };
      check();
    });
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const check of waiting) check();
  }
}
