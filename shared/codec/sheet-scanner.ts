import { concatBytes } from './bytes';
import type { CellFormats } from './cell-formats';
import { booleanText, isoCellText, numberText } from './excel-cell';
import { ReadError } from './errors';
import type { SharedStrings } from './shared-strings';
import type { CellNote } from './sheet-types';
import { brokenXml, doctypeError } from './xml-tokenizer';
import { elementText } from './xml-unescape';

// A worksheet's XML, scanned as it is inflated: no DOM, no object per cell, and no text but the cells'. The
// scanner reads the UTF-8 bytes themselves (tags and attributes are ASCII) and makes a string only of each
// cell's value, so the markup, about three quarters of a sheet, is never decoded. Each row's cells go into one
// array of strings (only cells with a value take a slot). What the sheet claims about itself (its
// dimension, merged ranges) allocates nothing: merged ranges are counted, never expanded, and rows missing
// between two rows are only a count.

export type SheetScanOptions = Readonly<{
  part: string;
  formats: CellFormats;
  /** The shared strings; null to only look at a sheet (a shared string then counts as some text). */
  strings: SharedStrings | null;
  date1904: boolean;
  /** Bytes of XML one row may take. */
  maxRowBytes: number;
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

/** The construct is not all in the bytes yet: keep them from its start and wait for more. */
const incomplete = -1;

const maxRows = 1_048_576;
const maxColumns = 16_384;
/** Carried bytes beyond this are not searched again: only new bytes are searched for what ends them. */
const longCarry = 64 * 1024;
/** The most merged ranges listed (all are counted). */
const mergesListed = 20;
/** Values up to this many bytes are built from their bytes when they are plain ASCII (longer ones decoded). */
const shortValue = 48;

const lt = 60;
const gt = 62;
const slash = 47;
const bang = 33;
const question = 63;

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const names = {
  row: ascii('row'),
  c: ascii('c'),
  v: ascii('v'),
  f: ascii('f'),
  is: ascii('is'),
  t: ascii('t'),
  r: ascii('r'),
  sheetData: ascii('sheetData'),
  mergeCell: ascii('mergeCell'),
  worksheet: ascii('worksheet'),
  chartsheet: ascii('chartsheet'),
  dialogsheet: ascii('dialogsheet'),
};
const cdataOpen = ascii('<![CDATA[');
const commentOpen = ascii('<!--');

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

function isNameEnd(code: number): boolean {
  return code === gt || code === slash || isSpace(code);
}

function find(b: Uint8Array, byte: number, from: number): number {
  for (let i = from; i < b.length; i++) if (b[i] === byte) return i;
  return -1;
}

/** Where `seq` next starts at or after `from`, or -1. */
function findSeq(b: Uint8Array, seq: Uint8Array, from: number): number {
  const first = seq[0];
  outer: for (let i = find(b, first, from); i !== -1; i = find(b, first, i + 1)) {
    if (i + seq.length > b.length) return -1;
    for (let k = 1; k < seq.length; k++) if (b[i + k] !== seq[k]) continue outer;
    return i;
  }
  return -1;
}

function startsWith(b: Uint8Array, at: number, seq: Uint8Array): boolean {
  if (at + seq.length > b.length) return false;
  for (let k = 0; k < seq.length; k++) if (b[at + k] !== seq[k]) return false;
  return true;
}

/** Where the name starting at `at` ends. */
function nameEnd(b: Uint8Array, at: number): number {
  let i = at;
  while (i < b.length && !isNameEnd(b[i])) i++;
  return i;
}

/** True when the name from `start` to `end`, without its prefix (`x:row`), is `name`. */
function localNameIs(b: Uint8Array, start: number, end: number, name: Uint8Array): boolean {
  let from = start;
  for (let i = start; i < end; i++) if (b[i] === 58) from = i + 1;
  if (end - from !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (b[from + k] !== name[k]) return false;
  return true;
}

/** Where the tag whose attributes start at `at` ends (its `>`), skipping quoted values; -1 if not here. */
function tagEnd(b: Uint8Array, at: number): number {
  for (let i = at; i < b.length; i++) {
    const c = b[i];
    if (c === gt) return i;
    if (c === 34 || c === 39) {
      const close = find(b, c, i + 1);
      if (close === -1) return -1;
      i = close;
    }
  }
  return -1;
}

/** Where the first end tag of a row (`</row>`, `</x:row>`) ends, or -1. */
function rowEndIn(b: Uint8Array, from: number): number {
  for (let i = find(b, 119, from + 2); i !== -1; i = find(b, 119, i + 1)) {
    // ...row> : 'w' then '>', 'ro' before, and '/' or ':' before that.
    if (b[i + 1] !== gt || b[i - 1] !== 111 || b[i - 2] !== 114) continue;
    const before = b[i - 3];
    if (before === slash || before === 58) return i + 2;
  }
  return -1;
}

/** The text of a value written from `a` to `z`: plain ASCII is built directly, anything else decoded. */
function valueText(b: Uint8Array, a: number, z: number, part: string): string {
  if (z - a > shortValue) return decodedText(b, a, z, part);
  for (let i = a; i < z; i++) {
    const c = b[i];
    // Non-ASCII, a reference, a CR (which XML reads as a line feed) or Excel's _x escape: decode it all.
    if (c >= 128 || c === 38 || c === 13 || (c === 95 && b[i + 1] === 120)) return decodedText(b, a, z, part);
  }
  return asciiText(b, a, z);
}

const char = String.fromCharCode;

/**
 * ASCII bytes as a string, eight characters a call: the quickest way to a short string from bytes in V8
 * (a TextDecoder call costs about a microsecond, a string a character creates a string a character).
 */
function asciiText(b: Uint8Array, a: number, z: number): string {
  let text = '';
  let i = a;
  for (; i + 8 <= z; i += 8)
    text += char(b[i], b[i + 1], b[i + 2], b[i + 3], b[i + 4], b[i + 5], b[i + 6], b[i + 7]);
  switch (z - i) {
    case 1:
      return text + char(b[i]);
    case 2:
      return text + char(b[i], b[i + 1]);
    case 3:
      return text + char(b[i], b[i + 1], b[i + 2]);
    case 4:
      return text + char(b[i], b[i + 1], b[i + 2], b[i + 3]);
    case 5:
      return text + char(b[i], b[i + 1], b[i + 2], b[i + 3], b[i + 4]);
    case 6:
      return text + char(b[i], b[i + 1], b[i + 2], b[i + 3], b[i + 4], b[i + 5]);
    case 7:
      return text + char(b[i], b[i + 1], b[i + 2], b[i + 3], b[i + 4], b[i + 5], b[i + 6]);
    default:
      return text;
  }
}

function decodedText(b: Uint8Array, a: number, z: number, part: string): string {
  let text: string;
  try {
    text = utf8.decode(b.subarray(a, z));
  } catch {
    throw new ReadError(
      'xlsx.corrupt',
      `the workbook is damaged ("${part}" is not text); open it in Excel and save it again`,
    );
  }
  return elementText(text);
}

/** The whole number written in `b` from `from` to `to`; 0 when there is none. */
function numberAt(b: Uint8Array, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = b[i] - 48;
    if (c < 0 || c > 9) break;
    value = value * 10 + c;
    if (value > 1e9) return 0;
  }
  return value;
}

/** The 0-based column of a cell reference (`AB12` is 27); -1 when it has no letters. */
function columnOf(b: Uint8Array, from: number, to: number): number {
  let column = 0;
  let i = from;
  for (; i < to; i++) {
    const c = b[i] | 0x20;
    if (c < 97 || c > 122) break;
    column = column * 26 + (c - 96);
    if (column > maxColumns) return maxColumns;
  }
  return i === from ? -1 : column - 1;
}

/** The cell type code of a `t` attribute (`s`, `str`, `inlineStr`, `b`, `e`, `d`, `n`). */
function typeOf(b: Uint8Array, from: number, to: number): number {
  const first = b[from];
  if (first === 115) return to - from === 1 ? typeShared : typeFormulaText;
  if (first === 105) return typeInline;
  if (first === 98) return typeBoolean;
  if (first === 101) return typeError;
  if (first === 100) return typeDate;
  return typeNumber;
}

/** The row number in a row's attributes (`r="12"`), or 0 when there is none. */
function rowNumberOf(b: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    if (b[i] !== 114 || !isSpace(b[i - 1])) continue;
    let k = i + 1;
    while (k < to && isSpace(b[k])) k++;
    if (b[k] !== 61) continue;
    k++;
    while (k < to && isSpace(b[k])) k++;
    const quote = b[k];
    if (quote !== 34 && quote !== 39) return 0;
    const end = find(b, quote, k + 1);
    return end === -1 ? 0 : numberAt(b, k + 1, end);
  }
  return 0;
}

