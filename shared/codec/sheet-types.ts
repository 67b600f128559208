import type { TextEncoding } from './encoding';
import type { InflaterFactory } from './inflaters';
import type { ZipLimits } from './zip-limits';
import type { TableHeader, TableSummary } from './table-shaper';

/** A worksheet of a workbook, for the sheet picker. */
export type SheetInfo = Readonly<{
  name: string;
  /** A hidden or very hidden sheet: read only when asked for by its name, never by default. */
  hidden: boolean;
  /** Very hidden (only a macro can show it in Excel); present only then, so other sheets read as before. */
  veryHidden?: true;
  /**
   * Rows and columns holding a value. A sheet is looked at only so far before it is chosen: null when it is
   * longer than that (the summary counts the sheet read in full).
   */
  rows: number | null;
  columns: number | null;
}>;

/** A sheet's merged ranges: reported, never spread over the cells (the text is in each range's first cell). */
export type MergedRanges = Readonly<{ count: number; first: string[] }>;

/** What is known once the header is found: how the file was read, and its columns. */
export type SheetHeader = TableHeader &
  Readonly<{
    kind: 'csv' | 'xlsx';
    /** The text encoding (CSV); null for a workbook. */
    encoding: TextEncoding | null;
    /** The file started with a byte order mark (which never ends up in the first header). */
    bom: boolean;
    /** The field delimiter (CSV); null for a workbook. */
    delimiter: string | null;
    /** The worksheet read, and all of them (workbooks); null and [] for CSV. */
    sheet: string | null;
    sheets: SheetInfo[];
  }>;

/** A cell worth a second look: an error value (#N/A), a formula without a saved result, digits Excel lost. */
export type CellNote = Readonly<{
  line: number;
  /** 0-based column, as in `headers`. */
  column: number;
  code: 'xlsx.errorCell' | 'xlsx.noCachedValue' | 'xlsx.precision';
  value: string;
}>;

export type SheetSummary = SheetHeader &
  TableSummary &
  Readonly<{
    /** The first cell notes (up to 100); `cellNoteCount` counts them all, `cellNoteCounts` each kind. */
    cellNotes: CellNote[];
    cellNoteCount: number;
    cellNoteCounts: Readonly<Record<CellNote['code'], number>>;
    /** The sheet's merged ranges; null for CSV and for a workbook not read to the end (a preview). */
    merges: MergedRanges | null;
    /** CSV read with `unclosedQuote: 'asWritten'`: the lines whose row opened a quote never closed. */
    unclosedQuotes?: readonly number[];
  }>;

/** A preview: the summary and the first rows, each with its line (CSV) or row number (Excel). */
export type SheetPreview = SheetSummary & Readonly<{ rows: string[][]; lines: number[] }>;

export type SheetReadOptions = Readonly<{
  /** The file's name: only a hint (a workbook name on a file that is no workbook gets a clearer message). */
  fileName?: string;
  /** Overrides the detected encoding (CSV). */
  encoding?: TextEncoding;
  /** Overrides the detected delimiter (CSV). */
  delimiter?: string;
  /** The worksheet to read by name (or 1-based position); the first visible sheet with data otherwise. */
  sheet?: string;
  /** Stop after this many data rows. */
  limit?: number;
  /** The header's 1-based line when the user has chosen it; 0 for a file without a header row. */
  headerRow?: number;
  /** The longest CSV row in characters (a guard against a huge field without a line break). */
  maxRowLength?: number;
  /**
   * A CSV quote that is never closed: refuse the file (`fail`, the default), or read that row's line as
   * written and read on (`asWritten`; the summary's `unclosedQuotes` names the lines).
   */
  unclosedQuote?: 'fail' | 'asWritten';
  /** Limits for workbooks (zip bombs, work). */
  zipLimits?: ZipLimits;
  /**
   * What inflates a workbook's parts (inflaters.ts): by default the platform's `DecompressionStream` where
   * there is one, else fflate's; the CLI lends Node's zlib.
   */
  inflater?: InflaterFactory;
}>;

export type SheetHandlers = Readonly<{
  /** Called once, before the first row. Throwing here (no usable column) stops the reading. */
  onHeader?: (header: SheetHeader) => void;
  /** Each data row with its line (CSV) or row number (Excel); short rows padded to the header's width. */
  onRow?: (fields: string[], line: number) => void;
  /**
   * Awaited after each chunk of input: the place for back-pressure (flush output, yield to the UI). A CSV
   * says where its reading stands (a workbook does not).
   */
  onChunk?: (position?: ReadPosition) => void | Promise<void>;
  /**
   * A workbook's progress from 0 to 1, before each `onChunk`. Its bytes are all in before its rows come (a
   * zip's table of contents is at its end), so the bytes taken from the source do not tell it.
   */
  onProgress?: (fraction: number) => void;
}>;

/** Where the reading of a CSV stands after a chunk. */
export type ReadPosition = Readonly<{
  /**
   * The bytes so far end exactly at a row's end, with nothing held back (no row half read, no blank row
   * waiting to see whether a footer follows): the rest of the file may be read separately (`readSheetPart`).
   */
  atRowBoundary: boolean;
  /** The physical line (1-based) the next byte is on. */
  line: number;
  /** The encoding in use now (a detected UTF-8 file may have turned out to be Windows-1252). */
  encoding: TextEncoding;
}>;
