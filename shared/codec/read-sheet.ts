import { concatBytes } from './bytes';
import { CsvByteReader, type CsvFormat } from './csv-bytes';
import { ReadError, type ReadOutcome } from './errors';
import { compoundFileError, hasWorkbookName, sniffBytes, sniffFileKind } from './file-kind';
import type { SheetHandlers, SheetHeader, SheetPreview, SheetReadOptions, SheetSummary } from './sheet-types';
import { type TableHeader, TableShaper } from './table-shaper';
import { bytesOfChunks, type RandomAccessBytes } from './random-access';

/**
 * Bytes in chunks: `Blob.stream()` in a worker, a file stream in Node, or an array of chunks in tests. A
 * workbook's chunks are kept until it is read: a source must not reuse a chunk's memory for the next.
 */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

const noNotes = { 'xlsx.errorCell': 0, 'xlsx.noCachedValue': 0, 'xlsx.precision': 0 } as const;

/** Bytes read from the start in this size when a random-access source holds a CSV. */
const sequentialBytes = 1024 * 1024;

/** Rows shown by a preview unless a limit is given. */
export const defaultPreviewLimit = 20;

/**
 * Reads a CSV/TSV/text file or an .xlsx workbook from its bytes, whatever its name says: detects the kind,
 * the encoding, the delimiter, the header row below any titles, and a report's footer. Data rows stream to
 * `handlers.onRow`. A CSV streams in bounded memory. A workbook is read from its table of contents, at the
 * end of the zip: from a random-access source (a file on disk) it is read where needed, a block at a time;
 * chunks from a stream are kept as they come (the zip's packed bytes, never its unpacked text) and read the
 * same way. Never throws for a bad file: the outcome says why it could not be read. Errors thrown by the
 * handlers pass through.
 */
export async function readSheet(
  source: ByteSource | RandomAccessBytes,
  options: SheetReadOptions = {},
  handlers: SheetHandlers = {},
): Promise<ReadOutcome<SheetSummary>> {
  if (isRandomAccess(source)) return readRandomAccess(source, options, handlers);
  const iterator =
    Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  try {
    const head: Uint8Array[] = [];
    let headLength = 0;
    while (headLength < sniffBytes) {
      const next = await iterator.next();
      if (next.done) break;
      head.push(next.value);
      headLength += next.value.length;
    }
    if (headLength === 0) throw new ReadError('file.empty', 'the file is empty');
    const kind = sniffFileKind(concatBytes(head));
    if (kind === 'text') return { ok: true, value: await readCsv(head, iterator, options, handlers) };
    const chunks = await collect(head, iterator);
    if (kind === 'cfb') throw compoundFileError(concatBytes(chunks));
    return { ok: true, value: await readZip(bytesOfChunks(chunks), options, handlers) };
  } catch (error) {
    if (error instanceof ReadError) return { ok: false, error: error.toFailure() };
    throw error;
  } finally {
    // Stops the source early (a preview, an error): closes the file or cancels the Blob's stream.
    await iterator.return?.();
  }
}

function isRandomAccess(source: ByteSource | RandomAccessBytes): source is RandomAccessBytes {
  return (
    typeof (source as RandomAccessBytes).read === 'function' &&
    typeof (source as RandomAccessBytes).size === 'number'
  );
}

async function readRandomAccess(
  source: RandomAccessBytes,
  options: SheetReadOptions,
  handlers: SheetHandlers,
): Promise<ReadOutcome<SheetSummary>> {
  try {
    if (source.size === 0) throw new ReadError('file.empty', 'the file is empty');
    const kind = sniffFileKind(await source.read(0, sniffBytes));
    if (kind === 'zip') return { ok: true, value: await readZip(source, options, handlers) };
    if (kind === 'cfb') throw compoundFileError(await source.read(0, source.size));
    const iterator = blocksOf(source);
    const first = await iterator.next();
    return { ok: true, value: await readCsv(first.done ? [] : [first.value], iterator, options, handlers) };
  } catch (error) {
    if (error instanceof ReadError) return { ok: false, error: error.toFailure() };
    throw error;
  }
}

