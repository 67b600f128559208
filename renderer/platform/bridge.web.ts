import type {
  Bridge,
  BridgeResult,
  JournalSummary,
  OpenedFile,
  RecentFile,
  SaveRequest,
} from '../../shared/bridge';
import { insecureServerSetting } from '../../shared/upload/transport-policy';
import { requestValue, transaction } from './idb';
import type { OpenedBlob } from './opened-blob';
import type { WorkerConnection } from '../worker/protocol';
import type { AppBridge } from './app-bridge';
import { createWebConnection } from './web-connection';
import { webProfiles } from './web-profiles';

// The Bridge in a plain browser: a file input to open, a download to save, IndexedDB for recent files and
// the journal, localStorage for saved mappings (web-profiles.ts), fetch for the import server (web-connection.ts, under the shared transport policy). The app
// runs unchanged here and in Electron.

type StoredFile = { handle: string; name: string; size: number; blob: Blob; openedAt: string };
type JournalRecord = { listId: string; name: string; at: string; entries: unknown[] };
type ListRecord = { listId: string; name: string; updatedAt: string; entries: number };

const maxRecent = 8;
const accept =
  '.csv,.tsv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function ok<T>(value: T): BridgeResult<T> {
  return { ok: true, value };
}

function fail<T>(code: string, error: unknown): BridgeResult<T> {
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code, message } };
}

