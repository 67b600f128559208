import {
  type CsvDelimiter,
  CsvParser,
  detectDelimiter,
  detectEncoding,
  type TextEncoding,
} from '../../shared/codec';
import { CellTable } from './cell-table';
import { readXlsx } from './xlsx-reader';

// Thin adapter until shared/codec's chunk reader (issue 3) lands: the same decode -> parse loop as the CLI,
// writing into a CellTable and reporting progress per chunk so the worker can post it and take messages.

export type SourceKind = 'csv' | 'xlsx';

/** What the user may override on the Open screen; anything left out is detected. */
export type ReadOptions = Readonly<{ encoding?: TextEncoding; delimiter?: CsvDelimiter; sheet?: string }>;

/** How the file was read: shown on the Open screen, each one changeable. */
export type SourceFormat = Readonly<{
  kind: SourceKind;
  encoding: TextEncoding | null;
  delimiter: CsvDelimiter | null;
  sheets: readonly string[];
  sheet: string | null;
}>;

/** Called after each chunk with the rows read so far; awaiting it lets the worker post and listen. */
export type ReadProgress = (rows: number, fraction: number) => Promise<void>;

export class SourceError extends Error {
  constructor(
    readonly code: 'file.empty' | 'file.unreadable' | 'file.hostile',
    message: string,
  ) {
    super(message);
  }
}

const chunkBytes = 1 << 20;
const sampleChars = 64 * 1024;

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export async function readSource(
  bytes: Uint8Array,
  options: ReadOptions,
  progress: ReadProgress,
): Promise<{ table: CellTable; format: SourceFormat }> {
  if (bytes.length === 0) throw new SourceError('file.empty', 'The file is empty.');
  if (isZip(bytes)) return readXlsx(bytes, options.sheet, progress);
  let encoding: TextEncoding;
  try {
    encoding = options.encoding ?? detectEncoding(bytes.subarray(0, 64 * 1024)).encoding;
  } catch (error) {
    throw new SourceError('file.unreadable', (error as Error).message);
  }
  try {
    return await readCsv(bytes, encoding, options, progress);
  } catch (error) {
    if (error instanceof Utf8TurnedOutInvalid && !options.encoding) {
      return readCsv(bytes, 'windows-1252', options, progress);
    }
    throw error;
  }
}

class Utf8TurnedOutInvalid extends Error {}

async function readCsv(
  bytes: Uint8Array,
  encoding: TextEncoding,
  options: ReadOptions,
  progress: ReadProgress,
): Promise<{ table: CellTable; format: SourceFormat }> {
  // A user-chosen UTF-8 reads leniently (U+FFFD) instead of failing: they asked for it.
  const decoder = new TextDecoder(encoding, { fatal: !options.encoding && encoding === 'utf-8' });
  const table = new CellTable();
  let parser: CsvParser | undefined;
  let delimiter = options.delimiter;
  let pending = '';
  // While no decoded text has held U+001F, no cell can: rows go into the table without a per-cell check.
  let clean = true;
  const feed = (text: string, final: boolean) => {
    if (clean && text.indexOf('\u001f') >= 0) clean = false;
    if (!parser) {
      pending += text;
      if (pending.length < sampleChars && !final) return;
      delimiter ??= detectDelimiter(pending.slice(0, sampleChars));
      parser = new CsvParser({ delimiter }, (fields) => table.appendRow(fields, clean));
      text = pending;
      pending = '';
    }
    parser.push(text);
    if (final) parser.end();
  };
  try {
    for (let at = 0; at < bytes.length; at += chunkBytes) {
      let text: string;
      try {
        text = decoder.decode(bytes.subarray(at, at + chunkBytes), { stream: true });
      } catch {
        throw new Utf8TurnedOutInvalid();
      }
      feed(text, false);
      await progress(table.rowCount, Math.min(1, (at + chunkBytes) / bytes.length));
    }
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw new Utf8TurnedOutInvalid();
    }
    feed(tail, true);
  } catch (error) {
    if (error instanceof Utf8TurnedOutInvalid || error instanceof SourceError) throw error;
    // The parser refuses rows that never end and quotes that never close: not a contact list.
    throw new SourceError('file.hostile', (error as Error).message);
  }
  await progress(table.rowCount, 1);
  return {
    table,
    format: { kind: 'csv', encoding, delimiter: delimiter ?? ',', sheets: [], sheet: null },
  };
}
