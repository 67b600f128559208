import type { JournalSummary, RecentFile } from '../../shared/bridge';
import type { DateOrder } from '../../shared/fix';
import type { Lookups, TargetChoice, Template } from '../../shared/template';
import type { Locale } from '../../shared/validate';
import type { UiEntry } from '../journal/entries';
import type { SaveState } from '../journal/journal-writer';
import type { AccountCustomField, ColumnProposal, ColumnTarget } from '../../shared/mapping';
import type { ColumnInfo, DocStatus, OpenResult, ReadOptions } from '../../shared/list';

export type Screen = 'open' | 'map' | 'fix' | 'review' | 'upload';

export type BusyState = Readonly<{
  task: 'read' | 'validate' | 'restore' | 'export' | 'work';
  done: number;
  fraction: number;
}>;

/**
 * What a notice says: text as it came (an error's own words), or words looked up in the language shown, so
 * a notice switches language with the screen.
 */
export type Said = string | ((locale: Locale) => string);

/**
 * One message under the header. `version`: it is about the list at that version ("Changed 12 cells. Undo
 * with Ctrl+Z.") and goes away once the list changes again, when what it says is no longer true.
 */
export type Notice = Readonly<{ kind: 'error' | 'info'; text: Said; version?: number }>;

/** Everything the screens show. Replaced (never mutated) on each change, so React can compare slices. */
export type AppState = Readonly<{
  screen: Screen;
  locale: Locale;
  /** The CRM the list is prepared for (remembered; changing it re-reads the list for the new template). */
  target: TargetChoice;
  template: Template;
  /** The choices for the CRM's import (template.choices) and the CSV separator, said in the export's summary. */
  importChoices: Readonly<Record<string, string>>;
  csvDelimiter: string | null;
  busy: BusyState | null;
  /** The file is still being read while the Open and Map screens already show it. */
  reading: Readonly<{ done: number; fraction: number }> | null;
  file: Readonly<{ name: string; size: number; handle?: string }> | null;
  readOptions: ReadOptions;
  opened: OpenResult | null;
  proposals: readonly ColumnProposal[] | null;
  targets: readonly ColumnTarget[] | null;
  columns: readonly ColumnInfo[] | null;
  status: DocStatus | null;
  lookups: Lookups | null;
  /** The account's custom fields (from the server's lookups), which custom-field columns are checked as. */
  customFields: readonly AccountCustomField[];
  /** The user's day/month choice for undecided date columns, by template header. */
  dateOrders: Readonly<Record<string, DateOrder>>;
  save: SaveState;
  unsaved: readonly JournalSummary[];
  recent: readonly RecentFile[];
  notice: Notice | null;
  /** Where a restore left the user; the Fix screen focuses it once. */
  resumeAt: UiEntry | null;
}>;

/** Everything that belongs to one open list: cleared when another file is opened. */
export const noListOpen = {
  opened: null,
  proposals: null,
  targets: null,
  columns: null,
  status: null,
  lookups: null,
  customFields: [],
  dateOrders: {},
  save: 'idle',
  notice: null,
} as const satisfies Partial<AppState>;

export function initialState(locale: Locale, target: TargetChoice, template: Template): AppState {
  return {
    ...noListOpen,
    screen: 'open',
    locale,
    target,
    template,
    importChoices: {},
    csvDelimiter: null,
    busy: null,
    reading: null,
    file: null,
    readOptions: {},
    unsaved: [],
    recent: [],
    resumeAt: null,
  };
}
