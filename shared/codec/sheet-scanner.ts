import type { CellFormats } from './cell-formats';
import { booleanText, isoCellText, numberText } from './excel-cell';
import { ReadError } from './errors';
import type { SharedStrings } from './shared-strings';
import type { CellNote } from './sheet-types';
import { brokenXml, doctypeError, tagEnd, tagName } from './xml-tokenizer';
import { elementText } from './xml-unescape';

// A worksheet's XML, scanned as it is inflated: no DOM and no object per cell. Each row's cells are read
// straight from the text into one array of strings (only cells with a value take a slot), then handed on.
// What the sheet claims about itself (its dimension, merged ranges) allocates nothing: merged ranges are
// counted, never expanded, and rows missing between two rows are only a count.

export type SheetScanOptions = Readonly<{
  part: string;
  formats: CellFormats;
  /** The shared strings; null to only look at a sheet (a shared string then counts as some text). */
  strings: SharedStrings | null;
  date1904: boolean;
  /** Characters of XML one row may take. */
  maxRowChars: number;
  /** A row with at least one value, and its number; blank rows and missing rows never come. */
  onRow: (fields: string[], row: number) => void;
  onNote?: (row: number, column: number, code: CellNote['code'], value: string) => void;
  /** Asked after each row: true stops the scan (a preview has its rows). */
  stop?: () => boolean;
}>;

const before = 0;
const inData = 1;
const after = 2;
const ended = 3;

const typeNumber = 0;
const typeShared = 1;
const typeFormulaText = 2;
const typeInline = 3;
const typeBoolean = 4;
const typeError = 5;
const typeDate = 6;

/** The construct is not all in the text yet: keep the text from its start and wait for more. */
const incomplete = -1;

const maxRows = 1_048_576;
const maxColumns = 16_384;
/** Carried text longer than this is not searched again from its start: only new text is searched for its end. */
const longCarry = 64 * 1024;
/** The most merged ranges listed (all are counted). */
const mergesListed = 20;

function isNameEnd(code: number): boolean {
  return code === 62 || code === 47 || code === 32 || code === 9 || code === 10 || code === 13;
}

/**
 * Feeds a worksheet's text piece by piece. `push` and `resume` return -1 when the text given is done, or the
 * index of a shared string a finished row needs and that is not loaded yet: load it, then call `resume`.
 */
export class SheetScanner {
  private phase = before;
  private text = '';
  private pos = 0;
  private carry = '';
  /** The piece whose start was joined to the carry: scanned from `restFrom` once the joined text is done. */
  private rest = '';
  private restFrom = 0;
  /** The carry is long: new text is first searched for what ends it, without touching the carry. */
  private carryIsLong = false;
  private carryTail = '';
  private carryWaitsForRow = false;
  private lastRow = 0;
  private stopped = false;
  // The row being read, or finished and waiting for shared strings.
  private fields: string[] = [];
  private filled = false;
  private pending: number[] = [];
  private notes: { column: number; code: CellNote['code']; value: string }[] = [];
  private rowNumber = 0;
  private waiting = false;
  private needed = -1;
  private inlineValue = '';
  private rawValue = '';
  /** Rows with a value, columns with a value, merged ranges: what the sheet really holds. */
  rowsWithData = 0;
  private readonly columnSeen = new Uint8Array(maxColumns);
  columnsWithData = 0;
  mergeCount = 0;
  readonly merges: string[] = [];

  constructor(private readonly options: SheetScanOptions) {}

