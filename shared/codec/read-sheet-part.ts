import { CsvByteReader } from './csv-bytes';
import type { TextEncoding } from './encoding';
import { ReadError, type ReadOutcome } from './errors';
import type { ByteSource } from './read-sheet';
import { type TableSummary, TableShaper } from './table-shaper';

/** How the start of the file was read: what a later stretch needs to read the same way. */
export type SheetPart = Readonly<{
  encoding: TextEncoding;
  delimiter: string;
  /** The table's columns (`headers.length`) and the header row's own cells (`headerCells`). */
  columns: number;
  headerCells: number;
  maxRowLength?: number;
}>;

export type SheetPartSummary = TableSummary &
  Readonly<{
    /** Physical lines read (the next stretch starts that many lines further down). */
    lines: number;
    /** The stretch ended exactly at a row's end with nothing held back (see `ReadPosition`). */
    atRowBoundary: boolean;
  }>;

export type SheetPartHandlers = Readonly<{
  onRow: (fields: string[], line: number) => void;
  onChunk?: () => void | Promise<void>;
}>;

/**
 * Reads a later stretch of a CSV file whose start (and header) was read elsewhere: the bytes must start at a
 * row boundary, and they are decoded and split exactly as `readSheet` would have continued, without any
 * sniffing. Lines are counted from 1 within the stretch. Encoding problems fail instead of switching the
 * encoding (that decision belongs to the whole file): the caller then reads the file in one go.
 */
export async function readSheetPart(
  source: ByteSource,
  part: SheetPart,
  handlers: SheetPartHandlers,
): Promise<ReadOutcome<SheetPartSummary>> {
  const shaper = new TableShaper(
    { continues: { columns: part.columns, headerCells: part.headerCells } },
    { onHeader: () => {}, onRow: handlers.onRow },
  );
  const reader = new CsvByteReader(
    {
      encoding: part.encoding,
      delimiter: part.delimiter,
      maxRowLength: part.maxRowLength,
      continuation: true,
    },
    (fields, line) => shaper.add(fields, line),
  );
  try {
    for await (const chunk of source) {
      reader.push(chunk);
      await handlers.onChunk?.();
    }
    reader.settle();
    const atRowBoundary = reader.atRowBoundary && shaper.settled;
    reader.end();
    const table = shaper.end();
    return { ok: true, value: { ...table, lines: reader.line - 1, atRowBoundary } };
  } catch (error) {
    if (error instanceof ReadError) return { ok: false, error: error.toFailure() };
    throw error;
  }
}