function newHandle(): string {
  return `f${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

/** Shows the browser's file picker; null when the user cancels. */
function pickFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.addEventListener(
      'change',
      () => {
        // The bench measures "file chosen -> validated grid" from here.
        performance.mark('listprep:file-picked');
        resolve(input.files?.[0] ?? null);
      },
      { once: true },
    );
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}

/** Writes of remembered files still in progress, by handle: a reopen waits for its file's write. */
const pendingWrites = new Map<string, Promise<void>>();

/**
 * Keeps the file (as a Blob) so "recent files" and a restore after a crash can open it again. The write runs
 * beside the reading of the file instead of before it: a large file opens without waiting for the disk.
 */
function remember(file: File): string {
  const handle = newHandle();
  const record: StoredFile = {
    handle,
    name: file.name,
    size: file.size,
    blob: file,
    openedAt: new Date().toISOString(),
  };
  const write = transaction(['files'], 'readwrite', async (tx) => {
    const store = tx.objectStore('files');
    store.put(record);
    const all = (await requestValue(store.getAll())) as StoredFile[];
    all.sort((a, b) => b.openedAt.localeCompare(a.openedAt));
    for (const old of all.slice(maxRecent)) store.delete(old.handle);
  }).catch(() => {
    // Not kept (storage full or denied): the file still opens; "recent files" will not list it.
  });
  pendingWrites.set(handle, write);
  void write.then(() => pendingWrites.delete(handle));
  return handle;
}

/**
 * Opens a File the page already has (a drop, or one picked): remembered like a picked file, so it can be
 * reopened. Not read here: the worker reads it while it parses it.
 */
export function adoptFile(file: File): OpenedBlob {
  return { name: file.name, size: file.size, blob: file, handle: remember(file) };
}

/**
 * The lab server the local server was started with (LISTPREP_INSECURE_SERVER): it names it in the page, and
 * in the page's connect-src, which the browser enforces whatever this script believes.
 */
function insecureHttpTo(): readonly string[] {
  const meta = document.querySelector('meta[name="listprep-insecure-server"]');
  const setting = insecureServerSetting(meta?.getAttribute('content') ?? undefined);
  return setting.ok ? setting.value : [];
}

const connection = createWebConnection({
  fetch: (url, init) => fetch(url, init),
  insecureHttpTo: insecureHttpTo(),
});

const bridge = {
  platform: 'web',

  async openFile() {
    try {
      const file = await pickFile();
      if (!file) return ok(null);
      const { blob: _, ...opened } = adoptFile(file);
      return ok<OpenedFile>({ ...opened, bytes: new Uint8Array(await file.arrayBuffer()) });
    } catch (error) {
      return fail<OpenedFile | null>('file.open', error);
    }
  },

  async reopenFile(handle: string) {
    try {
      await pendingWrites.get(handle);
      const stored = await transaction(['files'], 'readonly', (tx) =>
        requestValue(tx.objectStore('files').get(handle) as IDBRequest<StoredFile | undefined>),
      );
      if (!stored)
        return fail<OpenedFile>('file.gone', new Error('This file is no longer kept by the browser.'));
      const bytes = new Uint8Array(await stored.blob.arrayBuffer());
      return ok<OpenedFile>({ name: stored.name, size: stored.size, bytes, handle });
    } catch (error) {
      return fail<OpenedFile>('file.open', error);
    }
  },

  async recentFiles() {
    try {
      const all = await transaction(['files'], 'readonly', (tx) =>
        requestValue(tx.objectStore('files').getAll() as IDBRequest<StoredFile[]>),
      );
      all.sort((a, b) => b.openedAt.localeCompare(a.openedAt));
      return ok<readonly RecentFile[]>(
        all.map((f) => ({ name: f.name, handle: f.handle, openedAt: f.openedAt })),
      );
    } catch (error) {
      return fail<readonly RecentFile[]>('recent.read', error);
    }
  },

  async forgetRecent(handle: string) {
    try {
      await pendingWrites.get(handle);
      await transaction(['files'], 'readwrite', async (tx) => {
        tx.objectStore('files').delete(handle);
      });
      return ok(undefined);
    } catch (error) {
      return fail<void>('recent.forget', error);
    }
  },

  async saveFile(request: SaveRequest) {
    try {
      const type =
        request.kind === 'xlsx'
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : request.kind === 'csv'
            ? 'text/csv'
            : 'application/json';
      const url = URL.createObjectURL(new Blob([request.bytes as Uint8Array<ArrayBuffer>], { type }));
      const link = document.createElement('a');
      link.href = url;
      link.download = request.suggestedName;
      document.body.append(link);
      link.click();
      link.remove();
      // The download has its own reference; give it a moment before letting go of the URL.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return ok({ savedAs: request.suggestedName });
    } catch (error) {
      return fail('file.save', error);
    }
  },

  journal: {
    async append(listId: string, name: string, entries: readonly unknown[]) {
      try {
        await transaction(['journal', 'lists'], 'readwrite', async (tx) => {
          const at = new Date().toISOString();
          const record: JournalRecord = { listId, name, at, entries: [...entries] };
          tx.objectStore('journal').add(record);
          const lists = tx.objectStore('lists');
          const current = (await requestValue(lists.get(listId))) as ListRecord | undefined;
          lists.put({ listId, name, updatedAt: at, entries: (current?.entries ?? 0) + entries.length });
        });
        return ok(undefined);
      } catch (error) {
        return fail<void>('journal.append', error);
      }
    },
    async read(listId: string) {
      try {
        const records = await transaction(['journal'], 'readonly', (tx) =>
          requestValue(
            tx.objectStore('journal').index('listId').getAll(listId) as IDBRequest<JournalRecord[]>,
          ),
        );
        // Records come back in key order, which is the order they were appended.
        return ok<readonly unknown[]>(records.flatMap((r) => r.entries));
      } catch (error) {
        return fail<readonly unknown[]>('journal.read', error);
      }
    },
    async list() {
      try {
        const lists = await transaction(['lists'], 'readonly', (tx) =>
          requestValue(tx.objectStore('lists').getAll() as IDBRequest<ListRecord[]>),
        );
        return ok<readonly JournalSummary[]>(
          lists.map((l) => ({ listId: l.listId, name: l.name, updatedAt: l.updatedAt, entries: l.entries })),
        );
      } catch (error) {
        return fail<readonly JournalSummary[]>('journal.list', error);
      }
    },
    async discard(listId: string) {
      try {
        await transaction(['journal', 'lists'], 'readwrite', async (tx) => {
          const keys = await requestValue(tx.objectStore('journal').index('listId').getAllKeys(listId));
          for (const key of keys) tx.objectStore('journal').delete(key);
          tx.objectStore('lists').delete(listId);
        });
        return ok(undefined);
      } catch (error) {
        return fail<void>('journal.discard', error);
      }
    },
  },

  profiles: webProfiles(localStorage),

  connection,
} satisfies Bridge;

/**
 * The worker sends the list's uploads itself with the key the page holds (same page, same memory, same
 * transport policy), so the rows never pass through the UI thread.
 */
function workerConnection(): WorkerConnection | null {
  const current = connection.forWorker();
  return current ? { kind: 'fetch', ...current, insecureHttpTo: insecureHttpTo() } : null;
}

/** The file picker, giving the File unread (see OpenedBlob): the app opens a list with this when present. */
async function openFileBlob(): Promise<BridgeResult<OpenedBlob | null>> {
  try {
    const file = await pickFile();
    return ok(file ? adoptFile(file) : null);
  } catch (error) {
    return fail<OpenedBlob | null>('file.open', error);
  }
}

/**
 * The browser Bridge, plus `adoptFile` and `openFileBlob`, which are not part of the contract: the app uses
 * them when present, so a dropped file is remembered (and can be reopened or restored) like a picked one, and
 * a list's file goes to the worker unread.
 */
export const webBridge = { ...bridge, adoptFile, openFileBlob, workerConnection } satisfies AppBridge;
