import { CsvByteReader, type CsvFormat, ReadError, type TextEncoding } from '../shared/codec';
import { fileError, openFile } from './read-sheet';

export type CsvReadOptions = Readonly<{ encoding?: TextEncoding; delimiter?: string }>;
export type { CsvFormat };

/** Rows are handed over one at a time; the file is never held in memory whole. */
export type RowSink = (fields: string[], line: number) => void;

const chunkBytes = 1024 * 1024;

/**
 * Streams every line of a CSV file into `sink` as raw fields (header and any title lines included), with
 * encoding and delimiter detected unless given. Prefer `readSheetFile` (read-sheet.ts), which also finds the
 * header row, names columns and drops footers. A UTF-8 guess that meets Windows-1252 bytes later is switched
 * in place, so `onRestart` is never called any more; it stays for callers written against the old contract.
 */
export async function streamCsvFile(
  path: string,
  options: CsvReadOptions,
  sink: RowSink,
  _onRestart: () => void = () => {},
  afterChunk: () => Promise<void> = async () => {},
): Promise<CsvFormat> {
  const handle = await openFile(path);
  const stream = handle.createReadStream({ highWaterMark: chunkBytes });
  const reader = new CsvByteReader(options, sink);
  try {
    for await (const chunk of stream) {
      reader.push(chunk as Uint8Array);
      await afterChunk();
    }
    return reader.end();
  } catch (error) {
    if (error instanceof ReadError) throw fileError(path, error.toFailure());
    throw error;
  } finally {
    stream.destroy();
    await handle.close().catch(() => {});
  }
}
