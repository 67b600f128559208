import { createHash } from 'node:crypto';
import type { Upload } from '../../shared/api';
import type { Sql } from '../db/database';
import type { SheetTable } from './read-upload';

type UploadRow = {
  id: number;
  name: string;
  format: 'csv' | 'xlsx';
  size: number;
  sha256: string;
  headers: string[];
  row_count: number;
  created_at: Date;
};

export async function storeUpload(
  sql: Sql,
  upload: { accountId: number; userId: number; name: string; bytes: Uint8Array; table: SheetTable },
): Promise<Upload> {
  const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
  const { rows } = await sql.query<UploadRow>(
    `INSERT INTO uploads (account_id, user_id, name, format, size, sha256, headers, row_count, bytes)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)
     RETURNING id, name, format, size, sha256, headers, row_count, created_at`,
    [
      upload.accountId,
      upload.userId,
      upload.name,
      upload.table.format,
      upload.bytes.length,
      sha256,
      JSON.stringify(upload.table.headers),
      upload.table.rows.length,
      upload.bytes,
    ],
  );
  return toUpload(rows[0]);
}

/** The file's bytes, only from the account it was uploaded to. */
export async function loadUploadBytes(
  sql: Sql,
  accountId: number,
  uploadId: number,
): Promise<{ name: string; bytes: Uint8Array } | null> {
  const { rows } = await sql.query<{ name: string; bytes: Uint8Array }>(
    'SELECT name, bytes FROM uploads WHERE id = $1 AND account_id = $2',
    [uploadId, accountId],
  );
  return rows[0] ?? null;
}

function toUpload(row: UploadRow): Upload {
  return {
    id: String(row.id),
    name: row.name,
    format: row.format,
    size: row.size,
    sha256: row.sha256,
    headers: row.headers,
    rowCount: row.row_count,
    createdAt: row.created_at.toISOString(),
  };
}
