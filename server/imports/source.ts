import type { ImportRequest } from '../../shared/api';
import type { Sql } from '../db/database';
import { ApiError } from '../http/api-error';
import { readUpload } from '../uploads/read-upload';
import { openUpload } from '../uploads/upload-store';

/** The sheet an import reads, whichever way it came. Rows are padded to the headers' width. */
export type SourceTable = Readonly<{
  kind: 'rows' | 'upload';
  name: string;
  headers: readonly string[];
  rows: readonly (readonly string[])[];
}>;

export async function loadSource(
  sql: Sql,
  accountId: number,
  source: ImportRequest['source'],
): Promise<SourceTable> {
  if (source.kind === 'rows') {
    const width = source.headers.length;
    const rows = source.rows.map((row) =>
      row.length === width ? row : [...row, ...new Array<string>(width - row.length).fill('')],
    );
    return { kind: 'rows', name: source.name, headers: source.headers, rows };
  }
  const upload = await openUpload(sql, accountId, Number(source.uploadId));
  if (!upload) throw new ApiError('upload.notFound', `No upload ${source.uploadId} in this account.`);
  // Read part by part from the database as the codec parses, a turn of the event loop between pieces.
  const table = await readUpload(upload.chunks(), upload.name);
  return { kind: 'upload', name: upload.name, headers: table.headers, rows: table.rows };
}
