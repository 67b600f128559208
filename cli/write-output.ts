import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
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

/**
 * Refuses at once, before a file is read, an output whose folder is missing or cannot be written: a
 * million-row export should not fail only at its end. The write itself still reports what it meets.
 */
export async function checkOutputFolder(path: string): Promise<void> {
  const folder = dirname(path);
  const info = await stat(folder).catch((error: NodeJS.ErrnoException) => {
    const why =
      error.code === 'ENOENT'
        ? 'no such folder'
        : error.code === 'EACCES' || error.code === 'EPERM'
          ? `permission denied in ${folder}`
          : `its folder cannot be read (${error.code})`;
    throw new InputError(`${path} cannot be written: ${why}`);
  });
  if (!info.isDirectory()) throw new InputError(`${path} cannot be written: ${folder} is not a folder`);
  await access(folder, constants.W_OK).catch(() => {
    throw new InputError(`${path} cannot be written: permission denied in ${folder}`);
  });
  const target = await stat(path).catch(() => null);
  if (target?.isDirectory()) throw new InputError(`${path} cannot be written: it is a folder`);
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
    await explainFailure(path, () => writeFileAtomic(path, csvPieces(headers, rows, options)));
    return;
  }
  const template = options.template ?? clientTether;
  const templateHeaders = template.fields.map((f) => f.header);
  const extras = headers.slice(templateHeaders.length);
  if (templateHeaders.some((h, i) => headers[i] !== h)) {
    throw new Error('an .xlsx export needs the rows in the template’s column order');
  }
  await explainFailure(path, () =>
    writeFileAtomic(
      path,
      templateWorkbookChunksAsync(
        { ...options, template, extraColumns: options.extraColumns ?? extras.map((header) => ({ header })) },
        rows,
      ),
    ),
  );
}

/** Why a file cannot be written there, in words, from the system's code (null: not a file system's refusal). */
function writeProblem(error: unknown): string | null {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such folder';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return null;
  }
}

/**
 * A failed write as one line naming the file, never its temporary file: a file too big for Excel (split it,
 * or export CSV), a folder that went away or a full disk while writing. Anything else passes through.
 */
async function explainFailure(path: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (error instanceof XlsxLimitError) throw new InputError(`${path} not written: ${error.message}`);
    const problem = writeProblem(error);
    if (problem) throw new InputError(`${path} not written: ${problem}`);
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
  await explainFailure(path, () => writeFileAtomic(path, errorReportChunksAsync(options, rows)));
}
