import type { OpenedFile } from '../../shared/bridge';

/**
 * A file the browser has chosen, not yet read: the worker reads its bytes while it parses them (see
 * worker/file-bytes.ts), so opening does not wait for the UI thread to copy the whole file first. Only the
 * browser bridge gives these (`openFileBlob`, `adoptFile`); Electron's files come as bytes.
 */
export type OpenedBlob = Readonly<{ name: string; size: number; blob: Blob; handle?: string }>;

/** What the app opens: bytes from the platform, or a browser File. */
export type FileToOpen = OpenedFile | OpenedBlob;