/** Skips the element starting at `at` with everything in it; returns where it ends. */
function skipElement(b: Uint8Array, at: number): number {
  let depth = 0;
  let i = at;
  for (;;) {
    const open = find(b, lt, i);
    if (open === -1 || open + 1 >= b.length) return incomplete;
    const c1 = b[open + 1];
    if (c1 === bang || c1 === question) {
      const cdata = startsWith(b, open, cdataOpen);
      const close = cdata ? findSeq(b, cdataEnd, open + 9) : find(b, gt, open + 2);
      if (close === -1) return incomplete;
      i = close + (cdata ? 3 : 1);
      continue;
    }
    const close = tagEnd(b, open + 1);
    if (close === -1) return incomplete;
    i = close + 1;
    if (c1 === slash) depth--;
    else if (b[close - 1] !== slash) depth++;
    if (depth === 0) return i;
  }
}

const cdataEnd = ascii(']]>');
const commentEnd = ascii('-->');

/**
 * Feeds a worksheet's UTF-8 bytes chunk by chunk. `push` and `resume` return -1 when the bytes given are
 * done, or the index of a shared string a finished row needs and that is not loaded yet: load it, then call
 * `resume`.
 */
export class SheetScanner {
  private phase = before;
  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;
  /** The start of an incomplete construct, kept for the next chunk. */
  private carry: Uint8Array | null = null;
  /** A long carry, in the chunks it came in; joined once what ends it has come. */
  private longParts: Uint8Array[] | null = null;
  private longLength = 0;
  private carryWaitsForRow = false;
  /** The chunk whose start was joined to the carry: scanned from `restFrom` once the joined bytes are done. */
  private rest: Uint8Array | null = null;
  private restFrom = 0;
  /** Where the construct being read started (kept as the carry when it is incomplete). */
  private waitFrom = 0;
  private lastRow = 0;
  private stopped = false;
  // The row being read, or finished and waiting for shared strings.
  private fields: string[] = [];
  /** Empty cells as many as the widest row so far: each row starts as a copy. */
  private readonly blankRow: string[] = [];
  private filled = false;
  private readonly pending: number[] = [];
  private notes: { column: number; code: CellNote['code']; value: string }[] = [];
  private rowNumber = 0;
  private waiting = false;
  private needed = -1;
  private lastColumn = -1;
  // What a cell's content held, set by the readers of `<v>`, `<is>` and mixed text.
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