  /** True once the sheet's root element has closed. */
  get complete(): boolean {
    return this.phase === ended;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  push(piece: string): number {
    if (this.stopped) return -1;
    if (this.carryIsLong) {
      const probe = this.carryTail + piece;
      if (!(this.carryWaitsForRow ? hasRowEnd(probe) : probe.includes('>'))) {
        this.carry += piece; // a rope: nothing is copied until the end is found
        this.carryTail = probe.slice(-16);
        if (this.carry.length > this.options.maxRowChars) throw this.tooLong();
        return -1;
      }
      this.carryIsLong = false;
    }
    this.pos = 0;
    this.rest = '';
    if (!this.carry) {
      this.text = piece;
    } else {
      // Only the carried construct and the start of the piece that ends it are joined: the rest of the
      // piece is scanned where it is, never copied.
      const end = this.carryWaitsForRow ? rowEndIn(piece) : piece.indexOf('>') + 1;
      if (end <= 0 || end === piece.length) {
        this.text = this.carry + piece;
      } else {
        this.text = this.carry + piece.slice(0, end);
        this.rest = piece;
        this.restFrom = end;
      }
      this.carry = '';
    }
    return this.run();
  }

  /** Goes on after the shared strings a row needed are loaded. */
  resume(): number {
    this.waiting = false;
    this.finishRow();
    if (this.stopped) return -1;
    return this.run();
  }

  /** The part has ended: the sheet must be complete (unless the scan was stopped). */
  end(): void {
    if (this.stopped) return;
    if (this.carry || this.phase !== ended) throw brokenXml(this.options.part);
  }

  private tooLong(): ReadError {
    return new ReadError(
      'xlsx.tooLarge',
      `row ${this.lastRow + 1} of the sheet runs on for more than ${this.options.maxRowChars.toLocaleString('en-US')} characters; this is not a contact list`,
    );
  }

  private run(): number {
    for (;;) {
      const text = this.text;
      while (this.pos < text.length) {
        const next = this.phase === inData ? this.dataStep(text, this.pos) : this.otherStep(text, this.pos);
        if (next === incomplete) {
          if (!this.rest) {
            this.keep(text, this.waitFrom);
            return -1;
          }
          // The construct runs on into the rest of the piece after all: join them (rare).
          this.text = text.slice(this.waitFrom) + this.rest.slice(this.restFrom);
          this.rest = '';
          this.pos = 0;
          return this.run();
        }
        this.pos = next;
        if (this.waiting) return this.needed;
        if (this.stopped) return -1;
      }
      if (!this.rest) {
        this.text = '';
        return -1;
      }
      this.text = this.rest;
      this.pos = this.restFrom;
      this.rest = '';
    }
  }

  /** Where the carry starts when a step finds its construct incomplete. */
  private waitFrom = 0;

  private keep(text: string, from: number): void {
    this.carry = text.slice(from);
    this.text = '';
    if (this.carry.length > this.options.maxRowChars) throw this.tooLong();
    if (this.carry.length > longCarry) {
      this.carryIsLong = true;
      this.carryTail = this.carry.slice(-16);
    }
  }

  /** Outside the rows: find where they start, count merged ranges after them, see the root close. */
  private otherStep(text: string, pos: number): number {
    const lt = text.indexOf('<', pos);
    if (lt === -1) return text.length;
    this.waitFrom = lt;
    this.carryWaitsForRow = false;
    const c1 = text.charCodeAt(lt + 1);
    if (Number.isNaN(c1)) return incomplete;
    if (c1 === 63 || c1 === 33) return this.declaration(text, lt);
    if (c1 === 47) {
      const close = text.indexOf('>', lt);
      if (close === -1) return incomplete;
      const { name } = tagName(text, lt + 2);
      if (name === 'worksheet' || name === 'chartsheet' || name === 'dialogsheet') this.phase = ended;
      return close + 1;
    }
    const { name, end } = tagName(text, lt + 1);
    const close = tagEnd(text, end);
    if (close === -1) return incomplete;
    const empty = text.charCodeAt(close - 1) === 47;
    if (this.phase === before) {
      if (name === 'sheetData') this.phase = empty ? after : inData;
    } else if (this.phase === after && name === 'mergeCell') {
      this.mergeCount++;
      if (this.merges.length < mergesListed) {
        const ref = /\bref\s*=\s*["']([^"']*)["']/.exec(text.slice(end, close));
        if (ref) this.merges.push(ref[1]);
      }
    }
    return close + 1;
  }

  /** `<?…?>`, a comment or CDATA (skipped); any other `<!` is a document type declaration: refused. */
  private declaration(text: string, lt: number): number {
    if (text.charCodeAt(lt + 1) === 63) {
      const close = text.indexOf('?>', lt + 2);
      return close === -1 ? incomplete : close + 2;
    }
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      return close === -1 ? incomplete : close + 3;
    }
    if (text.length < lt + 9) return incomplete;
    if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      return close === -1 ? incomplete : close + 3;
    }
    throw doctypeError(this.options.part);
  }

  /** Inside `<sheetData>`: the next row, or its end. */
  private dataStep(text: string, pos: number): number {
    const lt = text.indexOf('<', pos);
    if (lt === -1) return text.length;
    this.waitFrom = lt;
    this.carryWaitsForRow = false;
    const c1 = text.charCodeAt(lt + 1);
    if (Number.isNaN(c1)) return incomplete;
    if (c1 === 114 && text.charCodeAt(lt + 2) === 111 && text.charCodeAt(lt + 3) === 119) {
      const c4 = text.charCodeAt(lt + 4);
      if (Number.isNaN(c4)) return incomplete;
      if (isNameEnd(c4)) return this.row(text, lt + 4);
    }
    if (c1 === 47) {
      const close = text.indexOf('>', lt);
      if (close === -1) return incomplete;
      if (tagName(text, lt + 2).name !== 'sheetData') throw brokenXml(this.options.part);
      this.phase = after;
      return close + 1;
    }
    if (c1 === 63 || c1 === 33) return this.declaration(text, lt);
    const { name, end } = tagName(text, lt + 1);
    if (end >= text.length) return incomplete;
    if (name === 'row') return this.row(text, end);
    return skipElement(text, lt);
  }

  /** One row, from its start tag's attributes (from `attrs`) to its end tag. */
  private row(text: string, attrs: number): number {
    this.carryWaitsForRow = true;
    const close = tagEnd(text, attrs);
    if (close === -1) return incomplete;
    const empty = text.charCodeAt(close - 1) === 47;
    const number = rowNumberOf(text, attrs, close);
    const row = number > 0 ? number : this.lastRow + 1;
    if (row <= this.lastRow || row > maxRows) {
      throw new ReadError(
        'xlsx.corrupt',
        `the workbook is damaged (its row ${row} is out of place); open it in Excel and save it again`,
      );
    }
    if (empty) {
      this.lastRow = row;
      return close + 1;
    }
    const fields: string[] = [];
    this.fields = fields;
    this.filled = false;
    this.pending.length = 0;
    if (this.notes.length) this.notes = [];
    this.rowNumber = row;
    let pos = close + 1;
    let column = -1;
    for (;;) {
      const at = text.indexOf('<', pos);
      if (at === -1) return incomplete;
      const c1 = text.charCodeAt(at + 1);
      if (c1 === 99) {
        const c2 = text.charCodeAt(at + 2);
        if (Number.isNaN(c2)) return incomplete;
        if (isNameEnd(c2)) {
          pos = this.cell(text, at + 2, column);
          if (pos === incomplete) return incomplete;
          column = this.lastColumn;
          continue;
        }
      }
      if (c1 === 47) {
        const end = text.indexOf('>', at);
        if (end === -1) return incomplete;
        if (tagName(text, at + 2).name !== 'row') throw brokenXml(this.options.part);
        pos = end + 1;
        break;
      }
      if (Number.isNaN(c1)) return incomplete;
      if (c1 === 63 || c1 === 33) {
        pos = this.declaration(text, at);
        if (pos === incomplete) return incomplete;
        continue;
      }
      const { name, end } = tagName(text, at + 1);
      if (end >= text.length) return incomplete;
      if (name === 'c') {
        pos = this.cell(text, end, column);
        if (pos === incomplete) return incomplete;
        column = this.lastColumn;
      } else {
        pos = skipElement(text, at);
        if (pos === incomplete) return incomplete;
      }
    }
    this.lastRow = row;
    const { strings } = this.options;
    if (this.pending.length && strings) {
      let highest = -1;
      for (let i = 1; i < this.pending.length; i += 2) highest = Math.max(highest, this.pending[i]);
      if (highest >= strings.loaded) {
        this.waiting = true;
        this.needed = highest;
        return pos;
      }
    }
    this.finishRow();
    return pos;
  }

  /** The row is read and its shared strings are loaded: fill them in and hand the row on. */
  private finishRow(): void {
    const { strings } = this.options;
    const fields = this.fields;
    const pending = this.pending;
    for (let i = 0; i < pending.length; i += 2) {
      const index = pending[i + 1];
      if (!strings || index >= strings.loaded) {
        throw new ReadError(
          'xlsx.corrupt',
          `the workbook is damaged (a cell in row ${this.rowNumber} points at shared text that is not there); open it in Excel and save it again`,
        );
      }
      const value = strings.get(index);
      fields[pending[i]] = value;
      if (value !== '') this.filled = true;
    }
    pending.length = 0;
    if (this.notes.length) {
      for (const note of this.notes)
        this.options.onNote?.(this.rowNumber, note.column, note.code, note.value);
      this.notes = [];
    }
    if (!this.filled) return;
    this.rowsWithData++;
    for (let c = 0; c < fields.length; c++) {
      if (fields[c] !== '' && this.columnSeen[c] === 0) {
        this.columnSeen[c] = 1;
        this.columnsWithData++;
      }
    }
    this.options.onRow(fields, this.rowNumber);
    if (this.options.stop?.()) this.stopped = true;
  }

  private lastColumn = -1;

  /** One cell whose attributes start at `attrs`; returns where it ends. Sets `lastColumn`. */
  private cell(text: string, attrs: number, previous: number): number {
    let column = -1;
    let style = 0;
    let type = typeNumber;
    let i = attrs;
    let empty = false;
    for (;;) {
      let ch = text.charCodeAt(i);
      while (ch === 32 || ch === 10 || ch === 13 || ch === 9) ch = text.charCodeAt(++i);
      if (ch === 62) {
        i++;
        break;
      }
      if (ch === 47) {
        if (i + 1 >= text.length) return incomplete;
        i += 2;
        empty = true;
        break;
      }
      if (Number.isNaN(ch)) return incomplete;
      const nameStart = i;
      while (ch !== 61 && ch > 32) ch = text.charCodeAt(++i);
      const nameLength = i - nameStart;
      while (ch !== 61) {
        if (Number.isNaN(ch)) return incomplete;
        if (ch > 32) throw brokenXml(this.options.part);
        ch = text.charCodeAt(++i);
      }
      ch = text.charCodeAt(++i);
      while (ch === 32 || ch === 10 || ch === 13 || ch === 9) ch = text.charCodeAt(++i);
      if (ch !== 34 && ch !== 39) {
        if (Number.isNaN(ch)) return incomplete;
        throw brokenXml(this.options.part);
      }
      const valueEnd = text.indexOf(ch === 34 ? '"' : "'", i + 1);
      if (valueEnd === -1) return incomplete;
      if (nameLength === 1) {
        const name = text.charCodeAt(nameStart);
        if (name === 114) column = columnOf(text, i + 1, valueEnd);
        else if (name === 115) style = numberAt(text, i + 1, valueEnd);
        else if (name === 116) type = typeOf(text, i + 1, valueEnd);
      }
      i = valueEnd + 1;
    }
    if (column < 0) column = previous + 1;
    if (column >= maxColumns) {
      throw new ReadError(
        'xlsx.corrupt',
        `the workbook is damaged (row ${this.rowNumber} has a cell past Excel's last column); open it in Excel and save it again`,
      );
    }
    this.lastColumn = column;
    if (empty) return i;

    let raw: string | undefined;
    let inline: string | undefined;
    let formula = false;
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt === -1) return incomplete;
      const c1 = text.charCodeAt(lt + 1);
      const c2 = text.charCodeAt(lt + 2);
      if (c1 === 118 && c2 === 62) {
        // <v>…</v>
        const valueEnd = text.indexOf('<', lt + 3);
        if (valueEnd === -1) return incomplete;
        if (text.charCodeAt(valueEnd + 1) === 47) {
          const close = text.indexOf('>', valueEnd + 2);
          if (close === -1) return incomplete;
          raw = text.slice(lt + 3, valueEnd);
          i = close + 1;
          continue;
        }
        i = this.mixedText(text, lt + 3);
        if (i === incomplete) return incomplete;
        raw = this.rawValue;
        continue;
      }
      if (c1 === 47) {
        const close = text.indexOf('>', lt + 2);
        if (close === -1) return incomplete;
        i = close + 1;
        break;
      }
      if (c1 === 105 && c2 === 115 && text.charCodeAt(lt + 3) === 62) {
        // <is>…</is>
        i = this.inlineText(text, lt + 4);
        if (i === incomplete) return incomplete;
        inline = this.inlineValue;
        continue;
      }
      if (Number.isNaN(c2)) return incomplete;
      if (c1 === 63 || c1 === 33) {
        i = this.declaration(text, lt);
        if (i === incomplete) return incomplete;
        continue;
      }
      const { name, end } = tagName(text, lt + 1);
      const close = tagEnd(text, end);
      if (close === -1) return incomplete;
      const selfClosed = text.charCodeAt(close - 1) === 47;
      if (name === 'f') {
        formula = true;
        i = selfClosed ? close + 1 : skipElement(text, lt);
      } else if (name === 'v') {
        if (selfClosed) {
          raw = '';
          i = close + 1;
        } else {
          i = this.mixedText(text, close + 1);
          raw = this.rawValue;
        }
      } else if (name === 'is') {
        if (selfClosed) {
          inline = '';
          i = close + 1;
        } else {
          i = this.inlineText(text, close + 1);
          inline = this.inlineValue;
        }
      } else {
        i = selfClosed ? close + 1 : skipElement(text, lt);
      }
      if (i === incomplete) return incomplete;
    }

    let value = '';
    let note: CellNote['code'] | undefined;
    switch (type) {
      case typeShared: {
        if (raw === undefined || raw === '') break;
        const index = numberAt(raw, 0, raw.length);
        const { strings } = this.options;
        if (!strings)
          value = '\u0000'; // only looking: some text
        else if (index < strings.loaded) value = strings.get(index);
        else {
          this.place(column, '');
          this.pending.push(column, index);
        }
        break;
      }
      case typeInline:
        value = inline ?? (raw === undefined ? '' : elementText(raw));
        break;
      case typeFormulaText:
        value = raw === undefined ? '' : elementText(raw);
        break;
      case typeError:
        value = elementText(raw ?? '');
        note = 'xlsx.errorCell';
        break;
      case typeBoolean:
        value = booleanText(raw ?? '');
        break;
      case typeDate:
        value = isoCellText(raw ?? '', this.options.formats.formatOf(style));
        break;
      default:
        if (raw !== undefined && raw !== '') {
          const cell = numberText(raw, this.options.formats.formatOf(style), this.options.date1904);
          value = cell.text;
          note = cell.note;
        } else if (inline !== undefined) value = inline;
    }
    if (formula && raw === undefined && inline === undefined) this.note(column, 'xlsx.noCachedValue', '');
    if (value !== '') {
      const fields = this.fields;
      if (column === fields.length) fields.push(value);
      else this.place(column, value);
      this.filled = true;
      if (note) this.note(column, note, value);
    }
    return i;
  }

  /** Notes wait for the end of their row: a row cut off by the end of the text is read again. */
  private note(column: number, code: CellNote['code'], value: string): void {
    this.notes.push({ column, code, value });
  }

  private place(column: number, value: string): void {
    const fields = this.fields;
    while (fields.length < column) fields.push('');
    fields[column] = value;
  }

  /** Text up to the next end tag, with CDATA sections and comments: leaves it in `rawValue`. */
  private mixedText(text: string, from: number): number {
    let raw = '';
    let i = from;
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt === -1) return incomplete;
      raw += text.slice(i, lt);
      if (text.charCodeAt(lt + 1) === 47) {
        const close = text.indexOf('>', lt);
        if (close === -1) return incomplete;
        this.rawValue = raw;
        return close + 1;
      }
      if (text.startsWith('<![CDATA[', lt)) {
        const close = text.indexOf(']]>', lt + 9);
        if (close === -1) return incomplete;
        raw += text.slice(lt + 9, close).replace(/&/g, '&amp;');
        i = close + 3;
      } else {
        const next =
          text.charCodeAt(lt + 1) === 33 || text.charCodeAt(lt + 1) === 63
            ? this.declaration(text, lt)
            : skipElement(text, lt);
        if (next === incomplete) return incomplete;
        i = next;
      }
    }
  }

  /** An inline string's runs up to `</is>`, phonetic runs left out: leaves the text in `inlineValue`. */
  private inlineText(text: string, from: number): number {
    // As nearly every writer has it: <t>text</t></is> (or <t xml:space="preserve">).
    if (text.charCodeAt(from) === 60 && text.charCodeAt(from + 1) === 116) {
      const c2 = text.charCodeAt(from + 2);
      const open = c2 === 62 ? from + 2 : c2 === 32 ? tagEnd(text, from + 3) : -2;
      if (open === -1) return incomplete;
      if (open >= 0 && text.charCodeAt(open - 1) !== 47) {
        const lt = text.indexOf('<', open + 1);
        if (lt === -1) return incomplete;
        if (lt + 9 > text.length) return incomplete;
        if (
          text.charCodeAt(lt + 1) === 47 &&
          text.charCodeAt(lt + 2) === 116 &&
          text.charCodeAt(lt + 3) === 62 &&
          text.charCodeAt(lt + 4) === 60 &&
          text.charCodeAt(lt + 5) === 47 &&
          text.charCodeAt(lt + 6) === 105 &&
          text.charCodeAt(lt + 7) === 115 &&
          text.charCodeAt(lt + 8) === 62
        ) {
          this.inlineValue = elementText(text.slice(open + 1, lt));
          return lt + 9;
        }
      }
    }
    let value = '';
    let i = from;
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt === -1) return incomplete;
      const c1 = text.charCodeAt(lt + 1);
      if (Number.isNaN(c1)) return incomplete;
      if (c1 === 47) {
        const close = text.indexOf('>', lt);
        if (close === -1) return incomplete;
        i = close + 1;
        if (tagName(text, lt + 2).name === 'is') break;
        continue;
      }
      if (c1 === 63 || c1 === 33) {
        i = this.declaration(text, lt);
        if (i === incomplete) return incomplete;
        continue;
      }
      const { name, end } = tagName(text, lt + 1);
      const close = tagEnd(text, end);
      if (close === -1) return incomplete;
      const selfClosed = text.charCodeAt(close - 1) === 47;
      if (name === 't') {
        if (selfClosed) {
          i = close + 1;
          continue;
        }
        i = this.mixedText(text, close + 1);
        if (i === incomplete) return incomplete;
        value += elementText(this.rawValue);
      } else if (name === 'r') {
        i = close + 1;
      } else {
        i = selfClosed ? close + 1 : skipElement(text, lt);
        if (i === incomplete) return incomplete;
      }
    }
    this.inlineValue = value;
    return i;
  }
}

