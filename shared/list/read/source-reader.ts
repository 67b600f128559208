import {
  type ByteSource,
  type CsvDelimiter,
  previewSheet,
  type RandomAccessBytes,
  readSheet,
  type SheetHeader,
  sniffBytes,
  sniffFileKind,
  type TextEncoding,
} from '../../codec';
import { CellTable } from '../sheet/cell-table';
import type { ListBytes } from './list-bytes';
import { SourceError } from './source-error';

// Reading a file is shared/codec's job (encodings, header row below titles, footers, XLSX, hostile files);
// this module feeds it the bytes in pieces as they arrive (file-bytes.ts), stores what it reads in a
// CellTable, and reports progress.

export type SourceKind = 'csv' | 'xlsx';

/** What the user may override on the Open screen; anything left out is detected. */
export type ReadOptions = Readonly<{
  encoding?: TextEncoding;
  delimiter?: CsvDelimiter;
  sheet?: string;
  /** The header's 1-based line (CSV) or row (Excel), chosen with a click on the preview. */
  headerRow?: number;
  fileName?: string;
}>;

/** How the file was read: shown on the Open screen, each one changeable. */
export type SourceFormat = Readonly<{
  kind: SourceKind;
  encoding: TextEncoding | null;
  delimiter: CsvDelimiter | null;
  sheets: readonly string[];
  sheet: string | null;
  /** The header's 1-based line or row. */
  headerRow: number;
  /** What was read but is not data, so the Open screen can say what was left out. */
  titles: number;
  blankRows: number;
  footer: readonly string[];
  raggedRows: number;
}>;

/** Called after each chunk with the rows read so far; awaiting it lets the worker post and listen. */
export type ReadProgress = (rows: number, fraction: number) => Promise<void>;

/**
 * Reads the whole file: table row 0 holds the headers, rows 1… the data rows (titles, blank rows and a
 * footer are left out by the codec and counted in the format).
 */
export async function readSource(
  file: ListBytes,
  options: ReadOptions,
  progress: ReadProgress,
  /** Each stored row's table index and cells, as soon as it is read (the header is row 0). */
  onStored: (table: CellTable, row: number, cells: readonly string[]) => void = () => {},
  /** How the file is being read, once the header is found (counts of what is left out come at the end). */
  onFormat: (format: SourceFormat) => void = () => {},
): Promise<{ table: CellTable; format: SourceFormat }> {
  const table = new CellTable();
  // No 0x1F byte in the file read so far means no U+001F character in any encoding: rows skip the per-cell
  // check. A piece is looked at before the reader gets it, so a row holding one is never taken as clean.
  let clean = true;
  const at = { offset: 0 };
  async function* checked(): AsyncGenerator<Uint8Array> {
    for await (const piece of file.pieces(at)) {
      if (clean && piece.indexOf(0x1f) >= 0) clean = false;
      yield piece;
    }
  }
  let header: SheetHeader | undefined;
  let workbookFraction: number | null = null;
  const workbook = await workbookOf(file);
  // A workbook's cells may hold U+001F (Excel's _x001F_): every row is checked.
  if (workbook) clean = false;
  const outcome = await readSheet(workbook ?? checked(), options, {
    onHeader: (found) => {
      header = found;
      onFormat(formatOf(found, { titles: found.titles.length, blankRows: 0, footer: [], raggedRows: 0 }));
      onStored(table, table.appendRow(found.headers, clean), found.headers);
    },
    onRow: (fields) => {
      onStored(table, table.appendRow(fields, clean), fields);
    },
    // A workbook's bytes are all taken before its rows come (its table of contents is at the end of the
    // zip): the reader says how far it is instead.
    onProgress: (fraction) => {
      workbookFraction = fraction;
    },
    onChunk: () =>
      progress(Math.max(0, table.rowCount - 1), workbookFraction ?? (file.size ? at.offset / file.size : 1)),
  });
  if (!outcome.ok) throw new SourceError(outcome.error.code, outcome.error.message, outcome.error.line);
  const summary = outcome.value;
  await progress(Math.max(0, table.rowCount - 1), 1);
  if (!header) throw new SourceError('sheet.noRows', 'The file has no rows.');
  return {
    table,
    format: formatOf(summary, {
      titles: summary.titles.length,
      blankRows: summary.blankRows,
      footer: summary.footer,
      raggedRows: summary.raggedCount,
    }),
  };
}

function formatOf(
  header: SheetHeader,
  leftOut: Pick<SourceFormat, 'titles' | 'blankRows' | 'footer' | 'raggedRows'>,
): SourceFormat {
  return {
    kind: header.kind,
    encoding: header.encoding,
    delimiter: header.delimiter as CsvDelimiter | null,
    sheets: header.sheets.filter((s) => !s.hidden).map((s) => s.name),
    sheet: header.sheet,
    headerRow: header.headerRow,
    ...leftOut,
  };
}

/**
 * The first rows as they are in the file, title lines included, each with its line: the Open screen shows
 * them so the header row can be chosen with a click.
 */
export async function previewSource(
  file: ListBytes,
  options: ReadOptions,
  limit: number,
): Promise<{ rows: string[][]; lines: number[] }> {
  const source: ByteSource | RandomAccessBytes = (await workbookOf(file)) ?? file.pieces();
  const outcome = await previewSheet(source, { ...options, headerRow: 0, limit });
  if (!outcome.ok) throw new SourceError(outcome.error.code, outcome.error.message, outcome.error.line);
  return { rows: outcome.value.rows, lines: outcome.value.lines };
}

/**
 * A workbook is read where its parts lie, from its table of contents at the end of the zip, without waiting
 * for the whole file to arrive; other files are read from the start as they arrive.
 */
async function workbookOf(file: ListBytes): Promise<RandomAccessBytes | null> {
  if (file.size === 0 || sniffFileKind(await file.read(0, sniffBytes)) !== 'zip') return null;
  return { size: file.size, read: (offset, length) => file.read(offset, length) };
}