  push(chunk: Uint8Array): number {
    if (this.stopped || chunk.length === 0) return -1;
    this.pos = 0;
    this.rest = null;
    if (this.longParts) {
      this.longParts.push(chunk);
      this.longLength += chunk.length;
      if (this.longLength > this.options.maxRowBytes) throw this.tooLong();
      const ends = this.carryWaitsForRow ? rowEndIn(chunk, 0) !== -1 : find(chunk, gt, 0) !== -1;
      if (!ends) return -1;
      this.buf = concatBytes(this.longParts);
      this.longParts = null;
    } else if (this.carry) {
      // Only the carried construct and the start of the chunk that ends it are joined: the rest of the
      // chunk is scanned where it is, never copied.
      const carry = this.carry;
      this.carry = null;
      const end = this.carryWaitsForRow ? rowEndIn(chunk, 0) : find(chunk, gt, 0) + 1;
      if (end <= 0 || end === chunk.length) {
        this.buf = concatBytes([carry, chunk]);
      } else {
        this.buf = concatBytes([carry, chunk.subarray(0, end)]);
        this.rest = chunk;
        this.restFrom = end;
      }
    } else {
      this.buf = chunk;
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

  /**
   * The part has ended: what is carried is read, and the sheet must be complete (unless the scan was
   * stopped). Returns a shared-string index as `push` does; call it again after loading and resuming.
   */
  end(): number {
    if (this.stopped) return -1;
    const carried = this.longParts ? concatBytes(this.longParts) : this.carry;
    this.longParts = null;
    this.carry = null;
    if (carried) {
      this.buf = carried;
      this.pos = 0;
      this.rest = null;
      const needed = this.run();
      if (needed >= 0) return needed;
    }
    if (this.carry || this.longParts || this.phase !== ended) throw brokenXml(this.options.part);
    return -1;
  }

  private tooLong(): ReadError {
    return new ReadError(
      'xlsx.tooLarge',
      `row ${this.lastRow + 1} of the sheet runs on for more than ${this.options.maxRowBytes.toLocaleString('en-US')} bytes; this is not a contact list`,
    );
  }

  private run(): number {
    for (;;) {
      const b = this.buf;
      while (this.pos < b.length) {
        const next = this.phase === inData ? this.dataStep(b, this.pos) : this.otherStep(b, this.pos);
        if (next === incomplete) {
          if (this.rest) {
            // The construct runs on into the rest of the chunk after all: join them (rare).
            this.buf = concatBytes([b.subarray(this.waitFrom), this.rest.subarray(this.restFrom)]);
            this.rest = null;
            this.pos = 0;
            return this.run();
          }
          this.keep(b.subarray(this.waitFrom));
          return -1;
        }
        this.pos = next;
        if (this.waiting) return this.needed;
        if (this.stopped) return -1;
      }
      if (!this.rest) return -1;
      this.buf = this.rest;
      this.pos = this.restFrom;
      this.rest = null;
    }
  }

  private keep(carry: Uint8Array): void {
    if (carry.length > this.options.maxRowBytes) throw this.tooLong();
    if (carry.length > longCarry) {
      this.longParts = [carry];
      this.longLength = carry.length;
    } else {
      this.carry = carry;
    }
  }

  /** Outside the rows: find where they start, count merged ranges after them, see the root close. */
  private otherStep(b: Uint8Array, pos: number): number {
    const open = find(b, lt, pos);
    if (open === -1) return b.length;
    this.waitFrom = open;
    this.carryWaitsForRow = false;
    if (open + 1 >= b.length) return incomplete;
    const c1 = b[open + 1];
    if (c1 === question || c1 === bang) return this.declaration(b, open);
    if (c1 === slash) {
      const close = find(b, gt, open);
      if (close === -1) return incomplete;
      const end = nameEnd(b, open + 2);
      if (
        localNameIs(b, open + 2, end, names.worksheet) ||
        localNameIs(b, open + 2, end, names.chartsheet) ||
        localNameIs(b, open + 2, end, names.dialogsheet)
      ) {
        this.phase = ended;
      }
      return close + 1;
    }
    const end = nameEnd(b, open + 1);
    const close = tagEnd(b, end);
    if (close === -1) return incomplete;
    const empty = b[close - 1] === slash;
    if (this.phase === before) {
      if (localNameIs(b, open + 1, end, names.sheetData)) this.phase = empty ? after : inData;
    } else if (this.phase === after && localNameIs(b, open + 1, end, names.mergeCell)) {
      this.mergeCount++;
      if (this.merges.length < mergesListed) {
        const ref = /\bref\s*=\s*["']([^"']*)["']/.exec(
          String.fromCharCode(...b.subarray(end, Math.min(close, end + 256))),
        );
        if (ref) this.merges.push(ref[1]);
      }
    }
    return close + 1;
  }

  /** `<?…?>`, a comment or CDATA (skipped); any other `<!` is a document type declaration: refused. */
  private declaration(b: Uint8Array, open: number): number {
    if (b[open + 1] === question) {
      for (let close = find(b, gt, open + 2); close !== -1; close = find(b, gt, close + 1))
        if (b[close - 1] === question) return close + 1;
      return incomplete;
    }
    if (startsWith(b, open, commentOpen)) {
      const close = findSeq(b, commentEnd, open + 4);
      return close === -1 ? incomplete : close + 3;
    }
    if (open + 9 > b.length) return incomplete;
    if (startsWith(b, open, cdataOpen)) {
      const close = findSeq(b, cdataEnd, open + 9);
      return close === -1 ? incomplete : close + 3;
    }
    throw doctypeError(this.options.part);
  }

  /** Inside `<sheetData>`: the next row, or its end. */
  private dataStep(b: Uint8Array, pos: number): number {
    const open = find(b, lt, pos);
    if (open === -1) return b.length;
    this.waitFrom = open;
    this.carryWaitsForRow = false;
    if (open + 4 >= b.length) return incomplete;
    const c1 = b[open + 1];
    if (c1 === 114 && b[open + 2] === 111 && b[open + 3] === 119 && isNameEnd(b[open + 4]))
      return this.row(b, open + 4);
    if (c1 === slash) {
      const close = find(b, gt, open);
      if (close === -1) return incomplete;
      if (!localNameIs(b, open + 2, nameEnd(b, open + 2), names.sheetData))
        throw brokenXml(this.options.part);
      this.phase = after;
      return close + 1;
    }
    if (c1 === question || c1 === bang) return this.declaration(b, open);
    const end = nameEnd(b, open + 1);
    if (end >= b.length) return incomplete;
    if (localNameIs(b, open + 1, end, names.row)) return this.row(b, end);
    return skipElement(b, open);
  }

  /** One row, from its start tag's attributes (from `attrs`) to its end tag. */
  private row(b: Uint8Array, attrs: number): number {
    this.carryWaitsForRow = true;
    const close = tagEnd(b, attrs);
    if (close === -1) return incomplete;
    const number = rowNumberOf(b, attrs, close);
    const row = number > 0 ? number : this.lastRow + 1;
    if (row <= this.lastRow || row > maxRows) {
      throw new ReadError(
        'xlsx.corrupt',
        `the workbook is damaged (its row ${row} is out of place); open it in Excel and save it again`,
      );
    }
    if (b[close - 1] === slash) {
      this.lastRow = row;
      return close + 1;
    }
    // As wide as the widest row so far from the start: one allocation a row, not one each time it grows.
    this.fields = this.blankRow.slice();
    this.filled = false;
    this.pending.length = 0;
    if (this.notes.length) this.notes = [];
    this.rowNumber = row;
    let pos = close + 1;
    let column = -1;
    for (;;) {
      const open = find(b, lt, pos);
      if (open === -1 || open + 2 >= b.length) return incomplete;
      const c1 = b[open + 1];
      if (c1 === 99 && isNameEnd(b[open + 2])) {
        pos = this.cell(b, open + 2, column);
        if (pos === incomplete) return incomplete;
        column = this.lastColumn;
        continue;
      }
      if (c1 === slash) {
        const end = find(b, gt, open);
        if (end === -1) return incomplete;
        if (!localNameIs(b, open + 2, nameEnd(b, open + 2), names.row)) throw brokenXml(this.options.part);
        pos = end + 1;
        break;
      }
      if (c1 === question || c1 === bang) {
        pos = this.declaration(b, open);
        if (pos === incomplete) return incomplete;
        continue;
      }
      const end = nameEnd(b, open + 1);
      if (end >= b.length) return incomplete;
      if (localNameIs(b, open + 1, end, names.c)) {
        pos = this.cell(b, end, column);
        if (pos === incomplete) return incomplete;
        column = this.lastColumn;
      } else {
        pos = skipElement(b, open);
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
    while (this.blankRow.length < fields.length) this.blankRow.push('');
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

  /** One cell whose attributes start at `attrs`; returns where it ends. Sets `lastColumn`. */
  private cell(b: Uint8Array, attrs: number, previous: number): number {
    let column = -1;
    let style = 0;
    let type = typeNumber;
    let i = attrs;
    let empty = false;
    const n = b.length;
    for (;;) {
      while (i < n && isSpace(b[i])) i++;
      if (i >= n) return incomplete;
      let c = b[i];
      if (c === gt) {
        i++;
        break;
      }
      if (c === slash) {
        if (i + 1 >= n) return incomplete;
        i += 2;
        empty = true;
        break;
      }
      // The usual attribute: one letter, then ="…" (r, s, t), read in one go.
      const q = b[i + 2];
      if (b[i + 1] === 61 && (q === 34 || q === 39)) {
        const valueEnd = find(b, q, i + 3);
        if (valueEnd === -1) return incomplete;
        if (c === 114) column = columnOf(b, i + 3, valueEnd);
        else if (c === 115) style = numberAt(b, i + 3, valueEnd);
        else if (c === 116) type = typeOf(b, i + 3, valueEnd);
        i = valueEnd + 1;
        continue;
      }
      const nameStart = i;
      while (i < n && b[i] !== 61 && b[i] > 32) i++;
      const nameLength = i - nameStart;
      while (i < n && b[i] !== 61) {
        if (b[i] > 32) throw brokenXml(this.options.part);
        i++;
      }
      i++;
      while (i < n && isSpace(b[i])) i++;
      if (i >= n) return incomplete;
      c = b[i];
      if (c !== 34 && c !== 39) throw brokenXml(this.options.part);
      const valueEnd = find(b, c, i + 1);
      if (valueEnd === -1) return incomplete;
      if (nameLength === 1) {
        const name = b[nameStart];
        if (name === 114) column = columnOf(b, i + 1, valueEnd);
        else if (name === 115) style = numberAt(b, i + 1, valueEnd);
        else if (name === 116) type = typeOf(b, i + 1, valueEnd);
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

    // The value: from `<v>` (raw, as written), an inline string (`<is>`, decoded), whether there is a formula.
    let raw = -1;
    let rawEnd = -1;
    let mixed: string | undefined;
    let inline: string | undefined;
    let formula = false;
    for (;;) {
      const open = find(b, lt, i);
      if (open === -1 || open + 3 >= n) return incomplete;
      const c1 = b[open + 1];
      const c2 = b[open + 2];
      if (c1 === 118 && c2 === gt) {
        // <v>…</v>
        const valueEnd = find(b, lt, open + 3);
        if (valueEnd === -1 || valueEnd + 1 >= n) return incomplete;
        if (b[valueEnd + 1] === slash) {
          const close = find(b, gt, valueEnd + 2);
          if (close === -1) return incomplete;
          raw = open + 3;
          rawEnd = valueEnd;
          i = close + 1;
          continue;
        }
        i = this.mixedText(b, open + 3);
        if (i === incomplete) return incomplete;
        mixed = this.rawValue;
        continue;
      }
      if (c1 === slash) {
        const close = find(b, gt, open + 2);
        if (close === -1) return incomplete;
        i = close + 1;
        break;
      }
      if (c1 === 105 && c2 === 115 && b[open + 3] === gt) {
        // <is>…</is>
        i = this.inlineText(b, open + 4);
        if (i === incomplete) return incomplete;
        inline = this.inlineValue;
        continue;
      }
      if (c1 === question || c1 === bang) {
        i = this.declaration(b, open);
        if (i === incomplete) return incomplete;
        continue;
      }
      const end = nameEnd(b, open + 1);
      const close = tagEnd(b, end);
      if (close === -1) return incomplete;
      const selfClosed = b[close - 1] === slash;
      if (localNameIs(b, open + 1, end, names.f)) {
        formula = true;
        i = selfClosed ? close + 1 : skipElement(b, open);
      } else if (localNameIs(b, open + 1, end, names.v)) {
        if (selfClosed) {
          mixed = '';
          i = close + 1;
        } else {
          i = this.mixedText(b, close + 1);
          mixed = this.rawValue;
        }
      } else if (localNameIs(b, open + 1, end, names.is)) {
        if (selfClosed) {
          inline = '';
          i = close + 1;
        } else {
          i = this.inlineText(b, close + 1);
          inline = this.inlineValue;
        }
      } else {
        i = selfClosed ? close + 1 : skipElement(b, open);
      }
      if (i === incomplete) return incomplete;
    }

    const hasRaw = raw >= 0 || mixed !== undefined;
    const part = this.options.part;
    let value = '';
    let note: CellNote['code'] | undefined;
    switch (type) {
      case typeShared: {
        if (!hasRaw) break;
        const index = raw >= 0 ? numberAt(b, raw, rawEnd) : Number.parseInt(mixed!, 10) || 0;
        if (raw >= 0 ? rawEnd === raw : mixed === '') break;
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
        value = inline ?? (raw >= 0 ? valueText(b, raw, rawEnd, part) : (mixed ?? ''));
        break;
      case typeFormulaText:
        value = raw >= 0 ? valueText(b, raw, rawEnd, part) : (mixed ?? '');
        break;
      case typeError:
        value = raw >= 0 ? valueText(b, raw, rawEnd, part) : (mixed ?? '');
        note = 'xlsx.errorCell';
        break;
      case typeBoolean:
        value = booleanText(raw >= 0 ? valueText(b, raw, rawEnd, part) : (mixed ?? ''));
        break;
      case typeDate:
        value = isoCellText(
          raw >= 0 ? valueText(b, raw, rawEnd, part) : (mixed ?? ''),
          this.options.formats.formatOf(style),
        );
        break;
      default: {
        const text = raw >= 0 ? valueText(b, raw, rawEnd, part) : mixed;
        if (text) {
          const cell = numberText(text, this.options.formats.formatOf(style), this.options.date1904);
          value = cell.text;
          note = cell.note;
        } else if (inline !== undefined) value = inline;
      }
    }
    if (formula && !hasRaw && inline === undefined) this.note(column, 'xlsx.noCachedValue', '');
    if (value !== '') {
      const fields = this.fields;
      if (column < fields.length) fields[column] = value;
      else if (column === fields.length) fields.push(value);
      else this.place(column, value);
      this.filled = true;
      if (note) this.note(column, note, value);
    }
    return i;
  }

  /** Notes wait for the end of their row: a row cut off by the end of the bytes is read again. */
  private note(column: number, code: CellNote['code'], value: string): void {
    this.notes.push({ column, code, value });
  }

  private place(column: number, value: string): void {
    const fields = this.fields;
    while (fields.length < column) fields.push('');
    fields[column] = value;
  }

  /** Text up to the next end tag, with CDATA sections and comments, decoded: leaves it in `rawValue`. */
  private mixedText(b: Uint8Array, from: number): number {
    let text = '';
    let i = from;
    for (;;) {
      const open = find(b, lt, i);
      if (open === -1 || open + 1 >= b.length) return incomplete;
      if (open > i) text += valueText(b, i, open, this.options.part);
      if (b[open + 1] === slash) {
        const close = find(b, gt, open);
        if (close === -1) return incomplete;
        this.rawValue = text;
        return close + 1;
      }
      if (startsWith(b, open, cdataOpen)) {
        const close = findSeq(b, cdataEnd, open + 9);
        if (close === -1) return incomplete;
        // CDATA is literal: no references, no _x escapes, only XML's line ends.
        let literal: string;
        try {
          literal = utf8.decode(b.subarray(open + 9, close));
        } catch {
          throw brokenXml(this.options.part);
        }
        text += literal.replace(/\r\n?/g, '\n');
        i = close + 3;
      } else {
        const c1 = b[open + 1];
        const next = c1 === bang || c1 === question ? this.declaration(b, open) : skipElement(b, open);
        if (next === incomplete) return incomplete;
        i = next;
      }
    }
  }

  /** An inline string's runs up to `</is>`, phonetic runs left out: leaves the text in `inlineValue`. */
  private inlineText(b: Uint8Array, from: number): number {
    const n = b.length;
    // As nearly every writer has it: <t>text</t></is> (or <t xml:space="preserve">).
    if (from + 2 < n && b[from] === lt && b[from + 1] === 116) {
      const c2 = b[from + 2];
      const open = c2 === gt ? from + 2 : isSpace(c2) ? tagEnd(b, from + 3) : -2;
      if (open === -1) return incomplete;
      if (open >= 0 && b[open - 1] !== slash) {
        // One pass to the end of the text, noting whether it is plain ASCII that needs no decoding.
        let end = open + 1;
        let plain = true;
        for (; end < n; end++) {
          const c = b[end];
          if (c === lt) break;
          if (c >= 128 || c === 38 || c === 13 || (c === 95 && b[end + 1] === 120)) plain = false;
        }
        if (end + 9 > n) return incomplete;
        if (
          b[end + 1] === slash &&
          b[end + 2] === 116 &&
          b[end + 3] === gt &&
          b[end + 4] === lt &&
          b[end + 5] === slash &&
          b[end + 6] === 105 &&
          b[end + 7] === 115 &&
          b[end + 8] === gt
        ) {
          this.inlineValue =
            plain && end - open - 1 <= shortValue
              ? asciiText(b, open + 1, end)
              : decodedText(b, open + 1, end, this.options.part);
          return end + 9;
        }
      }
    }
    let value = '';
    let i = from;
    for (;;) {
      const open = find(b, lt, i);
      if (open === -1 || open + 1 >= n) return incomplete;
      const c1 = b[open + 1];
      if (c1 === slash) {
        const close = find(b, gt, open);
        if (close === -1) return incomplete;
        i = close + 1;
        if (localNameIs(b, open + 2, nameEnd(b, open + 2), names.is)) break;
        continue;
      }
      if (c1 === question || c1 === bang) {
        i = this.declaration(b, open);
        if (i === incomplete) return incomplete;
        continue;
      }
      const end = nameEnd(b, open + 1);
      const close = tagEnd(b, end);
      if (close === -1) return incomplete;
      const selfClosed = b[close - 1] === slash;
      if (localNameIs(b, open + 1, end, names.t)) {
        if (selfClosed) {
          i = close + 1;
          continue;
        }
        i = this.mixedText(b, close + 1);
        if (i === incomplete) return incomplete;
        value += this.rawValue;
      } else if (localNameIs(b, open + 1, end, names.r)) {
        i = close + 1;
      } else {
        i = selfClosed ? close + 1 : skipElement(b, open);
        if (i === incomplete) return incomplete;
      }
    }
    this.inlineValue = value;
    return i;
  }
}
