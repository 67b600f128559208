import { ByteDecoder } from './byte-decoder';
import { concatBytes } from './bytes';
import { CsvParser, type CsvRowHandler } from './csv-parse';
import { detectDelimiter } from './delimiter';
import { detectEncoding, type TextEncoding } from './encoding';
import { ReadError } from './errors';
import { markupError } from './file-kind';

export type CsvBytesOptions = Readonly<{
  /** Chosen by the user; otherwise detected from the first bytes. */
  encoding?: TextEncoding;
  /** Chosen by the user; otherwise detected from the first lines. */
  delimiter?: string;
  maxRowLength?: number;
  /** A quote never closed: refuse the file (the default) or read its row as written (see `CsvParserOptions`). */
  unclosedQuote?: 'fail' | 'asWritten';
  /**
   * The bytes are a later stretch of a file whose start was read elsewhere (encoding and delimiter given):
   * no sniffing, and a first line like `sep=;` is data, as it would be there.
   */
  continuation?: boolean;
}>;

export type CsvFormat = Readonly<{ encoding: TextEncoding; bom: boolean; delimiter: string }>;

/** Bytes decoded at a time: at most 64 KiB of text even when every character takes two bytes. */
const decodePieceBytes = 32 * 1024;

/** Bytes looked at to decide the encoding and the delimiter. */
export const sampleBytes = 64 * 1024;

const boms: Record<TextEncoding, number[]> = {
  'utf-8': [0xef, 0xbb, 0xbf],
  'utf-16le': [0xff, 0xfe],
  'utf-16be': [0xfe, 0xff],
  'windows-1252': [],
};

/**
 * CSV bytes in, raw rows out (every line, header and titles included), chunk by chunk from any source: a
 * Blob's stream in the renderer's worker, a file stream in the CLI. The first 64 KiB decide the encoding and
 * the delimiter unless they are given. Throws `ReadError`.
 */
export class CsvByteReader {
  private head: Uint8Array[] = [];
  private headLength = 0;
  private decoder: ByteDecoder | undefined;
  private parser: CsvParser | undefined;
  private chosenFormat: CsvFormat | undefined;

  constructor(
    private readonly options: CsvBytesOptions,
    private readonly onRow: CsvRowHandler,
  ) {}

  /** The encoding, BOM and delimiter once known; the encoding may still change once (UTF-8 to Windows-1252). */
  get format(): CsvFormat | undefined {
    const format = this.chosenFormat;
    if (!format || !this.decoder || this.decoder.encoding === format.encoding) return format;
    return { ...format, encoding: this.decoder.encoding };
  }

  /** True when the bytes pushed so far end exactly at a row's end (nothing waits for more text). */
  get atRowBoundary(): boolean {
    return this.head.length === 0 && (this.parser?.atRowStart ?? true);
  }

  /** Lines whose row opened a quote that never closes, read as written (`unclosedQuote: 'asWritten'`). */
  get unclosedQuoteLines(): readonly number[] {
    return this.parser?.unclosedQuoteLines ?? [];
  }

  /** The physical line reached, for messages. */
  get line(): number {
    return this.parser?.line ?? 1;
  }

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.parser && this.decoder) {
      // Decoded in small pieces: a string over V8's 128 KiB regular-object limit goes to the large-object
      // space, where a megabyte chunk's text stays as garbage until a full collection (on a million-row
      // file, hundreds of megabytes of peak memory); a small one dies young like the rows cut from it.
      for (let at = 0; at < bytes.length; at += decodePieceBytes) {
        this.parser.push(this.decoder.decode(bytes.subarray(at, at + decodePieceBytes)));
      }
      return;
    }
    this.head.push(bytes);
    this.headLength += bytes.length;
    if (this.headLength >= sampleBytes) this.start(false);
  }

  /** Parses what the first bytes held back for sniffing, without ending: then `atRowBoundary` is final. */
  settle(): void {
    if (!this.parser && this.headLength > 0) this.start(false);
  }

  end(): CsvFormat {
    if (!this.parser || !this.decoder) this.start(true);
    else this.parser.push(this.decoder.decode(new Uint8Array(0), true));
    this.parser!.end();
    return this.format!;
  }

  private start(final: boolean): void {
    const head = concatBytes(this.head);
    this.head = [];
    if (head.length === 0) throw new ReadError('file.empty', 'the file is empty');
    // The first 64 KiB decide; the rest of the first chunk (often a megabyte) is decoded like later chunks.
    const whole = head.length <= sampleBytes;
    const sample = whole ? head : head.subarray(0, sampleBytes);
    const continuation = this.options.continuation === true;
    const markup = continuation ? undefined : markupError(sample);
    if (markup) throw markup;
    const chosen = this.options.encoding;
    const guess = chosen
      ? { encoding: chosen, bom: boms[chosen].length > 0 && boms[chosen].every((b, i) => sample[i] === b) }
      : detectEncoding(sample, final && whole);
    const decoder = new ByteDecoder(guess.encoding, {
      mayFallBack: !chosen && !guess.bom && guess.encoding === 'utf-8',
      line: () => this.parser?.lineAtEnd() ?? 1,
    });
    const text = decoder.decode(sample, final && whole);
    if (!chosen && mostlyNul(text)) {
      // A byte order mark fooled the detection: UTF-32, or binary data that happens to start like one.
      throw new ReadError(
        'encoding.unknown',
        'the file is not text in UTF-8, UTF-16 or Windows-1252 (it looks like binary data); if it is text, choose its encoding',
      );
    }
    // Excel's own hint, `sep=;` alone on the first line, names the delimiter and is no part of the table.
    const hint = continuation ? null : /^\uFEFF?sep=([^\r\n"])(\r\n|\n|\r)/i.exec(text);
    const delimiter = this.options.delimiter ?? hint?.[1] ?? detectDelimiter(text, final && whole);
    this.decoder = decoder;
    this.chosenFormat = { encoding: guess.encoding, bom: guess.bom, delimiter };
    const onRow = this.onRow;
    this.parser = new CsvParser(
      { delimiter, maxRowLength: this.options.maxRowLength, unclosedQuote: this.options.unclosedQuote },
      hint
        ? (fields, line) => {
            if (line > 1) onRow(fields, line);
          }
        : onRow,
    );
    this.parser.push(text);
    for (let at = sampleBytes; at < head.length; at += decodePieceBytes) {
      const piece = head.subarray(at, at + decodePieceBytes);
      this.parser.push(decoder.decode(piece, final && at + decodePieceBytes >= head.length));
    }
  }
}

function mostlyNul(text: string): boolean {
  let nul = 0;
  for (let i = text.indexOf('\0'); i !== -1; i = text.indexOf('\0', i + 1)) nul++;
  return nul > 0 && nul * 1000 >= text.length;
}
