import type { DateOrder } from '../../shared/fix';
import type { WorkerJournalEntry, ReadOptions } from '../../shared/list';
import type { TargetChoice } from '../../shared/template';

// What the app writes to the autosave journal (through the Bridge, as JSON). A list's journal starts with
// `open` (which file and how it was read), then the worker's entries (mapping, lookups, every change, undo,
// redo) in order, `dateOrder` entries (the user's day/month choices, which the UI thread keeps) and `ui`
// entries saying where the user was. Restoring replays them in order.

export type OpenEntry = Readonly<{
  t: 'open';
  name: string;
  size: number;
  /** How the platform reopens the file (a path, a browser-kept file id). */
  handle?: string;
  /** The file itself, for a file the platform cannot reopen (a drop in Electron). */
  base64?: string;
  options: ReadOptions;
  headerRow: number;
  /** The CRM the list is prepared for; journals written before there were targets are ClientTether's. */
  target?: TargetChoice;
}>;

export type UiScreen = 'map' | 'fix' | 'review' | 'upload';

/** Where the user was: the screen, the focused cell, and text typed into a cell editor not yet committed. */
export type UiEntry = Readonly<{
  t: 'ui';
  screen: UiScreen;
  focus?: Readonly<{ key: number; col: number }>;
  draft?: string;
}>;

/**
 * The user's day/month order for a date column the data could not decide, by template header. It lives on
 * the UI thread (fixes receive it as a setting), so the app journals it itself; the last choice wins.
 */
export type DateOrderEntry = Readonly<{ t: 'dateOrder'; header: string; order: DateOrder }>;

export type JournalEntry = OpenEntry | UiEntry | DateOrderEntry | WorkerJournalEntry;

const workerKinds = new Set(['map', 'lookups', 'op', 'undo', 'redo']);

export function isOpenEntry(entry: unknown): entry is OpenEntry {
  return typeof entry === 'object' && entry !== null && (entry as { t?: unknown }).t === 'open';
}

export function isUiEntry(entry: unknown): entry is UiEntry {
  return typeof entry === 'object' && entry !== null && (entry as { t?: unknown }).t === 'ui';
}

export function isDateOrderEntry(entry: unknown): entry is DateOrderEntry {
  if (typeof entry !== 'object' || entry === null) return false;
  const { t, header, order } = entry as { t?: unknown; header?: unknown; order?: unknown };
  return t === 'dateOrder' && typeof header === 'string' && (order === 'mdy' || order === 'dmy');
}

export function isWorkerEntry(entry: unknown): entry is WorkerJournalEntry {
  return typeof entry === 'object' && entry !== null && workerKinds.has(String((entry as { t?: unknown }).t));
}

/**
 * Splits a journal into what restoring needs: the open entry, the worker's entries, the date orders the
 * user chose (the last choice per column) and the last ui entry.
 */
export function planRestore(entries: readonly unknown[]): {
  open: OpenEntry;
  work: WorkerJournalEntry[];
  dateOrders: Record<string, DateOrder>;
  ui: UiEntry | null;
} | null {
  const open = entries.find(isOpenEntry);
  if (!open) return null;
  // A later `open` entry (the same list read again) starts over from there.
  const from = entries.lastIndexOf(entries.filter(isOpenEntry).at(-1));
  const rest = entries.slice(from + 1);
  const last = rest.filter(isUiEntry).at(-1) ?? null;
  const dateOrders: Record<string, DateOrder> = {};
  for (const entry of rest.filter(isDateOrderEntry)) dateOrders[entry.header] = entry.order;
  return { open: entries[from] as OpenEntry, work: rest.filter(isWorkerEntry), dateOrders, ui: last };
}
