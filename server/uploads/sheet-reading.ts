import { apiLimits, isStorableText } from '../../shared/api';
import { type ByteSource, readSheet, type SheetHeader } from '../../shared/codec';
import { ApiError } from '../http/api-error';

/** The reader gets the bytes in pieces this big, a turn of the event loop after each. */
const pieceBytes = 64 * 1024;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Bytes cut into pieces, so a part of a megabyte is never parsed in one go while other work waits. */
async function* inPieces(source: ByteSource): AsyncIterable<Uint8Array> {
  for await (const chunk of source) {
    for (let at = 0; at < chunk.length; at += pieceBytes) yield chunk.subarray(at, at + pieceBytes);
  }
}

function checkHeader(header: SheetHeader): void {
  // Before anything is done per column: the count alone refuses a sheet of 20,000 columns.
  if (header.headers.length > apiLimits.columns) {
    throw new ApiError(
      'source.unreadable',
      `The file has ${header.headers.length} columns; an import takes at most ${apiLimits.columns}.`,
    );
  }
  const bad = header.headers.findIndex((name) => !isStorableText(name));
  if (bad >= 0) {
    throw new ApiError(
      'source.unreadable',
      `The name of column ${bad + 1} holds a NUL character or half of a character (an unpaired surrogate), which cannot be stored; fix the header row.`,
    );
  }
}

/**
 * Reads an uploaded CSV or XLSX with the app's own reader (encodings, delimiters, titles above the header,
 * report footers), within the API's limits, as a stream: `onRow` sees each row once. A CSV is read in bounded
 * memory; a workbook as the codec reads workbooks. A file that cannot be read is a 422 with the reader's reason.
 */
export async function readRows(
  source: ByteSource,
  name: string,
  onRow: (fields: string[]) => void,
): Promise<{ format: 'csv' | 'xlsx'; headers: string[] }> {
  let count = 0;
  const outcome = await readSheet(
    inPieces(source),
    { fileName: name },
    {
      onHeader: checkHeader,
      onRow: (fields, line) => {
        if (++count > apiLimits.rows) {
          throw new ApiError('source.unreadable', `The file has more than ${apiLimits.rows} rows.`);
        }
        for (const cell of fields) {
          if (cell.length > apiLimits.cellChars) {
            throw new ApiError(
              'source.unreadable',
              `Line ${line} has a cell of ${cell.length} characters; a cell holds at most ${apiLimits.cellChars}.`,
            );
          }
        }
        onRow(fields);
      },
      onChunk: yieldToEventLoop,
    },
  );
  if (!outcome.ok)
    throw new ApiError('source.unreadable', `The file cannot be read: ${outcome.error.message}`);
  return { format: outcome.value.kind, headers: outcome.value.headers };
}
