import type * as ExcelJsTypes from 'exceljs';
import { cellText } from './excel-cell';
import { ReadError } from './errors';
import type { CellNote, SheetHandlers, SheetInfo, SheetReadOptions, SheetSummary } from './sheet-types';
import { type TableHeader, TableShaper } from './table-shaper';
import { checkWorkbookZip } from './zip-guard';
import { defaultZipLimits } from './zip-limits';

const maxNotesListed = 100;
const rowsPerYield = 2_000;

// Parts of a worksheet that hold no cell text; skipping them saves exceljs memory on big sheets.
const ignoreNodes = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'autoFilter',
  'rowBreaks',
  'hyperlinks',
  'pageMargins',
  'dataValidations',
  'pageSetup',
  'headerFooter',
  'printOptions',
  'picture',
  'drawing',
  'sheetProtection',
  'tableParts',
  'conditionalFormatting',
  'extLst',
];

/**
 * Reads one worksheet of an .xlsx workbook held in memory: the zip is checked first (zip-guard.ts), then
 * exceljs parses it; cells become text (excel-cell.ts) and rows go through the same TableShaper as CSV.
 */
export async function readWorkbook(
  bytes: Uint8Array,
  options: SheetReadOptions,
  handlers: SheetHandlers,
): Promise<SheetSummary> {
  checkWorkbookZip(bytes, options.zipLimits ?? defaultZipLimits);
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as Node's Buffer; it reads any Uint8Array (JSZip underneath).
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0], { ignoreNodes });
  } catch {
    // exceljs's own messages speak of its internals ("cannot read properties of undefined"), not the file.
    throw new ReadError(
      'xlsx.corrupt',
      'the workbook is damaged or not written the way Excel writes it; open it in Excel and save it again',
    );
  }
  const worksheets = workbook.worksheets;
  if (worksheets.length === 0) throw new ReadError('sheet.none', 'the workbook has no worksheets');
  const sheets: SheetInfo[] = worksheets.map((sheet) => ({
    name: sheet.name,
    hidden: sheet.state !== 'visible',
    rows: sheet.actualRowCount,
    columns: sheet.actualColumnCount,
  }));
  const sheet = worksheets[pickSheet(sheets, options.sheet)];
  const date1904 = workbook.properties?.date1904 === true;

  const notes: CellNote[] = [];
  let noteCount = 0;
  let header: TableHeader | undefined;
  const shaper = new TableShaper(
    { limit: options.limit, headerRow: options.headerRow },
    {
      onHeader: (table) => {
        if (table.headers.length === 0)
          throw new ReadError('sheet.noRows', `the sheet "${sheet.name}" is empty`);
        header = table;
        handlers.onHeader?.(sheetHeader(table));
      },
      onRow: handlers.onRow ?? (() => {}),
    },
  );
  const sheetHeader = (table: TableHeader) => ({
    ...table,
    kind: 'xlsx' as const,
    encoding: null,
    bom: false,
    delimiter: null,
    sheet: sheet.name,
    sheets,
  });

  const rowCount = sheet.rowCount;
  for (let r = 1; r <= rowCount && !shaper.done; r++) {
    const row = sheet.findRow(r);
    const fields: string[] = [];
    if (row) {
      const cells = row.cellCount;
      for (let c = 1; c <= cells; c++) {
        const cell = row.findCell(c);
        // A merged range shows its text once, in its first cell; the others are empty, not copies.
        if (!cell || cell.type === ExcelJS.ValueType.Merge) {
          fields.push('');
          continue;
        }
        const { text, note } = cellText(cell.value, cell.numFmt, date1904);
        fields.push(text);
        if (note) {
          noteCount++;
          if (notes.length < maxNotesListed) notes.push({ line: r, column: c - 1, code: note, value: text });
        }
      }
    }
    shaper.add(fields, r);
    if (r % rowsPerYield === 0) await handlers.onChunk?.();
  }
  const table = shaper.end();
  if (!header) throw new ReadError('sheet.noRows', `the sheet "${sheet.name}" is empty`);
  return { ...sheetHeader(header), ...table, cellNotes: notes, cellNoteCount: noteCount };
}

/**
 * exceljs is large (about 1 MB in a browser): loaded on the first workbook, so reading CSV never pays for it.
 * It is CommonJS; depending on the bundler its namespace arrives as the module or as its `default`.
 */
async function loadExcelJs(): Promise<typeof ExcelJsTypes> {
  const module = (await import('exceljs')) as typeof ExcelJsTypes & { default?: typeof ExcelJsTypes };
  return module.default ?? module;
}

/** The sheet asked for (by name, any case, or by 1-based position), else the first visible sheet with data. */
function pickSheet(sheets: readonly SheetInfo[], wanted: string | undefined): number {
  if (wanted !== undefined) {
    const exact = sheets.findIndex((s) => s.name === wanted);
    if (exact !== -1) return exact;
    const loose = sheets.findIndex((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (loose !== -1) return loose;
    if (/^\d+$/.test(wanted) && Number(wanted) >= 1 && Number(wanted) <= sheets.length)
      return Number(wanted) - 1;
    throw new ReadError(
      'sheet.notFound',
      `the workbook has no sheet "${wanted}"; its sheets are ${sheets.map((s) => `"${s.name}"`).join(', ')}`,
    );
  }
  const withData = sheets.findIndex((s) => !s.hidden && s.rows > 0);
  if (withData !== -1) return withData;
  const visible = sheets.findIndex((s) => !s.hidden);
  return visible === -1 ? 0 : visible;
}
