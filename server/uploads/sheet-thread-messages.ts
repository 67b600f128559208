import type { ApiErrorCode } from '../../shared/api';

/** What the server's main thread tells a sheet-reading thread. */
export type ToThread =
  | Readonly<{ type: 'read'; id: number; name: string; keepRows: boolean }>
  | Readonly<{ type: 'chunk'; id: number; bytes: Uint8Array }>
  | Readonly<{ type: 'end'; id: number }>;

/** What a sheet-reading thread answers. */
export type FromThread =
  /** A chunk was taken by the reader: the next may come. */
  | Readonly<{ type: 'taken'; id: number }>
  | Readonly<{ type: 'rows'; id: number; rows: string[][] }>
  | Readonly<{ type: 'done'; id: number; format: 'csv' | 'xlsx'; headers: string[]; rowCount: number }>
  /** `code` when the file was refused (an ApiError), null for anything else. */
  | Readonly<{ type: 'failed'; id: number; code: ApiErrorCode | null; message: string }>;
