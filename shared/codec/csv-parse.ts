import { ReadError } from './errors';

export type CsvRowHandler = (fields: string[], line: number) => void;

export type CsvParserOptions = Readonly<{
  delimiter: string;
  /**
   * The longest row, in characters, kept while waiting for its end. A file with a gigabyte and no line break
   * is hostile or broken; it is refused here instead of growing the buffer until the process dies. The
   * default is far above a real row (Excel caps a cell at 32,767 characters).
   */
  maxRowLength?: number;
  /**
   * A quote that is never closed: `fail` (the default) refuses the file; `asWritten` reads that row's line as
   * written (the quote kept as a character, the line split at its delimiters), notes its line in
   * `unclosedQuoteLines`, and reads on. It is only known at the end of the text (no quote follows it), or
   * when the open field passes `maxRowLength`.
   */
  unclosedQuote?: 'fail' | 'asWritten';
}>;

const QUOTE = 34;
const LF = 10;
const CR = 13;
export const defaultMaxRowLength = 4 * 1024 * 1024;

/**
 * An incremental RFC 4180 parser: push text as it is decoded, rows come out as soon as they are complete.
 * Quoted fields may hold delimiters, doubled quotes and line breaks (CRLF, LF or CR). Rows without a quote,
 * which are most rows in real files, take a fast path: one `split` of the line. Errors are `ReadError`s.
 */
export class CsvParser {
  private buffer = '';
  /** Physical line (1-based) where the buffer starts. */
  private currentLine = 1;
  private readonly delimiter: string;
  private readonly delimiterCode: number;
  private readonly maxRowLength: number;
  private readonly asWritten: boolean;
  /** Lines whose row had a quote never closed, read as written (`unclosedQuote: 'asWritten'`). */
  readonly unclosedQuoteLines: number[] = [];

  constructor(
    options: CsvParserOptions,
    private readonly onRow: CsvRowHandler,
  ) {
    if (options.delimiter.length !== 1 || options.delimiter === '"' || /[\r\n]/.test(options.delimiter)) {
      throw new RangeError('the delimiter must be one character other than a quote or a line break');
    }
    this.delimiter = options.delimiter;
    this.delimiterCode = options.delimiter.charCodeAt(0);
    this.maxRowLength = options.maxRowLength ?? defaultMaxRowLength;
    this.asWritten = options.unclosedQuote === 'asWritten';
  }

  /** The physical line the parser has reached (1-based). */
  get line(): number {
    return this.currentLine;
  }

  /** True when every row pushed so far has been handed over: the text ended exactly at a row's end. */
  get atRowStart(): boolean {
    return this.buffer.length === 0;
  }

  /** The line the text pushed so far ends on (for a message about the next text, which starts there). */
  lineAtEnd(): number {
    return this.currentLine + countLineBreaks(this.buffer);
  }

