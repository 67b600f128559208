import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  type ByteSource,
  defaultPreviewLimit,
  type FileKind,
  type RandomAccessBytes,
  type ReadErrorCode,
  type ReadFailure,
  readSheet,
  type SheetHandlers,
  type SheetPreview,
  type SheetReadOptions,
  type SheetSummary,
  sniffBytes,
  sniffFileKind,
} from '../shared/codec';
import { InputError } from './errors';
import { zlibInflater } from './zlib-inflater';

/** A file that cannot be read as a contact list: exit 2 with this one line; `code` is stable for scripts. */
export class SheetReadError extends InputError {
  readonly code: ReadErrorCode | 'file.missing' | 'file.folder' | 'file.denied' | 'file.unopenable';

  constructor(code: SheetReadError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

export const chunkBytes = 1024 * 1024;

/**
 * Reads a contact file from disk for the CLI commands: CSV, TSV, TXT or an .xlsx workbook, whatever the
 * extension says, with encoding, delimiter, header row (below any title lines) and a report's footer detected
 * (shared/codec/read-sheet.ts does the work; this adds the file).
 *
 * ```ts
 * const summary = await readSheetFile(path, { encoding, delimiter, sheet }, {
 *   onHeader: (header) => {},  // once, before any row: header.headers (distinct names), header.headerRow…
 *   onRow: (fields, line) => {}, // each data row; `line` = 1-based file line (CSV) or Excel row number
 *   onChunk: () => out.maybeFlush(), // awaited after each 1 MiB chunk: back-pressure
 * });
 * ```
 *
 * - onRow gets data only: title lines, the header, blank rows and a footer never reach it. Short rows are
 *   padded to the header's width (never shifted); `summary.ragged` lists the rows whose width differs.
 * - `fields` are slices of the read buffer: detach (shared/validate `detachString`) what you keep.
 * - A CSV streams in bounded memory (a million rows is fine); so does a workbook, read part by part where
 *   it lies in the file (shared/codec/xlsx-reader.ts). A detected UTF-8 file that turns out to be Windows-1252 after the sample is
 *   switched in place (`summary.encoding` tells), so rows are never handed over twice.
 * - An unreadable file throws `SheetReadError` (an `InputError`, exit 2) whose message starts with the path
 *   and whose `code` is a shared/codec `ReadErrorCode` or `file.missing|folder|denied|unopenable`. Errors
 *   thrown by the handlers pass through unchanged and stop the reading.
 */
export async function readSheetFile(
  path: string,
  options: SheetReadOptions,
  handlers: SheetHandlers,
  /** Where the bytes come from instead of the whole file in order (`listprep check` reads a part). */
  bytesOf?: (handle: FileHandle) => ByteSource,
): Promise<SheetSummary> {
  const handle = await openFile(path);
  let stream: ReturnType<FileHandle['createReadStream']> | null = null;
  try {
    // A workbook is read where its parts are (its table of contents is at the end), a block at a time: the
    // file is never held whole. A text file streams from the start.
    const kind = bytesOf ? 'text' : await kindOf(handle);
    let source: ByteSource | RandomAccessBytes;
    if (kind !== 'text') source = await randomAccess(handle);
    else if (bytesOf) source = bytesOf(handle);
    else source = stream = handle.createReadStream({ highWaterMark: chunkBytes });
    // Workbooks are inflated by Node's zlib; LISTPREP_INFLATER=fflate chooses fflate's (to compare).
    const inflater =
      process.env.LISTPREP_INFLATER === 'fflate'
        ? (await import('../shared/codec/inflaters')).fflateInflater
        : zlibInflater;
    const outcome = await readSheet(source, { fileName: basename(path), inflater, ...options }, handlers);
    if (!outcome.ok) throw fileError(path, outcome.error);
    return outcome.value;
  } finally {
    stream?.destroy();
    await handle.close().catch(() => {});
  }
}

/** What a file is from its first bytes (a zip, an old compound file, or text); the name is only a hint. */
export async function sniffFile(path: string): Promise<FileKind> {
  const handle = await openFile(path);
  try {
    return await kindOf(handle);
  } finally {
    await handle.close().catch(() => {});
  }
}

async function kindOf(handle: FileHandle): Promise<FileKind> {
  const head = new Uint8Array(sniffBytes);
  const { bytesRead } = await handle.read(head, 0, sniffBytes, 0);
  return sniffFileKind(head.subarray(0, bytesRead));
}

async function randomAccess(handle: FileHandle): Promise<RandomAccessBytes> {
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      const wanted = Math.max(0, Math.min(length, size - offset));
      const buffer = new Uint8Array(wanted);
      let filled = 0;
      while (filled < wanted) {
        const { bytesRead } = await handle.read(buffer, filled, wanted - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled === wanted ? buffer : buffer.subarray(0, filled);
    },
  };
}

/** The first `limit` data rows (default 20) and the summary, for `listprep preview`. */
export async function previewSheetFile(path: string, options: SheetReadOptions): Promise<SheetPreview> {
  const rows: string[][] = [];
  const lines: number[] = [];
  const summary = await readSheetFile(
    path,
    { ...options, limit: options.limit ?? defaultPreviewLimit },
    {
      onRow: (fields, line) => {
        rows.push(fields);
        lines.push(line);
      },
    },
  );
  return { ...summary, rows, lines };
}

/** Turns a shared read failure into the CLI's one-line error. */
export function fileError(path: string, failure: ReadFailure): SheetReadError {
  return new SheetReadError(failure.code, `${path}: ${failure.message}`);
}

/** Opens a file for reading, with the reasons people understand when it cannot be. */
export async function openFile(path: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SheetReadError('file.missing', `${path}: no such file`);
    if (code === 'EISDIR') throw new SheetReadError('file.folder', `${path}: is a folder, not a file`);
    if (code === 'EACCES' || code === 'EPERM')
      throw new SheetReadError('file.denied', `${path}: permission denied`);
    throw new SheetReadError('file.unopenable', `${path}: cannot be opened (${code ?? 'unknown error'})`);
  }
  if ((await handle.stat()).isDirectory()) {
    await handle.close();
    throw new SheetReadError('file.folder', `${path}: is a folder, not a file`);
  }
  return handle;
}
