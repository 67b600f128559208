import { type CellFormats, readCellFormats } from './cell-formats';
import { ReadError } from './errors';
import { defaultInflater } from './inflaters';
import type { RandomAccessBytes } from './random-access';
import { SharedStrings } from './shared-strings';
import { SheetScanner } from './sheet-scanner';
import type {
  CellNote,
  SheetHandlers,
  SheetHeader,
  SheetInfo,
  SheetReadOptions,
  SheetSummary,
} from './sheet-types';
import { type TableHeader, TableShaper } from './table-shaper';
import { readWorkbookStructure, type WorkbookSheet } from './workbook-parts';
import { defaultZipLimits } from './zip-limits';
import { ZipReader } from './zip-reader';

const maxNotesListed = 100;
/** Bytes read between two `onChunk` calls (progress, back-pressure). */
const bytesPerChunk = 1024 * 1024;
/** Bytes of XML a row may take: four times the text a CSV row may hold. */
const maxRowBytes = 16 * 1024 * 1024;
/** Bytes of a sheet looked at to count its rows before one is chosen: a template's reference sheets fit. */
const probeBytes = 256 * 1024;

/**
 * Reads one worksheet of an .xlsx workbook as a stream. The zip is checked against its table of contents
 * first (zip-directory.ts); then the workbook's structure, its number formats and the sheet's rows are read
 * part by part, each inflated as it is scanned (zip-part.ts, sheet-scanner.ts), with shared strings loaded
 * only as far as the rows need them. Cells become text as people see them (excel-cell.ts) and rows go
 * through the same TableShaper as CSV, so the first rows arrive while the rest is still packed.
 */
export async function readWorkbook(
  bytes: RandomAccessBytes,
  options: SheetReadOptions,
  handlers: SheetHandlers,
): Promise<SheetSummary> {
  const zip = await ZipReader.open(
    bytes,
    options.zipLimits ?? defaultZipLimits,
    options.inflater ?? defaultInflater,
  );
  try {
    return await readSheetOf(zip, options, handlers);
  } finally {
    zip.close();
  }
}

async function readSheetOf(
  zip: ZipReader,
  options: SheetReadOptions,
  handlers: SheetHandlers,
): Promise<SheetSummary> {
  const structure = await readWorkbookStructure(zip);
  const formats = await readCellFormats(zip, structure.styles);
  const sheets: SheetInfo[] = [];
  for (const sheet of structure.sheets) sheets.push(await lookAt(zip, sheet, formats, structure.date1904));
  const index = pickSheet(sheets, options.sheet);
  const chosen = structure.sheets[index];
  if (!chosen.part) {
    throw new ReadError('sheet.noRows', `the sheet "${chosen.name}" is a chart or a dialog, not a table`);
  }
  const part = chosen.part;

  const notes: CellNote[] = [];
  let noteCount = 0;
  const noteCounts = { 'xlsx.errorCell': 0, 'xlsx.noCachedValue': 0, 'xlsx.precision': 0 };
  let header: TableHeader | undefined;
  const shaper = new TableShaper(
    { limit: options.limit, headerRow: options.headerRow, positioned: true },
    {
      onHeader: (table) => {
        if (table.headers.length === 0)
          throw new ReadError('sheet.noRows', `the sheet "${chosen.name}" is empty`);
        header = table;
        handlers.onHeader?.(sheetHeader(table, chosen, sheets));
      },
      onRow: handlers.onRow ?? (() => {}),
    },
  );
  const strings = new SharedStrings(structure.sharedStrings ? zip.text(structure.sharedStrings) : null);
  let lastRow = 0;
  const scanner = new SheetScanner({
    part: part.name,
    formats,
    strings,
    date1904: structure.date1904,
    maxRowBytes,
    onRow: (fields, row) => {
      // Rows between two rows with values are blank, however many the row numbers skip: one call for all.
      shaper.addBlanks(row - lastRow - 1, lastRow + 1);
      shaper.add(fields, row);
      lastRow = row;
    },
    onNote: (row, column, code, value) => {
      noteCount++;
      noteCounts[code]++;
      if (notes.length < maxNotesListed) notes.push({ line: row, column, code, value });
    },
    stop: () => shaper.done,
  });

  const bytes = zip.utf8(part);
  // A row may need shared strings not loaded yet: load them, then let the scanner go on.
  const settle = async (needed: number) => {
    for (let index = needed; index >= 0; index = scanner.resume()) await strings.loadUpTo(index);
  };
  let sinceChunk = 0;
  for (;;) {
    const chunk = await bytes.next();
    if (chunk === null) {
      for (let needed = scanner.end(); needed >= 0; needed = scanner.end()) await settle(needed);
      break;
    }
    await settle(scanner.push(chunk));
    if (scanner.isStopped) break;
    sinceChunk += chunk.length;
    if (sinceChunk >= bytesPerChunk) {
      sinceChunk = 0;
      handlers.onProgress?.(bytes.fraction);
      await handlers.onChunk?.();
    }
  }
  const table = shaper.end();
  if (!header) throw new ReadError('sheet.noRows', `the sheet "${chosen.name}" is empty`);
  const complete = scanner.complete && !scanner.isStopped;
  const counted = complete
    ? sheets.map((sheet, i) =>
        i === index ? { ...sheet, rows: scanner.rowsWithData, columns: scanner.columnsWithData } : sheet,
      )
    : sheets;
  return {
    ...sheetHeader(header, chosen, counted),
    ...table,
    cellNotes: notes,
    cellNoteCount: noteCount,
    cellNoteCounts: noteCounts,
    merges: complete ? { count: scanner.mergeCount, first: scanner.merges } : null,
  };
}