  push(text: string): void {
    if (this.buffer.length === 0) {
      this.buffer = text;
    } else {
      this.buffer += text;
      // A row waiting for its end cannot end without a line break: skip the rescan of a huge unfinished row,
      // which would make a long line without breaks cost quadratic time.
      if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1) {
        if (this.buffer.length > this.maxRowLength) this.parse(false);
        return;
      }
    }
    this.parse(false);
  }

  end(): void {
    this.parse(true);
    this.buffer = '';
  }

  private parse(final: boolean): void {
    for (;;) {
      if (this.parseBuffer(final)) {
        this.readAsWritten(); // a quote never closed, at the end of the text
        continue;
      }
      if (this.buffer.length <= this.maxRowLength) return;
      if (this.asWritten && hasLineBreak(this.buffer)) {
        this.readAsWritten(); // a quoted field open past any real row's length: its quote is never closed
        continue;
      }
      this.failTooLong();
    }
  }

  /**
   * Hands over every complete row in the buffer; keeps the rest. Returns true when the buffer now starts with
   * a row whose quote is never closed (only at the end of the text, and only with `asWritten`).
   */
  private parseBuffer(final: boolean): boolean {
    const buffer = this.buffer;
    const length = buffer.length;
    const delimiter = this.delimiter;
    let pos = 0;
    let nextQuote = buffer.indexOf('"');
    let nextLf = buffer.indexOf('\n');
    let nextCr = buffer.indexOf('\r');
    while (pos < length) {
      if (nextLf !== -1 && nextLf < pos) nextLf = buffer.indexOf('\n', pos);
      if (nextCr !== -1 && nextCr < pos) nextCr = buffer.indexOf('\r', pos);
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = buffer.indexOf('"', pos);
      let eol = nextLf === -1 ? nextCr : nextCr === -1 ? nextLf : Math.min(nextLf, nextCr);
      if (nextQuote === -1 || (eol !== -1 && nextQuote > eol)) {
        // Fast path: no quote before the end of this line.
        if (eol === -1) {
          if (!final) break;
          eol = length;
        } else if (eol + 1 === length && !final && buffer.charCodeAt(eol) === CR) {
          break; // a CR at the end of a chunk may be the first half of CRLF
        }
        this.onRow(buffer.slice(pos, eol).split(delimiter), this.currentLine);
        this.currentLine++;
        pos = eol;
        if (pos < length) pos += buffer.charCodeAt(pos) === CR && buffer.charCodeAt(pos + 1) === LF ? 2 : 1;
        continue;
      }
      if (eol !== -1 && !(eol + 1 === length && !final && buffer.charCodeAt(eol) === CR)) {
        // Quotes, but maybe none around a line break: read the line with indexOf jumps.
        const fields = this.splitQuotedLine(buffer.slice(pos, eol));
        if (fields) {
          this.onRow(fields, this.currentLine);
          this.currentLine++;
          pos = eol + (buffer.charCodeAt(eol) === CR && buffer.charCodeAt(eol + 1) === LF ? 2 : 1);
          continue;
        }
      }
      const next = this.parseQuotedRow(buffer, pos, final);
      if (next === unclosed) {
        this.buffer = buffer.slice(pos);
        return true;
      }
      if (next === -1) break;
      pos = next;
    }
    this.buffer = pos >= length ? '' : buffer.slice(pos);
    if (final && this.buffer.length) {
      if (this.asWritten) return true;
      this.failUnterminated();
    }
    return false;
  }

  private failTooLong(): never {
    const line = this.currentLine;
    this.buffer = '';
    throw new ReadError(
      'csv.rowTooLong',
      `line ${line} runs on for more than ${this.maxRowLength.toLocaleString('en-US')} characters without ending; this is not a contact list`,
      line,
    );
  }

  /**
   * The row at the start of the buffer opens a quote that never closes: its first line is read as written
   * (fields that close on the line as usual, the open one and the rest of the line split at delimiters,
   * quote kept), and the text after that line is read on as rows. No quote follows the open one (that is
   * why it never closes), so the rest cannot meet the same trouble again.
   */
  private readAsWritten(): void {
    const buffer = this.buffer;
    const lf = buffer.indexOf('\n');
    const cr = buffer.indexOf('\r');
    let eol = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    if (eol === -1) eol = buffer.length;
    this.unclosedQuoteLines.push(this.currentLine);
    this.onRow(this.splitAsWritten(buffer.slice(0, eol)), this.currentLine);
    this.currentLine++;
    let next = eol;
    if (next < buffer.length)
      next += buffer.charCodeAt(next) === CR && buffer.charCodeAt(next + 1) === LF ? 2 : 1;
    this.buffer = buffer.slice(next);
  }

  /** Splits a line whose quoted field never closes: fields that close as usual, the open one as written. */
  private splitAsWritten(line: string): string[] {
    const delimiter = this.delimiter;
    const fields: string[] = [];
    let pos = 0;
    for (;;) {
      let text = '';
      let from = pos;
      if (line.charCodeAt(pos) === QUOTE) {
        // A field that closes on this line (doubled quotes inside) reads as usual; the open one stays as is.
        let at = pos + 1;
        let quoted = '';
        for (;;) {
          const close = line.indexOf('"', at);
          if (close === -1) break;
          quoted += line.slice(at, close);
          if (line.charCodeAt(close + 1) === QUOTE) {
            quoted += '"';
            at = close + 2;
            continue;
          }
          text = quoted;
          from = close + 1;
          break;
        }
      }
      const next = line.indexOf(delimiter, from);
      fields.push(text + line.slice(from, next === -1 ? line.length : next));
      if (next === -1) return fields;
      pos = next + 1;
    }
  }

  /**
   * Splits one line that has quotes in it, the same way `parseQuotedRow` would, or returns undefined when a
   * quoted field runs past the end of the line (it holds a line break): then that slower path reads the row.
   */
  private splitQuotedLine(line: string): string[] | undefined {
    const delimiter = this.delimiter;
    const length = line.length;
    const fields: string[] = [];
    let pos = 0;
    for (;;) {
      let value: string;
      let next: number;
      if (line.charCodeAt(pos) === QUOTE) {
        let text = '';
        let from = pos + 1;
        for (;;) {
          const close = line.indexOf('"', from);
          if (close === -1) return undefined;
          text += line.slice(from, close);
          if (line.charCodeAt(close + 1) === QUOTE) {
            text += '"';
            from = close + 2;
            continue;
          }
          pos = close + 1;
          break;
        }
        next = line.indexOf(delimiter, pos);
        const end = next === -1 ? length : next;
        value = end > pos ? text + line.slice(pos, end) : text;
      } else {
        next = line.indexOf(delimiter, pos);
        value = line.slice(pos, next === -1 ? length : next);
      }
      fields.push(value);
      if (next === -1) return fields;
      pos = next + 1;
      if (pos === length) {
        fields.push('');
        return fields;
      }
    }
  }

  /** Parses one row that has a quote in it; returns where the next row starts, or -1 to wait for more text. */
  private parseQuotedRow(buffer: string, start: number, final: boolean): number {
    const length = buffer.length;
    const delimiterCode = this.delimiterCode;
    const fields: string[] = [];
    let pos = start;
    let linesInRow = 0;
    for (;;) {
      let value: string;
      if (buffer.charCodeAt(pos) === QUOTE) {
        let text = '';
        let from = pos + 1;
        for (;;) {
          const close = buffer.indexOf('"', from);
          if (close === -1) {
            if (!final) return -1;
            if (this.asWritten) return unclosed;
            this.failUnterminated();
          }
          if (close + 1 === length && !final) return -1; // could be the first of a doubled quote
          text += buffer.slice(from, close);
          if (buffer.charCodeAt(close + 1) === QUOTE) {
            text += '"';
            from = close + 2;
            continue;
          }
          pos = close + 1;
          break;
        }
        // Text after the closing quote and before the delimiter ("a"b,) is kept, as spreadsheets do.
        let end = pos;
        while (end < length) {
          const code = buffer.charCodeAt(end);
          if (code === delimiterCode || code === LF || code === CR) break;
          end++;
        }
        if (end === length && !final) return -1;
        value = end > pos ? text + buffer.slice(pos, end) : text;
        let lf = value.indexOf('\n');
        while (lf !== -1) {
          linesInRow++;
          lf = value.indexOf('\n', lf + 1);
        }
        pos = end;
      } else {
        let end = pos;
        while (end < length) {
          const code = buffer.charCodeAt(end);
          if (code === delimiterCode || code === LF || code === CR) break;
          end++;
        }
        if (end === length && !final) return -1;
        value = buffer.slice(pos, end);
        pos = end;
      }
      fields.push(value);
      if (pos >= length) {
        this.emit(fields, linesInRow);
        return pos;
      }
      const code = buffer.charCodeAt(pos);
      if (code === delimiterCode) {
        pos++;
        if (pos === length) {
          if (!final) return -1;
          fields.push('');
          this.emit(fields, linesInRow);
          return pos;
        }
        continue;
      }
      // End of line.
      if (code === CR) {
        if (pos + 1 === length && !final) return -1;
        pos += buffer.charCodeAt(pos + 1) === LF ? 2 : 1;
      } else {
        pos++;
      }
      this.emit(fields, linesInRow);
      return pos;
    }
  }

  private emit(fields: string[], extraLines: number): void {
    this.onRow(fields, this.currentLine);
    this.currentLine += 1 + extraLines;
  }

  private failUnterminated(): never {
    const line = this.currentLine;
    this.buffer = '';
    throw new ReadError(
      'csv.unterminatedQuote',
      `a quote opened on line ${line} is never closed, so the rest of the file would be one cell`,
      line,
    );
  }
}

/** `parseQuotedRow`'s answer for a row whose quote never closes (only at the end, with `asWritten`). */
const unclosed = -2;

function hasLineBreak(text: string): boolean {
  return text.indexOf('\n') !== -1 || text.indexOf('\r') !== -1;
}

/** Line breaks in a text: CRLF, LF or CR. */
export function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/** Parses a whole text at once (tests, small files). */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  const parser = new CsvParser({ delimiter }, (fields) => rows.push(fields));
  parser.push(text);
  parser.end();
  return rows;
}
