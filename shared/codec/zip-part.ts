import { ReadError } from './errors';
import type { Inflater, InflaterFactory } from './inflaters';
import type { RandomAccessBytes } from './random-access';
import type { ZipEntry } from './zip-directory';
import type { ZipLimits } from './zip-limits';

/** Packed bytes read from the file at a time. */
const blockBytes = 1024 * 1024;
/**
 * Packed bytes handed to the inflater at a time. Deflate unpacks at most about 1,032 times, so one push
 * makes at most about 33 MB before the limits are checked again.
 */
const sliceBytes = 32 * 1024;
/**
 * Bytes decoded to text at a time: the pieces stay below V8's 128 KiB regular-object limit, so they die young
 * with the cells cut from them instead of waiting in the large-object space for a full collection.
 */
const pieceBytes = 32 * 1024;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** What all parts read so far have unpacked to, against the limits for the whole workbook. */
export class InflateBudget {
  produced = 0;
  /** Packed bytes handed to the inflater so far. */
  consumed = 0;

  constructor(readonly limits: ZipLimits) {}

  /** Counts bytes unpacked; throws once the workbook as a whole passes a limit. */
  count(unpacked: number): void {
    this.produced += unpacked;
    const { maxTotalBytes, maxRatio, ratioFloorBytes } = this.limits;
    if (this.produced > maxTotalBytes) {
      throw new ReadError(
        'xlsx.tooLarge',
        `the workbook unpacks to more than ${mib(maxTotalBytes)}, more than ListPrep reads from Excel files; save it as CSV and open that`,
      );
    }
    if (this.produced > ratioFloorBytes && this.produced > maxRatio * this.consumed) {
      throw new ReadError(
        'xlsx.zipBomb',
        `the workbook unpacks to more than ${maxRatio} times its packed size, which no real workbook does; refused to protect this computer`,
      );
    }
  }
}

/**
 * The bytes of one part, inflated as they are pulled: packed bytes come from the file a block at a time and
 * go to the inflater (inflaters.ts) one small slice at a time; every unpacked chunk is counted at once against
 * the size the table of contents declares (a part that lies is stopped at the lie), the part's own ratio and
 * the whole workbook's, before anyone sees it. Nothing but the current block and one or two slices' output is
 * held.
 */
export class PartBytes {
  private readonly chunks: Uint8Array[] = [];
  private block: Uint8Array = new Uint8Array(0);
  private blockAt = 0;
  /** Packed bytes read from the file and handed to the inflater. */
  private packedRead = 0;
  private produced = 0;
  private finished = false;
  /** Null for a stored part, whose packed bytes are its bytes. */
  private readonly inflater: Inflater | null;

  constructor(
    private readonly bytes: RandomAccessBytes,
    readonly entry: ZipEntry,
    private readonly budget: InflateBudget,
    inflater: InflaterFactory,
  ) {
    this.inflater = entry.method === 8 ? inflater() : null;
  }

  /** How much of the part is read, from 0 to 1. */
  get fraction(): number {
    return this.entry.compressedSize ? this.packedRead / this.entry.compressedSize : 1;
  }

  /** The next chunk of unpacked bytes, or null after the last (when its size is the declared one). */
  async next(): Promise<Uint8Array | null> {
    while (this.chunks.length === 0) {
      if (this.finished) return null;
      await this.step();
    }
    return this.chunks.shift()!;
  }

  /** Stops reading the part before its end (a preview has its rows): the inflater is let go. */
  cancel(): void {
    if (this.finished) return;
    this.finished = true;
    this.inflater?.cancel();
  }

  damaged(why: string): ReadError {
    return new ReadError(
      'xlsx.corrupt',
      `the workbook is damaged ("${this.entry.name}" ${why}); open it in Excel and save it again`,
    );
  }

  private async step(): Promise<void> {
    const { inflater } = this;
    if (!inflater) {
      const slice = await this.nextSlice();
      this.take(slice);
      if (this.packedRead === this.entry.compressedSize) this.finish();
      return;
    }
    let out: Uint8Array | 'input' | null;
    try {
      out = await inflater.next();
      if (out === 'input') {
        const slice = await this.nextSlice();
        inflater.push(slice, this.packedRead === this.entry.compressedSize);
        return;
      }
    } catch (error) {
      if (error instanceof ReadError) throw error;
      this.cancel();
      throw this.damaged('cannot be unpacked');
    }
    if (out === null) this.finish();
    else this.take(out);
  }

