import { ReadError } from './errors';
import { XmlTokenizer } from './xml-tokenizer';
import { elementText } from './xml-unescape';
import type { PartText } from './zip-part';

/** Characters joined into one block string. */
const blockChars = 1 << 20;
/** Shared text beyond this is more than a contact list holds; it would not fit this computer's memory. */
const maxSharedChars = 1 << 29;

/**
 * The shared-string table, held compactly and read only as far as the cells need: strings are joined into
 * blocks of about a million characters, each string found by its block and start (6 bytes per string, not a
 * string object each). Excel numbers strings in the order it first meets them, so the first rows of a sheet
 * need only the start of the table: a preview does not wait for the rest.
 */
export class SharedStrings {
  private readonly blocks: string[] = [];
  private blockOf = new Uint16Array(1024);
  private starts = new Int32Array(1024);
  private count = 0;
  private chars = 0;
  /** The block being filled: its strings, kept apart until it is joined. */
  private open: string[] = [];
  private openChars = 0;
  private openFirst = 0;
  private finished = false;
  private readonly tokenizer: XmlTokenizer;
  // The string being read: the text of its runs, and whether the current run counts (phonetic runs do not).
  private inItem = false;
  private inText = false;
  private phonetic = 0;
  private raw = '';
  private item = '';

  constructor(private readonly text: PartText | null) {
    this.tokenizer = new XmlTokenizer(text?.entry.name ?? '', {
      open: (name, _attributes, empty) => {
        if (name === 'si') {
          this.inItem = !empty;
          this.item = '';
          if (empty) this.add('');
        } else if (name === 'rPh') {
          if (!empty) this.phonetic++;
        } else if (name === 't' && this.inItem && this.phonetic === 0 && !empty) {
          this.inText = true;
          this.raw = '';
        }
      },
      close: (name) => {
        if (name === 't' && this.inText) {
          this.inText = false;
          this.item += elementText(this.raw);
        } else if (name === 'rPh') {
          this.phonetic = Math.max(0, this.phonetic - 1);
        } else if (name === 'si' && this.inItem) {
          this.inItem = false;
          this.add(this.item);
        }
      },
      text: (raw) => {
        if (this.inText) this.raw += raw;
      },
    });
    if (!text) this.finished = true;
  }

  /** Strings read so far. */
  get loaded(): number {
    return this.count;
  }

  /** Reads on until string `index` is there; false when the table ends before it. */
  async loadUpTo(index: number): Promise<boolean> {
    while (this.count <= index && !this.finished) {
      const piece = await this.text!.next();
      if (piece === null) {
        this.tokenizer.end();
        this.finished = true;
      } else {
        this.tokenizer.push(piece);
      }
    }
    return index < this.count;
  }

  /** String `index`, which must be loaded. */
  get(index: number): string {
    const block = this.blockOf[index];
    if (block === this.blocks.length) return this.open[index - this.openFirst];
    const text = this.blocks[block];
    const end =
      index + 1 < this.count && this.blockOf[index + 1] === block ? this.starts[index + 1] : text.length;
    return text.slice(this.starts[index], end);
  }

  private add(value: string): void {
    if (this.openChars + value.length > blockChars && this.open.length) this.closeBlock();
    const index = this.count++;
    if (index === this.starts.length) {
      const starts = new Int32Array(index * 2);
      starts.set(this.starts);
      this.starts = starts;
      const blockOf = new Uint16Array(index * 2);
      blockOf.set(this.blockOf);
      this.blockOf = blockOf;
    }
    this.blockOf[index] = this.blocks.length;
    this.starts[index] = this.openChars;
    this.open.push(value);
    this.openChars += value.length;
    this.chars += value.length;
    if (this.chars > maxSharedChars || this.blocks.length >= 0xffff) {
      throw new ReadError(
        'xlsx.tooLarge',
        'the workbook holds more text than ListPrep reads from Excel files; save it as CSV and open that',
      );
    }
  }

  private closeBlock(): void {
    this.blocks.push(this.open.join(''));
    this.open = [];
    this.openChars = 0;
    this.openFirst = this.count;
  }
}
