import type { Upload } from '../../shared/api';
import type { Sql } from '../db/database';

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

/** A new upload's id, taken before its parts are stored (the upload row comes once the file is read). */
export async function newUploadId(sql: Sql): Promise<number> {
  const { rows } = await sql.query<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence('uploads', 'id')) AS id`,
  );
  return rows[0].id;
}

export async function storePart(sql: Sql, uploadId: number, part: number, bytes: Uint8Array): Promise<void> {
  await sql.query('INSERT INTO upload_parts (upload_id, part, bytes) VALUES ($1, $2, $3)', [
    uploadId,
    part,
    bytes,
  ]);
}

/** The parts of an upload that was not completed (unreadable, too large, or its request dropped). */
export async function deleteParts(sql: Sql, uploadId: number): Promise<void> {
  await sql.query('DELETE FROM upload_parts WHERE upload_id = $1', [uploadId]);
}

/** Parts whose upload never got its row: a server stopped while it received them. */
export async function deleteOrphanParts(sql: Sql): Promise<number> {
  const { rowCount } = await sql.query(
    `DELETE FROM upload_parts p WHERE p.created_at < now() - interval '1 hour'
        AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.id = p.upload_id)`,
  );
  return rowCount;
}

/** Makes a received and readable upload exist, once its parts are all stored. */
export async function storeUpload(
  sql: Sql,
  upload: {
    id: number;
    accountId: number;
    userId: number;
    name: string;
    format: 'csv' | 'xlsx';
    size: number;
    sha256: string;
    headers: readonly string[];
    rowCount: number;
  },
): Promise<Upload> {
  const { rows } = await sql.query<UploadRow>(
    `INSERT INTO uploads (id, account_id, user_id, name, format, size, sha256, headers, row_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)
     RETURNING id, name, format, size, sha256, headers, row_count, created_at`,
    [
      upload.id,
      upload.accountId,
      upload.userId,
      upload.name,
      upload.format,
      upload.size,
      upload.sha256,
      JSON.stringify(upload.headers),
      upload.rowCount,
    ],
  );
  return toUpload(rows[0]);
}

export type StoredUpload = Readonly<{
  name: string;
  format: 'csv' | 'xlsx';
  size: number;
  /** The file's bytes, a part at a time (one query per part): never the whole file in one piece. */
  chunks: () => AsyncIterable<Uint8Array>;
}>;

/** An upload of the account (never another's), to be read as a stream. */
export async function openUpload(
  sql: Sql,
  accountId: number,
  uploadId: number,
): Promise<StoredUpload | null> {
  const { rows } = await sql.query<{ name: string; format: 'csv' | 'xlsx'; size: number; inline: boolean }>(
    'SELECT name, format, size, bytes IS NOT NULL AS inline FROM uploads WHERE id = $1 AND account_id = $2',
    [uploadId, accountId],
  );
  const upload = rows[0];
  if (!upload) return null;
  return {
    name: upload.name,
    format: upload.format,
    size: upload.size,
    async *chunks() {
      // Uploads stored before parts existed keep their bytes in the upload row.
      if (upload.inline) {
        const { rows: whole } = await sql.query<{ bytes: Uint8Array }>(
          'SELECT bytes FROM uploads WHERE id = $1',
          [uploadId],
        );
        yield whole[0].bytes;
        return;
      }
      for (let part = 0; ; part++) {
        const { rows: found } = await sql.query<{ bytes: Uint8Array }>(
          'SELECT bytes FROM upload_parts WHERE upload_id = $1 AND part = $2',
          [uploadId, part],
        );
        if (!found[0]) return;
        yield found[0].bytes;
      }
    },
  };
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