function sheetHeader(table: TableHeader, sheet: WorkbookSheet, sheets: SheetInfo[]): SheetHeader {
  return {
    ...table,
    kind: 'xlsx',
    encoding: null,
    bom: false,
    delimiter: null,
    sheet: sheet.name,
    sheets,
  };
}

/** A sheet for the picker: its state, and its rows and columns when it is small enough to count at a glance. */
async function lookAt(
  zip: ZipReader,
  sheet: WorkbookSheet,
  formats: CellFormats,
  date1904: boolean,
): Promise<SheetInfo> {
  const info = {
    name: sheet.name,
    hidden: sheet.state !== 'visible',
    ...(sheet.state === 'veryHidden' ? { veryHidden: true as const } : {}),
  };
  if (!sheet.part) return { ...info, rows: 0, columns: 0 };
  const scanner = new SheetScanner({
    part: sheet.part.name,
    formats,
    strings: null,
    date1904,
    maxRowBytes,
    onRow: () => {},
  });
  const bytes = zip.utf8(sheet.part);
  let seen = 0;
  for (let chunk = await bytes.next(); chunk !== null; chunk = await bytes.next()) {
    scanner.push(chunk);
    seen += chunk.length;
    if (seen > probeBytes) {
      bytes.cancel();
      return { ...info, rows: null, columns: null };
    }
  }
  scanner.end();
  return { ...info, rows: scanner.rowsWithData, columns: scanner.columnsWithData };
}

const hasData = (sheet: SheetInfo) => sheet.rows === null || sheet.rows > 0;

/**
 * The sheet asked for (by name, any case, or by 1-based position), else the first visible sheet with data.
 * A hidden sheet is read only when asked for by its name: never by default, never by a position.
 */
function pickSheet(sheets: readonly SheetInfo[], wanted: string | undefined): number {
  if (wanted !== undefined) {
    const exact = sheets.findIndex((s) => s.name === wanted);
    if (exact !== -1) return exact;
    const loose = sheets.findIndex((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (loose !== -1) return loose;
    if (/^\d+$/.test(wanted) && Number(wanted) >= 1 && Number(wanted) <= sheets.length) {
      const at = Number(wanted) - 1;
      if (!sheets[at].hidden) return at;
      throw new ReadError(
        'sheet.hidden',
        `sheet ${wanted} of the workbook is "${sheets[at].name}", which is ${describeState(sheets[at])}; ask for it by its name to read it`,
      );
    }
    throw new ReadError(
      'sheet.notFound',
      `the workbook has no sheet "${wanted}"; its sheets are ${sheets.map((s) => `"${s.name}"`).join(', ')}`,
    );
  }
  const withData = sheets.findIndex((s) => !s.hidden && hasData(s));
  if (withData !== -1) return withData;
  const hiddenWithData = sheets.filter((s) => s.hidden && hasData(s));
  if (hiddenWithData.length) {
    throw new ReadError(
      'sheet.hidden',
      `the workbook's visible sheets are empty; its data is in the ${describeState(hiddenWithData[0])} sheet "${hiddenWithData[0].name}": unhide it in Excel, or ask for it by its name`,
    );
  }
  const visible = sheets.findIndex((s) => !s.hidden);
  if (visible === -1) {
    throw new ReadError(
      'sheet.hidden',
      'every sheet of the workbook is hidden; unhide the one to read in Excel',
    );
  }
  return visible;
}

function describeState(sheet: SheetInfo): string {
  return sheet.veryHidden ? 'very hidden' : 'hidden';
}
