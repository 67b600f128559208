import type { RandomAccessBytes } from './random-access';
import { readZipDirectory, type ZipDirectory, type ZipEntry } from './zip-directory';
import type { ZipLimits } from './zip-limits';
import type { InflaterFactory } from './inflaters';
import { InflateBudget, PartBytes, PartText, PartUtf8 } from './zip-part';
import { type XmlEvents, XmlTokenizer } from './xml-tokenizer';

/** A zip checked against its table of contents (zip-directory.ts), whose parts are read as streams of text. */
export class ZipReader {
  private readonly budget: InflateBudget;
  private readonly opened: PartBytes[] = [];

  private constructor(
    private readonly bytes: RandomAccessBytes,
    readonly directory: ZipDirectory,
    limits: ZipLimits,
    private readonly inflater: InflaterFactory,
  ) {
    this.budget = new InflateBudget(limits);
  }

  static async open(
    bytes: RandomAccessBytes,
    limits: ZipLimits,
    inflater: InflaterFactory,
  ): Promise<ZipReader> {
    return new ZipReader(bytes, await readZipDirectory(bytes, limits), limits, inflater);
  }

  /** Lets go of every part still being inflated (the reading ended early, or failed). */
  close(): void {
    for (const part of this.opened) part.cancel();
    this.opened.length = 0;
  }

  get(name: string): ZipEntry | undefined {
    return this.directory.get(name);
  }

  /** The part's bytes, inflated chunk by chunk as they are pulled. */
  part(entry: ZipEntry): PartBytes {
    const part = new PartBytes(this.bytes, entry, this.budget, this.inflater);
    this.opened.push(part);
    return part;
  }

  /** The part's text, decoded piece by piece as it is pulled. */
  text(entry: ZipEntry): PartText {
    return new PartText(this.part(entry));
  }

  /** The part's bytes as UTF-8 (what the sheet scanner reads). */
  utf8(entry: ZipEntry): PartUtf8 {
    return new PartUtf8(this.part(entry));
  }

  /** Reads a whole part through the XML tokenizer. */
  async readXml(entry: ZipEntry, events: XmlEvents): Promise<void> {
    const text = this.text(entry);
    const tokenizer = new XmlTokenizer(entry.name, events);
    for (let piece = await text.next(); piece !== null; piece = await text.next()) tokenizer.push(piece);
    tokenizer.end();
  }
}