  /** The next slice of packed bytes, reading the next block from the file when needed. */
  private async nextSlice(): Promise<Uint8Array> {
    const { entry } = this;
    if (this.blockAt === this.block.length) {
      const left = entry.compressedSize - this.packedRead;
      this.block =
        left > 0
          ? await this.bytes.read(entry.dataOffset + this.packedRead, Math.min(left, blockBytes))
          : new Uint8Array(0);
      this.blockAt = 0;
      if (left > 0 && this.block.length === 0) throw this.damaged('is cut off');
    }
    const slice = this.block.subarray(this.blockAt, this.blockAt + sliceBytes);
    this.blockAt += slice.length;
    this.packedRead += slice.length;
    this.budget.consumed += slice.length;
    return slice;
  }

  private finish(): void {
    this.finished = true;
    if (this.produced !== this.entry.size) {
      throw this.damaged(
        `unpacks to ${this.produced.toLocaleString('en-US')} bytes, not the ${this.entry.size.toLocaleString('en-US')} it declares`,
      );
    }
  }

  /** Unpacked bytes: counted and checked before anyone sees them. */
  private take(chunk: Uint8Array): void {
    const { entry, budget } = this;
    this.produced += chunk.length;
    if (this.produced > entry.size) {
      throw new ReadError(
        'xlsx.zipBomb',
        `the workbook's part "${entry.name}" unpacks to more than the ${mib(entry.size)} it declares; refused to protect this computer`,
      );
    }
    const { maxRatio, ratioFloorBytes } = budget.limits;
    if (this.produced > ratioFloorBytes && this.produced > maxRatio * this.packedRead) {
      throw new ReadError(
        'xlsx.zipBomb',
        `the workbook's part "${entry.name}" unpacks to more than ${maxRatio} times its packed size, which no real workbook does; refused to protect this computer`,
      );
    }
    budget.count(chunk.length);
    if (chunk.length) this.chunks.push(chunk);
  }
}

/** XML parts are UTF-8, or UTF-16 with a byte order mark (Excel writes UTF-8). */
function encodingOf(first: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf-16le';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** A part's text in pieces (for the small parts the XML tokenizer reads; never a silent U+FFFD). */
export class PartText {
  private decoder: TextDecoder | undefined;
  private readonly pieces: string[] = [];
  private done = false;

  constructor(readonly part: PartBytes) {}

  get entry(): ZipEntry {
    return this.part.entry;
  }

  get fraction(): number {
    return this.part.fraction;
  }

  /** The next piece of text, or null after the last. */
  async next(): Promise<string | null> {
    while (this.pieces.length === 0) {
      if (this.done) return null;
      const chunk = await this.part.next();
      if (chunk === null) this.done = true;
      this.decode(chunk ?? new Uint8Array(0), chunk === null);
    }
    return this.pieces.shift()!;
  }

  cancel(): void {
    this.part.cancel();
  }

  private decode(bytes: Uint8Array, final: boolean): void {
    if (!this.decoder) {
      if (bytes.length === 0 && !final) return;
      this.decoder = new TextDecoder(encodingOf(bytes), { fatal: true });
    }
    for (let at = 0; at < bytes.length || (final && at === 0); at += pieceBytes) {
      const last = final && at + pieceBytes >= bytes.length;
      let text: string;
      try {
        text = this.decoder.decode(bytes.subarray(at, at + pieceBytes), { stream: !last });
      } catch {
        throw this.part.damaged('is not text');
      }
      if (text.length) this.pieces.push(text);
    }
  }
}

/**
 * A part's bytes as UTF-8 without a byte order mark, for the sheet scanner, which works on bytes: a UTF-16
 * part (which Excel never writes) is turned into UTF-8 on the way.
 */
export class PartUtf8 {
  private transcode: { decoder: TextDecoder; encoder: TextEncoder } | null | undefined;

  constructor(readonly part: PartBytes) {}

  get fraction(): number {
    return this.part.fraction;
  }

  async next(): Promise<Uint8Array | null> {
    let chunk = await this.part.next();
    if (this.transcode === undefined) {
      if (chunk === null) return null;
      const encoding = encodingOf(chunk);
      this.transcode =
        encoding === 'utf-8'
          ? null
          : { decoder: new TextDecoder(encoding, { fatal: true }), encoder: new TextEncoder() };
      if (encoding === 'utf-8' && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf)
        chunk = chunk.subarray(3);
    }
    if (!this.transcode) return chunk;
    try {
      const text = this.transcode.decoder.decode(chunk ?? new Uint8Array(0), { stream: chunk !== null });
      if (chunk === null) return text ? this.transcode.encoder.encode(text) : null;
      return this.transcode.encoder.encode(text);
    } catch {
      throw this.part.damaged('is not text');
    }
  }

  cancel(): void {
    this.part.cancel();
  }
}
