// A small promise wrapper over IndexedDB for the web bridge: recent files (as Blobs, which the browser keeps
// out of the page's memory) and the autosave journal.

export const dbName = 'listprep';
const dbVersion = 1;

export type StoreName = 'files' | 'journal' | 'lists';

let opening: Promise<IDBDatabase> | null = null;

export function openDatabase(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName, dbVersion);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('files', { keyPath: 'handle' });
      const journal = db.createObjectStore('journal', { autoIncrement: true });
      journal.createIndex('listId', 'listId');
      db.createObjectStore('lists', { keyPath: 'listId' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opening;
}

/**
 * Runs `work` in one transaction and resolves when it has committed. Journal writes ask for strict
 * durability: the promise resolves only once the browser has flushed the entry, so a crash right after an
 * acknowledged edit still finds it.
 */
export async function transaction<T>(
  stores: readonly StoreName[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T> | T,
): Promise<T> {
  const db = await openDatabase();
  const tx = db.transaction(stores as string[], mode, {
    durability: mode === 'readwrite' ? 'strict' : 'default',
  });
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
  const result = await work(tx);
  await done;
  return result;
}

export function requestValue<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
