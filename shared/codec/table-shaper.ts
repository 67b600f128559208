import { hasFooterWords, isFooterLike } from './footer';
import { detectHeaderIndex } from './header-row';
import { distinctHeaders } from './headers';
import { isBlankRow, rowText } from './row-text';

/** The header of a table, found below any title lines. */
export type TableHeader = Readonly<{
  /** 1-based line (CSV) or row number (Excel) of the header; 0 when the file has no header row. */
  headerRow: number;
  /** One distinct name per column: `Phone`, `Phone (2)`, `Column 7`. */
  headers: string[];
  /** Cells of the header row up to its last named one; a data row with another count is ragged. */
  headerCells: number;
  /** The lines above the header (report and sheet titles), as text. */
  titles: string[];
}>;

/**
 * A data row whose cell count differs from the header's. Its cells stay in their columns. `row` is its
 * 1-based data row (counted from the first row handed over: within the stretch for a later stretch).
 */
export type RaggedRow = Readonly<{ line: number; cells: number; row: number }>;

export type TableSummary = Readonly<{
  /** Data rows handed over (blank rows, titles and footers are not data). */
  rowCount: number;
  blankRows: number;
  /** The lines after the data that are a report's footer ("Grand Totals (5 records)"), as text. */
  footer: string[];
  /** The first ragged rows (up to 100); `raggedCount` counts them all. */
  ragged: RaggedRow[];
  raggedCount: number;
  /** True when the `limit` stopped the reading before the end. */
  truncated: boolean;
}>;

export type TableShaperOptions = Readonly<{
  /** Stop after this many data rows (a preview). */
  limit?: number;
  /** The header's 1-based line, when the user has chosen it; otherwise it is found. */
  headerRow?: number;
  /**
   * The rows are a later stretch of a table whose header was read elsewhere (another thread reads the start
   * of the file): they are data from the first row on, shaped to that header's width.
   */
  continues?: Readonly<{ columns: number; headerCells: number }>;
  /**
   * Cells sit in named columns (a workbook): a row that ends early only has empty cells there, and is ragged
   * only when it has a value past the header's last column.
   */
  positioned?: boolean;
}>;

export type TableHandlers = Readonly<{
  onHeader: (header: TableHeader) => void;
  /** Short rows are padded with '' to the header's width; longer rows keep their extra cells. */
  onRow: (fields: string[], line: number) => void;
}>;

/** A row before the header is decided; `blanks` stands for that many blank rows from `line` on. */
type PendingRow = { fields: string[]; line: number; blanks?: number };

/** Rows looked at before the header is decided. */
const lookahead = 50;
/** A footer longer than this is not a footer. */
const maxFooterRows = 10;
const maxRaggedListed = 100;

/**
 * Turns the rows of a sheet (from CSV or Excel) into a table: finds the header below title lines, names the
 * columns, drops blank rows, holds back rows after a blank line until it knows whether they are a report's
 * footer, and reports ragged rows. Rows stream through; only the first rows and a possible footer wait.
 */
export class TableShaper {
  private state: 'looking' | 'data' | 'done' = 'looking';
  private pending: PendingRow[] = [];
  private pendingFilled = 0;
  /** Cells in the header row; rows with another count are ragged. */
  private headerWidth = 0;
  /** Columns: the header's, or more when rows in the first lines are wider (they get `Column N` names). */
  private width = 0;
  private rowCount = 0;
  private blankRows = 0;
  /** A blank row has come since the last data row: what follows may be a footer. */
  private afterBlank = false;
  private held: PendingRow[] = [];
  private footer: string[] = [];
  private ragged: RaggedRow[] = [];
  private raggedCount = 0;
  private truncated = false;
  private readonly limit: number;

  constructor(
    private readonly options: TableShaperOptions,
    private readonly handlers: TableHandlers,
  ) {
    this.limit = options.limit ?? Number.POSITIVE_INFINITY;
    if (options.continues) {
      this.state = 'data';
      this.width = options.continues.columns;
      this.headerWidth = options.continues.headerCells;
    }
  }

  /**
   * True when nothing is held back and no blank row is pending: what came so far shapes the same whether
   * the next rows arrive here or are shaped elsewhere (a footer is only decided after a blank row).
   */
  get settled(): boolean {
    return this.state === 'data' && this.held.length === 0 && !this.afterBlank;
  }

  /** True once the limit is reached and a further row proved the table goes on: stop feeding rows. */
  get done(): boolean {
    return this.state === 'done';
  }

  add(fields: string[], line: number): void {
    if (this.state === 'data') this.addData(fields, line);
    else if (this.state === 'looking') this.look(fields, line);
  }

