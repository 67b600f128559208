import type { Writable } from 'node:stream';

/**
 * Buffers output and writes it in large pieces, waiting for the stream to drain, so printing two million
 * issues neither floods memory nor costs a syscall per line.
 */
export class BufferedWriter {
  private buffer = '';

  constructor(
    private readonly stream: Writable,
    private readonly flushAt = 64 * 1024,
  ) {}

  write(text: string): void {
    this.buffer += text;
  }

  /** Call between chunks of work: writes when enough has gathered and waits if the reader is slow. */
  async maybeFlush(): Promise<void> {
    if (this.buffer.length >= this.flushAt) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.buffer) return;
    const text = this.buffer;
    this.buffer = '';
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve) => this.stream.once('drain', resolve));
    }
  }
}
