import type { ByteSource } from '../../shared/codec';
import { readInThread } from './sheet-thread';

/** A file read into memory: its headers and data rows (each as wide as the headers). */
export type SheetTable = Readonly<{ format: 'csv' | 'xlsx'; headers: string[]; rows: string[][] }>;

/** What is known of a file once it has been read through, its rows not kept. */
export type SheetCheck = Readonly<{ format: 'csv' | 'xlsx'; headers: string[]; rowCount: number }>;

/** Every row of the file, for a dry run or an import (read in a sheet-reading thread). */
export async function readUpload(source: ByteSource, name: string): Promise<SheetTable> {
  const { format, headers, rows } = await readInThread(source, name, true);
  return { format, headers, rows };
}

/** Reads the file through to check it can be imported, keeping no row: what an upload does. */
export async function checkUpload(source: ByteSource, name: string): Promise<SheetCheck> {
  const { format, headers, rowCount } = await readInThread(source, name, false);
  return { format, headers, rowCount };
}
