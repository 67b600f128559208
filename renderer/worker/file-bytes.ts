import { SourceError } from './source-reader';

// The open file's bytes. In the browser the worker gets the File itself and reads it here, so parsing starts
// with the first megabyte instead of after the UI thread has copied the whole file into memory (about 100 ms
// for 28 MB, during which the worker had nothing to do). The bytes are kept whole for reading again
// (another encoding, delimiter or header row) and for the journal.

/** Bytes handed to the reader at a time: the same pieces whether the file is whole or still arriving. */
const pieceBytes = 1 << 20;

export class FileBytes {
  private readonly whole: Uint8Array;
  private filled: number;
  private failure: Error | null = null;
  private waiting: (() => void)[] = [];
  /**
   * The stream being read, held here while it is read: otherwise nothing the worker keeps refers to it (its
   * pending read only to itself), and a garbage collection mid-read can drop it with the read still to come,
   * leaving the reader waiting for ever.
   */
  private stream: ReadableStream<Uint8Array> | null = null;

  private constructor(
    readonly size: number,
    whole: Uint8Array,
    filled: number,
  ) {
    this.whole = whole;
    this.filled = filled;
  }

  /** Bytes already in memory (Electron, a restored journal, tests, the bench's Node baseline). */
  static of(bytes: Uint8Array): FileBytes {
    return new FileBytes(bytes.length, bytes, bytes.length);
  }

  /** A file read from its Blob in the background; pieces are handed out as they arrive. */
  static streaming(blob: Blob): FileBytes {
    const file = new FileBytes(blob.size, new Uint8Array(blob.size), 0);
    void file.fill(blob);
    return file;
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

  private async fill(blob: Blob): Promise<void> {
    try {
      await this.readInto(blob);
      if (this.filled < this.size) throw new Error('the file changed while it was read');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.failure = new SourceError('file.unreadable', `The file could not be read: ${reason}`);
    }
    this.stream = null;
    this.wake();
  }

  private async readInto(blob: Blob): Promise<void> {
    const stream = blob.stream();
    this.stream = stream;
    let reader: ReadableStreamBYOBReader;
    try {
      reader = stream.getReader({ mode: 'byob' });
    } catch {
      return this.readChunks(stream.getReader());
    }
    // One buffer, read into and copied out again and again: a new buffer for every piece of a large file
    // would count as external memory and bring on full garbage collections of the worker's big heap.
    let buffer = new ArrayBuffer(pieceBytes);
    for (;;) {
      const { done, value } = await reader.read(new Uint8Array(buffer));
      if (done || !value) break;
      this.append(value);
      buffer = value.buffer;
    }
  }

  /** Where a Blob's stream has no byte reader: its own chunks. */
  private async readChunks(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      this.append(value);
    }
  }

  private append(chunk: Uint8Array): void {
    // A file changed on disk since it was chosen: the browser fails the read, or it no longer fits.
    if (this.filled + chunk.length > this.size) throw new Error('the file changed while it was read');
    this.whole.set(chunk, this.filled);
    this.filled += chunk.length;
    this.wake();
  }
}
