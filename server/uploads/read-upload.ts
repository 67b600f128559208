import { apiLimits } from '../../shared/api';
import { readSheet } from '../../shared/codec';
import { ApiError } from '../http/api-error';

/** A file read into memory: its headers and data rows (each as wide as the headers). */
export type SheetTable = Readonly<{ format: 'csv' | 'xlsx'; headers: string[]; rows: string[][] }>;

/**
 * Reads an uploaded CSV or XLSX with the app's own reader (encodings, delimiters, titles above the header,
 * report footers), within the API's limits. A file that cannot be read is a 422 with the reader's reason.
 */
export async function readUpload(bytes: Uint8Array, name: string): Promise<SheetTable> {
  const rows: string[][] = [];
  const outcome = await readSheet(
    [bytes],
    { fileName: name },
    {
      onHeader: (header) => {
        if (header.headers.length > apiLimits.columns) {
          throw new ApiError(
            'source.unreadable',
            `The file has ${header.headers.length} columns; an import takes at most ${apiLimits.columns}.`,
          );
        }
      },
      onRow: (fields, line) => {
        if (rows.length >= apiLimits.rows) {
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
        rows.push(fields);
      },
    },
  );
  if (!outcome.ok)
    throw new ApiError('source.unreadable', `The file cannot be read: ${outcome.error.message}`);
  return { format: outcome.value.kind, headers: outcome.value.headers, rows };
}