  /**
   * `count` blank rows from `line` on, at the cost of one: a workbook's rows missing between two rows are
   * blank, however many its row numbers skip.
   */
  addBlanks(count: number, line: number): void {
    if (count <= 0) return;
    if (this.state === 'data') {
      this.blankRows += count;
      this.afterBlank = true;
    } else if (this.state === 'looking') {
      this.pending.push({ fields: [], line, blanks: count });
    }
  }

  end(): TableSummary {
    if (this.state === 'looking') this.decideHeader();
    if (this.held.length) {
      if (this.held.some((row) => hasFooterWords(rowText(row.fields)))) {
        this.footer = this.held.map((row) => rowText(row.fields));
        this.held = [];
      } else {
        this.releaseHeld();
      }
    }
    if (this.state !== 'done') this.state = 'done';
    return {
      rowCount: this.rowCount,
      blankRows: this.blankRows,
      footer: this.footer,
      ragged: this.ragged,
      raggedCount: this.raggedCount,
      truncated: this.truncated,
    };
  }

  private look(fields: string[], line: number): void {
    const chosen = this.options.headerRow;
    this.pending.push({ fields, line });
    if (chosen !== undefined && chosen > 0) {
      if (line >= chosen && !isBlankRow(fields)) this.decideHeader();
      return;
    }
    if (!isBlankRow(fields) && ++this.pendingFilled >= lookahead) this.decideHeader();
  }

  private decideHeader(): void {
    const pending = this.pending;
    this.pending = [];
    const filled = pending.filter((row) => !isBlankRow(row.fields));
    let headerIndex: number;
    const chosen = this.options.headerRow;
    if (chosen !== undefined) {
      headerIndex = chosen === 0 ? -1 : filled.findIndex((row) => row.line >= chosen);
      if (headerIndex === -1 && chosen !== 0) headerIndex = filled.length - 1;
    } else {
      headerIndex = detectHeaderIndex(filled.map((row) => row.fields));
    }
    const header = headerIndex >= 0 ? filled[headerIndex] : undefined;
    const rest = header ? pending.filter((row) => row.line > header.line) : pending;
    let width = header ? trimmedLength(header.fields) : 0;
    this.headerWidth = width;
    for (const row of rest) width = Math.max(width, trimmedLength(row.fields));
    this.width = width;
    if (!header) this.headerWidth = width;
    this.state = 'data';
    this.handlers.onHeader({
      headerRow: header?.line ?? 0,
      headers: distinctHeaders(header?.fields ?? [], width),
      headerCells: this.headerWidth,
      titles: header ? filled.slice(0, headerIndex).map((row) => rowText(row.fields)) : [],
    });
    for (const row of rest) {
      if (this.state !== 'data') break;
      if (row.blanks) this.addBlanks(row.blanks, row.line);
      else this.addData(row.fields, row.line);
    }
  }

  private addData(fields: string[], line: number): void {
    if (isBlankRow(fields)) {
      this.blankRows++;
      this.afterBlank = true;
      return;
    }
    if (this.afterBlank) {
      if (this.held.length < maxFooterRows && isFooterLike(fields)) {
        this.held.push({ fields, line });
        return;
      }
      this.releaseHeld();
    }
    this.emit(fields, line);
  }

  /** The held rows were not a footer after all: they are data. */
  private releaseHeld(): void {
    const held = this.held;
    this.held = [];
    this.afterBlank = false;
    for (const row of held) this.emit(row.fields, row.line);
  }

  private emit(fields: string[], line: number): void {
    if (this.state !== 'data') return;
    if (this.rowCount >= this.limit) {
      this.truncated = true;
      this.state = 'done';
      return;
    }
    const width = this.width;
    const headerWidth = this.headerWidth;
    if (fields.length !== headerWidth || fields.length !== width) {
      // Empty cells past the header's last column (a trailing delimiter) do not make a row ragged.
      let cells = fields.length;
      while (cells > headerWidth && fields[cells - 1] === '') cells--;
      if (cells > headerWidth || (cells < headerWidth && !this.options.positioned)) {
        this.raggedCount++;
        if (this.ragged.length < maxRaggedListed) this.ragged.push({ line, cells, row: this.rowCount + 1 });
      }
      if (fields.length > width) fields.length = Math.max(cells, width);
      while (fields.length < width) fields.push('');
    }
    this.rowCount++;
    this.handlers.onRow(fields, line);
  }
}

/** Cells up to the last non-empty one. */
function trimmedLength(fields: readonly string[]): number {
  let length = fields.length;
  while (length > 0 && fields[length - 1].trim() === '') length--;
  return length;
}