/** Skips the element starting at `lt` with everything in it; returns where it ends. */
function skipElement(text: string, lt: number): number {
  let depth = 0;
  let i = lt;
  for (;;) {
    const at = text.indexOf('<', i);
    if (at === -1) return incomplete;
    const c1 = text.charCodeAt(at + 1);
    if (Number.isNaN(c1)) return incomplete;
    if (c1 === 33 || c1 === 63) {
      const terminator = text.startsWith('<![CDATA[', at) ? ']]>' : text.startsWith('<!--', at) ? '-->' : '>';
      const close = text.indexOf(terminator, at + 2);
      if (close === -1) return incomplete;
      i = close + terminator.length;
      continue;
    }
    const close = tagEnd(text, at + 1);
    if (close === -1) return incomplete;
    i = close + 1;
    if (c1 === 47) depth--;
    else if (text.charCodeAt(close - 1) !== 47) depth++;
    if (depth === 0) return i;
  }
}

/** Where the first end tag of a row (`</row>`, `</x:row>`) in the text ends, or -1. */
function rowEndIn(text: string): number {
  for (let at = text.indexOf('row>'); at !== -1; at = text.indexOf('row>', at + 4)) {
    const before = text.charCodeAt(at - 1);
    if (before === 47 || before === 58) return at + 4;
  }
  return -1;
}

