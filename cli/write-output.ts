import { extname } from 'node:path';
import {
  type CsvWriteOptions,
  errorReportChunksAsync,
  XlsxLimitError,
  type ErrorReportOptions,
  formatCsvRow,
  type ReportRow,
  templateWorkbookChunksAsync,
  type TemplateWorkbookOptions,
} from '../shared/export';
import { clientTether } from '../shared/template';
import { writeFileAtomic } from '../node-shared/atomic-write';
import { InputError, UsageError } from './errors';

export type OutputFormat = 'csv' | 'xlsx';

/** CSV options, and for `.xlsx` the workbook's template, account lists and language. */
export type OutputOptions = CsvWriteOptions & Partial<TemplateWorkbookOptions>;

type Rows = Iterable<readonly string[]> | AsyncIterable<readonly string[]>;

/** The format an output path asks for, by its extension. */
export function outputFormat(path: string): OutputFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.xlsx') return 'xlsx';
  throw new UsageError(`cannot write "${extension || path}" files; use .xlsx or .csv`);
}

async function* csvPieces(headers: readonly string[], rows: Rows, options: CsvWriteOptions) {
  let piece = (options.bom ? '\ufeff' : '') + formatCsvRow(headers, options);
  for await (const row of rows) {
    piece += formatCsvRow(row, options);
    if (piece.length >= 1 << 16) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

/**
 * Writes rows in the template's columns to `path`, atomically, the format chosen by its extension: `.csv`
 * (UTF-8, CRLF, RFC 4180) or `.xlsx` (the template workbook, whose headers are the template's). Rows may
 * arrive asynchronously; the file is written as they come and appears only when complete.
 */
export async function writeOutputFile(
  path: string,
  headers: readonly string[],
  rows: Rows,
  options: OutputOptions = {},
): Promise<void> {
  if (outputFormat(path) === 'csv') {
    await writeFileAtomic(path, csvPieces(headers, rows, options));
    return;
  }
  const template = options.template ?? clientTether;
  const templateHeaders = template.fields.map((f) => f.header);
  const extras = headers.slice(templateHeaders.length);
  if (templateHeaders.some((h, i) => headers[i] !== h)) {
    throw new Error('an .xlsx export needs the rows in the template’s column order');
  }
  await explainLimits(path, () =>
    writeFileAtomic(
      path,
      templateWorkbookChunksAsync(
        { ...options, template, extraColumns: options.extraColumns ?? extras.map((header) => ({ header })) },
        rows,
      ),
    ),
  );
}

/** A file too big for Excel is the user's to fix (split it, or export CSV): one line, not a crash. */
async function explainLimits(path: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (error instanceof XlsxLimitError) throw new InputError(`${path} not written: ${error.message}`);
    throw error;
  }
}

/** Writes the error report workbook to `path` (an .xlsx), atomically. */
export async function writeReportFile(
  path: string,
  rows: Iterable<ReportRow> | AsyncIterable<ReportRow>,
  options: ErrorReportOptions,
): Promise<void> {
  if (outputFormat(path) !== 'xlsx')
    throw new UsageError('the error report is a workbook: use an .xlsx file');
  await explainLimits(path, () => writeFileAtomic(path, errorReportChunksAsync(options, rows)));
}
