// The autosave journal: one append-only file per unsaved list in the app's data folder. Each append is one
// line `<checksum> <json>\n` written and fsynced before the promise resolves, so an acknowledged edit survives
// a crash or a power cut. A process killed mid-write leaves at most one torn last line; reading stops at the
// first line that is incomplete or fails its checksum, so what comes back is always a prefix of what was
// appended, never garbage. The next append truncates such a tail first, so new lines never follow a torn one.
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalSummary } from '../../shared/bridge';
import { syncDirectory } from '../../node-shared/atomic-write';

/** List ids become file names, so they are restricted to a safe alphabet (no path separators, no dots). */
export const listIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

export type JournalStore = Readonly<{
  append(listId: string, name: string, entries: readonly unknown[]): Promise<void>;
  /** Every entry in order; an empty array when the list has no journal. */
  read(listId: string): Promise<unknown[]>;
  list(): Promise<JournalSummary[]>;
  discard(listId: string): Promise<void>;
}>;

type JournalRecord = { at: string; name: string; entries: unknown[] };

const newline = 0x0a;

function checksum(json: string): string {
  return createHash('sha256').update(json).digest('hex').slice(0, 16);
}

/** One journal line for a record. Throws when the entries are not JSON (a bug in the caller, reported). */
export function encodeRecord(record: JournalRecord): Buffer {
  const json = JSON.stringify(record);
  return Buffer.from(`${checksum(json)} ${json}\n`, 'utf8');
}

/** The records of a journal file up to the first damaged line, and how many bytes they take. */
export function decodeJournal(bytes: Uint8Array): { records: JournalRecord[]; validBytes: number } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: JournalRecord[] = [];
  let start = 0;
  while (start < buffer.length) {
    const end = buffer.indexOf(newline, start);
    if (end < 0) break; // a torn last line: no newline yet
    const record = decodeLine(buffer.toString('utf8', start, end));
    if (!record) break;
    records.push(record);
    start = end + 1;
  }
  return { records, validBytes: start };
}

function decodeLine(line: string): JournalRecord | null {
  const space = line.indexOf(' ');
  if (space !== 16) return null;
  const json = line.slice(space + 1);
  if (checksum(json) !== line.slice(0, space)) return null;
  try {
    const value = JSON.parse(json) as Partial<JournalRecord>;
    if (typeof value.at !== 'string' || typeof value.name !== 'string' || !Array.isArray(value.entries)) {
      return null;
    }
    return value as JournalRecord;
  } catch {
    return null;
  }
}

/** The part of an open file the journal writes through; tests pass one that writes slowly, in pieces. */
export type AppendHandle = Readonly<{
  write(bytes: Uint8Array): Promise<unknown>;
  datasync(): Promise<void>;
  close(): Promise<void>;
}>;

export type JournalOptions = Readonly<{
  dir: string;
  now?: () => Date;
  openForAppend?: (path: string) => Promise<AppendHandle>;
}>;

const openFileForAppend = (path: string): Promise<AppendHandle> => open(path, 'a', 0o600);

export function createJournalStore({
  dir,
  now = () => new Date(),
  openForAppend = openFileForAppend,
}: JournalOptions): JournalStore {
  const queues = new Map<string, Promise<unknown>>();
  const checkedTails = new Set<string>();

  const fileFor = (listId: string): string => {
    if (!listIdPattern.test(listId)) throw new Error(`invalid list id ${JSON.stringify(listId)}`);
    return join(dir, `${listId}.journal`);
  };

  // Appends and discards of one list run one after another; different lists proceed in parallel.
  const serial = <T>(listId: string, work: () => Promise<T>): Promise<T> => {
    const previous = queues.get(listId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => {});
    queues.set(listId, settled);
    void settled.then(() => {
      if (queues.get(listId) === settled) queues.delete(listId);
    });
    return next;
  };

  const readRecords = async (
    path: string,
  ): Promise<{ records: JournalRecord[]; validBytes: number; size: number }> => {
    try {
      const bytes = await readFile(path);
      return { ...decodeJournal(bytes), size: bytes.length };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], validBytes: 0, size: 0 };
      throw error;
    }
  };

  return {
    async append(listId, name, entries) {
      const path = fileFor(listId);
      const line = encodeRecord({ at: now().toISOString(), name, entries: [...entries] });
      return serial(listId, async () => {
        await mkdir(dir, { recursive: true });
        let size = -1;
        if (!checkedTails.has(listId)) {
          // Once per list per process: cut a tail a crash left behind, so the new line starts clean.
          const found = await readRecords(path);
          if (found.validBytes < found.size) await truncate(path, found.validBytes);
          size = found.validBytes;
          checkedTails.add(listId);
        }
        const handle = await openForAppend(path);
        try {
          await handle.write(line);
          await handle.datasync();
        } finally {
          await handle.close();
        }
        if (size === 0) await syncDirectory(dir);
      });
    },

    async read(listId) {
      const path = fileFor(listId);
      await queues.get(listId);
      const { records } = await readRecords(path);
      return records.flatMap((r) => r.entries);
    },

    async list() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const summaries: JournalSummary[] = [];
      for (const file of names) {
        const listId = file.endsWith('.journal') ? file.slice(0, -'.journal'.length) : '';
        if (!listIdPattern.test(listId)) continue;
        const { records } = await readRecords(join(dir, file));
        const last = records.at(-1);
        if (!last) continue;
        summaries.push({
          listId,
          name: last.name,
          updatedAt: last.at,
          entries: records.reduce((sum, r) => sum + r.entries.length, 0),
        });
      }
      return summaries.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },

    async discard(listId) {
      const path = fileFor(listId);
      return serial(listId, async () => {
        try {
          await unlink(path);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
        checkedTails.delete(listId);
        await syncDirectory(dir);
      });
    },
  };
}
