import { createHash } from 'node:crypto';
import type { Upload } from '../../shared/api';
import { concatBytes } from '../../shared/codec';
import type { Database } from '../db/database';
import { checkUpload } from './read-upload';
import { deleteParts, newUploadId, storePart, storeUpload } from './upload-store';

/** Bytes per stored part: a statement each, small enough for PGlite to write between other requests. */
const partBytes = 1024 * 1024;

/**
 * Receives an uploaded file as a stream: each piece is hashed, stored in parts of a megabyte and read by the
 * codec as it arrives, so the server never holds the file whole (a workbook aside, which the codec reads
 * whole). The upload exists once all of it is stored and read without error; otherwise its parts go.
 */
export async function receiveUpload(
  db: Database,
  upload: Readonly<{
    accountId: number;
    userId: number;
    name: string;
    /** The request body, limited to the route's size (http/body.ts). */
    body: AsyncIterable<Uint8Array>;
  }>,
): Promise<Upload> {
  const id = await newUploadId(db);
  const hash = createHash('sha256');
  let size = 0;
  let part = 0;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const bytes = concatBytes(pending);
    pending = [];
    pendingBytes = 0;
    await storePart(db, id, part++, bytes);
  };
  async function* received(): AsyncIterable<Uint8Array> {
    for await (const chunk of upload.body) {
      size += chunk.length;
      hash.update(chunk);
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= partBytes) await flush();
      yield chunk;
    }
    await flush();
  }
  try {
    // The reader reads to the end of the body (a CSV and a workbook alike), which stores the last part.
    const sheet = await checkUpload(received(), upload.name);
    return await storeUpload(db, {
      id,
      accountId: upload.accountId,
      userId: upload.userId,
      name: upload.name,
      format: sheet.format,
      size,
      sha256: hash.digest('hex'),
      headers: sheet.headers,
      rowCount: sheet.rowCount,
    });
  } catch (error) {
    await deleteParts(db, id).catch(() => {});
    throw error;
  }
}
