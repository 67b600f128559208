// Opening and saving files for the renderer. The main process only reads bytes and hands them over: it never
// parses a user's file (untrusted input is decoded in the renderer's worker). It reads only files the user
// picked (dialog, drop, recent list, the OS "open with"), and it never writes a file that was opened as a
// source: saves go to a path the user chose in a save dialog, written atomically.
import type { BigIntStats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import type { BridgeResult, OpenedFile, RecentFile, SaveOutcome, SaveRequest } from '../../shared/bridge';
import { writeFileAtomic } from '../../node-shared/atomic-write';
import { fileIdentity } from '../../node-shared/same-file';
import type { RecentFiles } from './recent-files';
import { fail, ok } from './result';

/** The native dialogs, passed in so this module runs in plain Node; `owner` is the asking window's id. */
export type FileDialogs = Readonly<{
  chooseFileToOpen(owner: number): Promise<string | null>;
  chooseSavePath(owner: number, defaultPath: string, kind: SaveRequest['kind']): Promise<string | null>;
}>;

export type FileServiceOptions = Readonly<{
  dialogs: FileDialogs;
  recent: RecentFiles;
  /** Where a save dialog starts when no file was opened yet (the user's documents folder). */
  documentsDir: string;
  /** Larger files are refused with a message rather than exhausting memory. */
  maxOpenBytes?: number;
  /** Told about every file opened, for the OS's own recent documents. */
  onOpened?: (path: string) => void;
}>;

export type FileService = Readonly<{
  open(owner: number): Promise<BridgeResult<OpenedFile | null>>;
  reopen(handle: string): Promise<BridgeResult<OpenedFile>>;
  recent(): Promise<BridgeResult<readonly RecentFile[]>>;
  /** Takes a file off the recent list (it failed to open); a path not on the list changes nothing. */
  forget(handle: string): Promise<BridgeResult<void>>;
  save(owner: number, request: SaveRequest): Promise<BridgeResult<SaveOutcome>>;
  /** Admits a file the user gave us outside a dialog (dropped, "open with", a second launch) to the recent list. */
  admit(path: string): Promise<BridgeResult<void>>;
}>;

/** Files a drop may admit: the kinds ListPrep opens. A forged drop cannot make us read anything else. */
export const listExtensions = ['.csv', '.tsv', '.txt', '.xlsx'];

const gib = 1024 ** 3;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

export function createFileService(options: FileServiceOptions): FileService {
  const { dialogs, recent, documentsDir, maxOpenBytes = gib, onOpened } = options;
  // Every file read as a source this session, by device and inode, so a save cannot hit it under another
  // name (a hard link, a symlink, different letter case on a case-insensitive disk).
  const sources = new Set<string>();

  async function read(path: string): Promise<BridgeResult<OpenedFile>> {
    let info: BigIntStats;
    try {
      info = await stat(path, { bigint: true });
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        return fail(
          'file.missing',
          `${basename(path)} is no longer where it was. It may have been moved or deleted.`,
        );
      }
      return fail('file.unreadable', `ListPrep cannot read ${basename(path)}. Check that you may open it.`);
    }
    // A FIFO or a device would block or never end; only regular files are lists.
    if (!info.isFile()) return fail('file.not-a-file', `${basename(path)} is not a file ListPrep can open.`);
    if (info.size > BigInt(maxOpenBytes)) {
      return fail(
        'file.too-large',
        `${basename(path)} is larger than ListPrep can open (${maxOpenBytes} bytes).`,
      );
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch {
      return fail('file.unreadable', `ListPrep cannot read ${basename(path)}. Check that you may open it.`);
    }
    const identity = await fileIdentity(path);
    if (identity) sources.add(identity);
    await recent.add(path);
    onOpened?.(path);
    return ok({
      name: basename(path),
      size: bytes.length,
      bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      handle: path,
    });
  }

  async function isSource(path: string): Promise<boolean> {
    const target = await fileIdentity(path);
    if (target === null) return false; // a new file cannot be a source
    if (sources.has(target)) return true;
    // Files opened in earlier sessions are sources too.
    for (const entry of await recent.list()) {
      if ((await fileIdentity(entry.path)) === target) return true;
    }
    return false;
  }

  return {
    async open(owner) {
      const path = await dialogs.chooseFileToOpen(owner);
      return path ? read(path) : ok(null);
    },

    async reopen(handle) {
      // The handle is a path, so only paths the user already chose are honoured.
      if (!(await recent.has(handle))) {
        return fail(
          'file.unknown',
          'That file is not in the recent files list. Open it again from its folder.',
        );
      }
      return read(handle);
    },

    async forget(handle) {
      await recent.remove(handle);
      return ok(undefined);
    },

    async recent() {
      const entries = await recent.list();
      return ok(entries.map((e) => ({ name: e.name, handle: e.path, openedAt: e.openedAt })));
    },

    async save(owner, request) {
      const last = (await recent.list())[0];
      const folder = last ? dirname(last.path) : documentsDir;
      const path = await dialogs.chooseSavePath(
        owner,
        join(folder, basename(request.suggestedName)),
        request.kind,
      );
      if (!path) return ok(null);
      if (await isSource(path)) {
        return fail(
          'save.source',
          `ListPrep never overwrites the file you opened (${basename(path)}). Choose another name for the cleaned list.`,
        );
      }
      try {
        await writeFileAtomic(path, request.bytes);
      } catch (error) {
        const code = errorCode(error);
        const why =
          code === 'EACCES' || code === 'EPERM' ? 'you may not write there' : 'the disk refused the write';
        return fail('save.failed', `ListPrep could not save ${basename(path)}: ${why}. Nothing was changed.`);
      }
      return ok({ savedAs: path });
    },

    async admit(path) {
      if (!isAbsolute(path) || !listExtensions.includes(extname(path).toLowerCase())) {
        return fail('file.kind', 'ListPrep opens CSV, TSV, TXT and XLSX files.');
      }
      const info = await stat(path).catch(() => null);
      if (!info?.isFile())
        return fail('file.not-a-file', `${basename(path)} is not a file ListPrep can open.`);
      await recent.add(path);
      return ok(undefined);
    },
  };
}
