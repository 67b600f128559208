import { strToU8, Zip, ZipDeflate } from 'fflate';

/** Receives the bytes of the file being written, in order. */
export type ChunkSink = (chunk: Uint8Array) => void;

/** A limit of the XLSX format (or of Excel) that the data would break; nothing valid can be written. */
export class XlsxLimitError extends Error {
  override readonly name = 'XlsxLimitError';
}

// fflate writes classic ZIP (no ZIP64): a part over 4 GiB would come out corrupt, so it is refused instead.
const maxPartBytes = 0xffffffff;
// Text is gathered into pieces of about this many UTF-16 units before encoding and compressing: large
// enough that per-call costs vanish, small enough to keep memory flat.
const pieceUnits = 1 << 17;

/** One part (file) of the package, written as text a piece at a time and compressed as it goes. */
export class PartWriter {
  private buffer = '';
  private bytes = 0;
  private closed = false;

  constructor(
    readonly name: string,
    private readonly file: ZipDeflate,
    private readonly check: () => void,
  ) {}

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= pieceUnits) this.flush(false);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.flush(true);
  }

  private flush(final: boolean): void {
    const bytes = strToU8(this.buffer);
    this.buffer = '';
    this.bytes += bytes.length;
    if (this.bytes > maxPartBytes) {
      throw new XlsxLimitError(`${this.name} would be larger than 4 GB, more than an XLSX file can hold`);
    }
    this.file.push(bytes, final);
    this.check();
  }
}

/**
 * A ZIP package (the container of an XLSX file) written as a stream with fflate, so it runs the same in
 * Node and in a browser Web Worker. Parts may be open at the same time; fflate emits them one after the
 * other and holds the compressed bytes of a later part until the earlier ones are closed.
 */
export class XlsxPackage {
  private readonly zip: Zip;
  private failure: Error | null = null;
  private readonly open = new Set<PartWriter>();

  constructor(
    onChunk: ChunkSink,
    private readonly level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 1,
  ) {
    this.zip = new Zip((error, chunk) => {
      if (error) this.failure = error;
      else if (chunk.length) onChunk(chunk);
    });
  }

  /** Starts a part that is written piece by piece. */
  openPart(name: string): PartWriter {
    const file = new ZipDeflate(name, { level: this.level });
    this.zip.add(file);
    this.check();
    const part = new PartWriter(name, file, () => this.check());
    this.open.add(part);
    return part;
  }

  /** Writes a small part whole. */
  addPart(name: string, text: string): void {
    const part = this.openPart(name);
    part.write(text);
    this.closePart(part);
  }

  closePart(part: PartWriter): void {
    part.close();
    this.open.delete(part);
  }

  /** Writes the ZIP directory; every part must be closed. */
  end(): void {
    if (this.open.size) throw new Error(`parts still open: ${[...this.open].map((p) => p.name).join(', ')}`);
    this.zip.end();
    this.check();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}
