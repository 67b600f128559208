import { CellTable } from './cell-table';
import type { ReadProgress, SourceFormat } from './source-reader';

// Thin adapter until shared/codec's XLSX reader (issue 3) lands. exceljs is loaded on first use so opening a
// CSV never pays for it. Values become the text a person sees: dates as ISO dates, formulas as their cached
// result (never run), rich text joined.

type CellValue = unknown;

function isoDate(date: Date): string {
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** The text of one exceljs cell value. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text: string }[];
      text?: unknown;
      result?: unknown;
      formula?: string;
      error?: string;
    };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v || v.formula !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return v.error;
  }
  return String(value);
}

export async function readXlsx(
  bytes: Uint8Array,
  sheetName: string | undefined,
  progress: ReadProgress,
): Promise<{ table: CellTable; format: SourceFormat }> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  // exceljs wants an ArrayBuffer of exactly the file.
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  await workbook.xlsx.load(buffer);
  const sheets = workbook.worksheets.map((s) => s.name);
  const sheet = (sheetName ? workbook.getWorksheet(sheetName) : undefined) ?? workbook.worksheets[0];
  const table = new CellTable();
  if (sheet) {
    const last = sheet.rowCount;
    for (let r = 1; r <= last; r++) {
      const row = sheet.getRow(r);
      const fields: string[] = [];
      const width = row.cellCount;
      for (let c = 1; c <= width; c++) fields.push(cellText(row.getCell(c).value));
      table.appendRow(fields);
      if (r % 20000 === 0) await progress(table.rowCount, r / last);
    }
  }
  await progress(table.rowCount, 1);
  return {
    table,
    format: { kind: 'xlsx', encoding: null, delimiter: null, sheets, sheet: sheet?.name ?? null },
  };
}
