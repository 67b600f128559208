import type { RandomAccessBytes } from './random-access';
import { readZipDirectory, type ZipDirectory, type ZipEntry } from './zip-directory';
import type { ZipLimits } from './zip-limits';
import type { InflaterFactory } from './inflaters';
import { InflateBudget, PartText } from './zip-part';
import { type XmlEvents, XmlTokenizer } from './xml-tokenizer';

/** A zip checked against its table of contents (zip-directory.ts), whose parts are read as streams of text. */
export class ZipReader {
  private readonly budget: InflateBudget;
  private readonly opened: PartText[] = [];

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
    for (const text of this.opened) text.cancel();
    this.opened.length = 0;
  }

  get(name: string): ZipEntry | undefined {
    return this.directory.get(name);
  }

  /** The part's text, inflated piece by piece as it is pulled. */
  text(entry: ZipEntry): PartText {
    const text = new PartText(this.bytes, entry, this.budget, this.inflater);
    this.opened.push(text);
    return text;
  }

  /** Reads a whole part through the XML tokenizer. */
  async readXml(entry: ZipEntry, events: XmlEvents): Promise<void> {
    const text = this.text(entry);
    const tokenizer = new XmlTokenizer(entry.name, events);
    for (let piece = await text.next(); piece !== null; piece = await text.next()) tokenizer.push(piece);
    tokenizer.end();
  }
}