/** True when the text holds the end tag of a row (`</row>`, `</x:row>`). */
function hasRowEnd(text: string): boolean {
  for (let at = text.indexOf('row>'); at !== -1; at = text.indexOf('row>', at + 4)) {
    const before = text.charCodeAt(at - 1);
    if (before === 47 || before === 58) return true;
  }
  return false;
}

/** The row number in a row's attributes (`r="12"`), or 0 when there is none. */
function rowNumberOf(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    if (text.charCodeAt(i) !== 114) continue;
    const previous = text.charCodeAt(i - 1);
    if (previous !== 32 && previous !== 9 && previous !== 10 && previous !== 13) continue;
    let k = i + 1;
    while (text.charCodeAt(k) <= 32) k++;
    if (text.charCodeAt(k) !== 61) continue;
    k++;
    while (text.charCodeAt(k) <= 32) k++;
    const quote = text.charCodeAt(k);
    if (quote !== 34 && quote !== 39) return 0;
    const end = text.indexOf(quote === 34 ? '"' : "'", k + 1);
    return end === -1 ? 0 : numberAt(text, k + 1, end);
  }
  return 0;
}

/** The whole number written at the start of `text` from `from` to `to`; 0 when there is none. */
function numberAt(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    value = value * 10 + c;
    if (value > 1e9) return 0;
  }
  return value;
}

/** The 0-based column of a cell reference (`AB12` is 27); -1 when it has no letters. */
function columnOf(text: string, from: number, to: number): number {
  let column = 0;
  let i = from;
  for (; i < to; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    column = column * 26 + (c - 96);
    if (column > maxColumns) return maxColumns;
  }
  return i === from ? -1 : column - 1;
}

/** The cell type code of a `t` attribute (`s`, `str`, `inlineStr`, `b`, `e`, `d`, `n`). */
function typeOf(text: string, from: number, to: number): number {
  const first = text.charCodeAt(from);
  const length = to - from;
  if (first === 115) return length === 1 ? typeShared : typeFormulaText;
  if (first === 105) return typeInline;
  if (first === 98) return typeBoolean;
  if (first === 101) return typeError;
  if (first === 100) return typeDate;
  return typeNumber;
}
