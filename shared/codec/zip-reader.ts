import type { RandomAccessBytes } from './random-access';
import { readZipDirectory, type ZipDirectory, type ZipEntry } from './zip-directory';
import type { ZipLimits } from './zip-limits';
import { InflateBudget, PartText } from './zip-part';
import { type XmlEvents, XmlTokenizer } from './xml-tokenizer';

/** A zip checked against its table of contents (zip-directory.ts), whose parts are read as streams of text. */
export class ZipReader {
  private readonly budget: InflateBudget;

  private constructor(
    private readonly bytes: RandomAccessBytes,
    readonly directory: ZipDirectory,
    limits: ZipLimits,
  ) {
    this.budget = new InflateBudget(limits);
  }

  static async open(bytes: RandomAccessBytes, limits: ZipLimits): Promise<ZipReader> {
    return new ZipReader(bytes, await readZipDirectory(bytes, limits), limits);
  }

  get(name: string): ZipEntry | undefined {
    return this.directory.get(name);
  }

  /** The part's text, inflated piece by piece as it is pulled. */
  text(entry: ZipEntry): PartText {
    return new PartText(this.bytes, entry, this.budget);
  }

  /** Reads a whole part through the XML tokenizer. */
  async readXml(entry: ZipEntry, events: XmlEvents): Promise<void> {
    const text = this.text(entry);
    const tokenizer = new XmlTokenizer(entry.name, events);
    for (let piece = await text.next(); piece !== null; piece = await text.next()) tokenizer.push(piece);
    tokenizer.end();
  }
}