async function* blocksOf(source: RandomAccessBytes): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < source.size; offset += sequentialBytes) {
    const block = await source.read(offset, sequentialBytes);
    if (block.length === 0) return;
    yield block;
  }
}

async function readZip(
  bytes: RandomAccessBytes,
  options: SheetReadOptions,
  handlers: SheetHandlers,
): Promise<SheetSummary> {
  // The workbook reader (fflate) loads only when a workbook comes: a CSV never pays for it.
  const { readWorkbook } = await import('./xlsx-reader');
  return readWorkbook(bytes, options, handlers);
}

/** The first `limit` data rows and everything known about the file (for the Open screen and `listprep preview`). */
export async function previewSheet(
  source: ByteSource | RandomAccessBytes,
  options: SheetReadOptions = {},
): Promise<ReadOutcome<SheetPreview>> {
  const rows: string[][] = [];
  const lines: number[] = [];
  const outcome = await readSheet(
    source,
    { ...options, limit: options.limit ?? defaultPreviewLimit },
    {
      onRow: (fields, line) => {
        rows.push(fields);
        lines.push(line);
      },
    },
  );
  return outcome.ok ? { ok: true, value: { ...outcome.value, rows, lines } } : outcome;
}

type ChunkIterator = Iterator<Uint8Array> | AsyncIterator<Uint8Array>;

async function readCsv(
  head: Uint8Array[],
  iterator: ChunkIterator,
  options: SheetReadOptions,
  handlers: SheetHandlers,
): Promise<SheetSummary> {
  let header: SheetHeader | undefined;
  const shaper = new TableShaper(
    { limit: options.limit, headerRow: options.headerRow },
    {
      onHeader: (table) => {
        if (table.headers.length === 0)
          throw new ReadError('sheet.noRows', 'the file has no rows, only blank lines');
        header = csvHeader(table, reader.format!);
        handlers.onHeader?.(header);
      },
      onRow: handlers.onRow ?? (() => {}),
    },
  );
  const reader = new CsvByteReader(options, (fields, line) => shaper.add(fields, line));
  try {
    const position = () => ({
      atRowBoundary: reader.atRowBoundary && shaper.settled,
      line: reader.line,
      encoding: reader.format?.encoding ?? 'utf-8',
    });
    for (const chunk of head) reader.push(chunk);
    await handlers.onChunk?.(position());
    while (!shaper.done) {
      const next = await iterator.next();
      if (next.done) break;
      reader.push(next.value);
      await handlers.onChunk?.(position());
    }
    if (!shaper.done) reader.end();
  } catch (error) {
    // Text that fits no encoding, in a file named like a workbook: say what the name promised.
    if (
      error instanceof ReadError &&
      error.code === 'encoding.unknown' &&
      hasWorkbookName(options.fileName)
    ) {
      throw new ReadError(
        'xlsx.notWorkbook',
        'the file is named like an Excel workbook but is neither a workbook nor text (damaged, or another kind of file)',
      );
    }
    throw error;
  }
  const table = shaper.end();
  if (!header) throw new ReadError('sheet.noRows', 'the file has no rows, only blank lines');
  const unclosedQuotes = reader.unclosedQuoteLines;
  return {
    ...header,
    encoding: reader.format!.encoding,
    ...table,
    cellNotes: [],
    cellNoteCount: 0,
    cellNoteCounts: noNotes,
    merges: null,
    ...(unclosedQuotes.length ? { unclosedQuotes } : {}),
  };
}

function csvHeader(table: TableHeader, format: CsvFormat): SheetHeader {
  return {
    ...table,
    kind: 'csv',
    encoding: format.encoding,
    bom: format.bom,
    delimiter: format.delimiter,
    sheet: null,
    sheets: [],
  };
}

/** The rest of a zip's chunks as they come: the table of contents is at the end. */
async function collect(head: Uint8Array[], iterator: ChunkIterator): Promise<Uint8Array[]> {
  const chunks = [...head];
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    chunks.push(next.value);
  }
  return chunks;
}
