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
 * The text of one part, inflated as it is read: packed bytes come from the file a block at a time and go to
 * the inflater (inflaters.ts) one small slice at a time; every unpacked chunk is counted at once against the
 * size the table of contents declares (a part that lies is stopped at the lie), the part's own ratio and the
 * whole workbook's, then decoded (UTF-8, or UTF-16 with a BOM; never a silent U+FFFD) into pieces of text.
 * Nothing but the current block, one or two slices' output and the pieces not yet taken is held.
 */
export class PartText {
  private readonly pieces: string[] = [];
  private taken = 0;
  private block: Uint8Array = new Uint8Array(0);
  private blockAt = 0;
  /** Packed bytes read from the file and handed to the inflater. */
  private packedRead = 0;
  private produced = 0;
  private finished = false;
  private decoder: TextDecoder | undefined;
  /** Null for a stored part, whose bytes are its text. */
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

  /** The next piece of text, or null after the last. */
  async next(): Promise<string | null> {
    while (this.taken === this.pieces.length) {
      if (this.finished) return null;
      this.pieces.length = 0;
      this.taken = 0;
      await this.step();
    }
    const piece = this.pieces[this.taken];
    this.pieces[this.taken++] = '';
    return piece;
  }

  /** Stops reading the part before its end (a preview has its rows): the inflater is let go. */
  cancel(): void {
    if (this.finished) return;
    this.finished = true;
    this.inflater?.cancel();
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
    this.decode(new Uint8Array(0), true);
  }

  /** Inflated bytes: counted and checked before they are decoded. */
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
    for (let at = 0; at < chunk.length; at += pieceBytes) {
      this.decode(chunk.subarray(at, at + pieceBytes), false);
    }
  }

  private decode(bytes: Uint8Array, final: boolean): void {
    if (!this.decoder) {
      if (bytes.length === 0 && !final) return;
      // XML parts are UTF-8, or UTF-16 with a byte order mark (Excel writes UTF-8).
      const label =
        bytes[0] === 0xff && bytes[1] === 0xfe
          ? 'utf-16le'
          : bytes[0] === 0xfe && bytes[1] === 0xff
            ? 'utf-16be'
            : 'utf-8';
      this.decoder = new TextDecoder(label, { fatal: true });
    }
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: !final });
    } catch {
      throw this.damaged('is not text');
    }
    if (text.length) this.pieces.push(text);
  }

  private damaged(why: string): ReadError {
    return new ReadError(
      'xlsx.corrupt',
      `the workbook is damaged ("${this.entry.name}" ${why}); open it in Excel and save it again`,
    );
  }
}
