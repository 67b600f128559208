import type { CsvDelimiter, TextEncoding } from '../codec';
import type { DeadEnd, FixSuggestion } from '../fix';
import type { ImportSummary } from '../export';
import type { Lookups, TargetChoice } from '../template';
import type { SheetFacts, UploadChoices } from '../upload';
import type { IssueCode, Locale, Severity } from '../validate';
import type { ColumnInfo, ColumnProposal, ColumnTarget, ColumnValues } from '../mapping';
import type { UploadTaskState } from './upload/list-upload';
import type { CellPosition, FindQuery } from './edit/find-replace';
import type { CellBlock, PasteOutcome, PasteTarget } from './edit/cell-blocks';
import type { MergePreview } from './duplicates/merge';
import type { FixExample, FixKindCount, FixScope, FixSettings } from './edit/fixes';
import type { Op, OpLabel } from './edit/ops';
import type { ViewSpec } from './view/row-view';
import type { ListBytes } from './read/list-bytes';
import type { ReadOptions, SourceFormat } from './read/source-reader';
import type { AccountCustomField } from '../mapping/custom-fields';

// The list engine's requests and answers. Everything but a `ListBytes` source is structured-clone data: the
// engine owns the cells, the validator and the history; whoever hosts it asks for what is on screen.

/** A problem on one cell, worded in the requested language. */
export type CellMark = Readonly<{ code: IssueCode; severity: Severity; message: string }>;

/** One grid row: stable key, the row number people see, values and problem marks by column. */
export type RowData = {
  key: number;
  n: number;
  v: string[];
  /** Null when the row has no problem. */
  p: (CellMark | null)[] | null;
};

/** A kind of problem on the Fix screen: a validator code, or a cell the import server rejected. */
export type ProblemCode = IssueCode | 'server.rejected';

export type ProblemCount = Readonly<{ col: number; code: ProblemCode; severity: Severity; count: number }>;

/** The validator's summary with the import server's rejected cells counted in (see ListProblems). */
export type ProblemSummary = Readonly<{
  rows: number;
  errors: number;
  warnings: number;
  /** Problem counts per column and kind, most frequent first. */
  byColumn: readonly ProblemCount[];
}>;

/** What the UI shows around the grid: counts, undo state. */
export type DocStatus = Readonly<{
  rowCount: number;
  summary: ProblemSummary;
  undoLabel: OpLabel | null;
  redoLabel: OpLabel | null;
  /** Bumped on every change; the Review screen and exports compare it. */
  version: number;
}>;

export type DocState = Readonly<{
  columns: readonly ColumnInfo[];
  status: DocStatus;
  entry: WorkerJournalEntry | null;
}>;

/** What the journal records for a change the worker made; replaying them in order rebuilds the list. */
export type WorkerJournalEntry =
  | Readonly<{ t: 'map'; targets: readonly ColumnTarget[] }>
  | Readonly<{ t: 'lookups'; lookups: Lookups; customFields?: readonly AccountCustomField[] }>
  | Readonly<{ t: 'op'; op: Op }>
  | Readonly<{ t: 'undo' }>
  | Readonly<{ t: 'redo' }>;

/** The answer to every change: new status, the rows to redraw (null: reload what is on screen). */
export type Change = Readonly<{
  status: DocStatus;
  rows: RowData[] | null;
  structural: boolean;
  entry: WorkerJournalEntry | null;
}>;

export type OpenResult = Readonly<{
  format: SourceFormat;
  /** The header's 1-based line (CSV) or row (Excel). */
  headerRow: number;
  /** The first 100 rows as they are in the file, title lines included: the header is chosen with a click. */
  preview: readonly (readonly string[])[];
  /** The line of each preview row. */
  lines: readonly number[];
  dataRows: number;
}>;

/**
 * What the Open and Map screens need before the whole file is read, sent once as soon as it is known (the
 * header, the first rows, the proposed mapping): the user can look and map while the rest is read.
 */
export type EarlyOpen = Readonly<{
  format: SourceFormat;
  headerRow: number;
  preview: readonly (readonly string[])[];
  lines: readonly number[];
  proposals: readonly ColumnProposal[];
}>;

export type CellIssue = Readonly<{
  code: IssueCode;
  value: string;
  severity: Severity;
  message: string;
  /** For duplicates: the first rows of its groups (1-based), not every row of a large group. */
  related: readonly number[];
  fix: FixSuggestion | null;
}>;

/** A change shown before it runs; `kinds`: how many cells each kind of fix changes in each column. */
export type Plan = Readonly<{
  token: number;
  count: number;
  examples: readonly FixExample[];
  kinds: readonly FixKindCount[];
}>;

export type DuplicateRow = Readonly<{
  key: number;
  n: number;
  name: string;
  email: string;
  phone: string;
  company: string;
}>;
export type DuplicateGroupInfo = Readonly<{ kind: 'email' | 'likely'; rows: readonly DuplicateRow[] }>;

export type ExportKind = 'workbook' | 'csv' | 'report';
/**
 * Which rows an export writes: all of them, only the rows without errors (the clean part of a split), or only
 * the rows with errors (the split's error report).
 */
export type ExportRows = 'all' | 'clean' | 'errors';
export type SplitCounts = Readonly<{ clean: number; errors: number }>;
/** For a merge: the row key whose value each column keeps, by column. */
export type MergeWinners = Readonly<Record<number, number>>;
export type ExportResult =
  | Readonly<{ ok: true; bytes: Uint8Array }>
  | Readonly<{ ok: false; reason: 'errors'; errors: number }>;

export type ViewRef = Readonly<{ spec: ViewSpec; revision: number }>;

/**
 * The list engine's whole API: every request, its parameters and its answer. The app's worker serves it to
 * the UI thread (renderer/worker/protocol.ts), tests and the bench call `ListSession.handlers` directly.
 */
export type ListApi = {
  /** The file's bytes whole, or as they arrive (a browser File read while it is parsed). */
  open: {
    req: { bytes: Uint8Array; options: ReadOptions } | { source: ListBytes; options: ReadOptions };
    res: OpenResult;
  };
  reread: { req: { options: ReadOptions }; res: OpenResult };
  setHeaderRow: { req: { row: number }; res: OpenResult };
  proposeMapping: { req: Record<string, never>; res: readonly ColumnProposal[] };
  /** Validates ahead with the proposed mapping (see Session.prepare); answers when done or stopped. */
  prepare: { req: Record<string, never>; res: null };
  applyMapping: { req: { targets: readonly ColumnTarget[] }; res: DocState };
  setLookups: {
    /** The account's ID lists and custom fields (journals written before custom fields have none). */
    req: { lookups: Lookups; customFields?: readonly AccountCustomField[] };
    res: Readonly<{ state: DocState | null; entry: WorkerJournalEntry }>;
  };
  rows: {
    req: { start: number; end: number; view: ViewRef; locale: Locale };
    res: { rows: RowData[]; total: number };
  };
  edit: { req: { key: number; col: number; value: string; locale: Locale }; res: Change };
  describeCell: {
    req: { key: number; col: number; locale: Locale; settings: FixSettings };
    res: readonly CellIssue[];
  };
  planFix: { req: { scope: FixScope; settings: FixSettings }; res: Plan };
  /** Columns whose values the template cannot hold even after every certain fix (a Norwegian list's phones). */
  deadEnds: { req: { settings: FixSettings }; res: readonly DeadEnd[] };
  /** What moving those values to the notes, or clearing them, would change: run it with `runPlan`. */
  planDeadEnd: { req: { col: number; action: 'notes' | 'clear'; settings: FixSettings }; res: Plan };
  /**
   * A source column's distinct values with counts, and the field's value each surely means: the Map screen's
   * value-mapping step for a choice, flag or ID field (`field` is the template header it is mapped to).
   */
  columnValues: { req: { column: number; field: string }; res: ColumnValues };
  planReplace: { req: { query: FindQuery; replacement: string }; res: Plan };
  runPlan: { req: { token: number; locale: Locale }; res: Change };
  undo: { req: { locale: Locale }; res: Change };
  redo: { req: { locale: Locale }; res: Change };
  insertRow: { req: { afterKey: number | null; locale: Locale }; res: Change & { key: number } };
  deleteRows: { req: { keys: readonly number[]; locale: Locale }; res: Change };
  /** A block as the clipboard text Excel and Sheets paste (Ctrl+C). */
  copyCells: { req: { view: ViewRef; block: CellBlock }; res: { text: string; cells: number } };
  /**
   * Clipboard text pasted at a selection (Ctrl+V), one undo step. A block that adds rows at the end of the
   * list or loses columns past the last needs `confirmed`: without it nothing changes and the answer says why.
   */
  pasteCells: {
    req: { view: ViewRef; text: string; target: PasteTarget; confirmed: boolean; locale: Locale };
    res: Change & { paste: PasteOutcome };
  };
  /** Empties a block (Delete; `cut` labels it as the second half of Ctrl+X). */
  clearCells: { req: { view: ViewRef; block: CellBlock; cut: boolean; locale: Locale }; res: Change };
  /** Ctrl+D: the block's top row into the rows below it; one row selected: the row above into it. */
  fillDown: { req: { view: ViewRef; block: CellBlock; locale: Locale }; res: Change };
  /** The fill handle: `to` filled by repeating `from`, a block at one of its edges. */
  fillCells: { req: { view: ViewRef; from: CellBlock; to: CellBlock; locale: Locale }; res: Change };
  emptyRunBelow: { req: { view: ViewRef; from: CellPosition }; res: number };
  find: {
    req: { query: FindQuery; view: ViewRef; from: CellPosition | null; direction: 1 | -1 };
    res: { at: CellPosition | null; count: number };
  };
  nextProblem: {
    req: {
      view: ViewRef;
      from: CellPosition | null;
      direction: 1 | -1;
      only?: Readonly<{ col: number; code: ProblemCode }>;
    };
    res: CellPosition | null;
  };
  locate: { req: { key: number; view: ViewRef }; res: number };
  duplicates: { req: Record<string, never>; res: readonly DuplicateGroupInfo[] };
  /** The merged record field by field before a merge: which value wins, which go to the notes. */
  previewMerge: {
    req: { keys: readonly number[]; keep: number; winners?: MergeWinners; locale: Locale };
    res: MergePreview;
  };
  resolveDuplicate: {
    req: {
      keys: readonly number[];
      action: 'keep' | 'merge' | 'notDuplicate';
      keep: number;
      /** For a merge: the row whose value each column keeps (the preview's defaults elsewhere). */
      winners?: MergeWinners;
      locale: Locale;
    };
    res: Change;
  };
  /** How the list splits: rows without errors (the template, the upload) and rows with (the error report). */
  splitCounts: { req: Record<string, never>; res: SplitCounts };
  export: {
    req: {
      kind: ExportKind;
      locale: Locale;
      settings: FixSettings;
      rows?: ExportRows;
      /** The CSV separator, among those the target's CRM takes (its first when absent). */
      delimiter?: string;
    };
    res: ExportResult;
  };
  /** What the export will tell the CRM's import: the choices made for it and the counts on the list. */
  importSummary: { req: { choices: Readonly<Record<string, string>>; locale: Locale }; res: ImportSummary };
  /**
   * The CRM the list is prepared for. With a file open, it is read again for the new template: the mapping
   * is proposed anew and the list validated by the new rules once it is confirmed.
   */
  setTarget: { req: { target: TargetChoice }; res: OpenResult | null };
  replay: { req: { entries: readonly WorkerJournalEntry[] }; res: DocState };
  status: { req: Record<string, never>; res: DocStatus };
  /** The open file's bytes as base64, for the journal of a file the platform cannot reopen by handle. */
  sourceBase64: { req: Record<string, never>; res: string };
  /** What the options screen says about the rows before the server is asked, for the list as it is now. */
  uploadFacts: {
    req: { rows?: 'all' | 'clean' };
    res: Readonly<{ version: number; facts: SheetFacts }>;
  };
  /**
   * Dry-runs the list as it is now, in the background (the list stays editable): the answer comes as an upload
   * state (ListSession's host is told), the rejected cells with `showServerProblems`.
   */
  uploadDryRun: {
    /** `rows: 'clean'` sends only the rows without errors (the rest go to an error report). */
    req: { accountId: string; choices: UploadChoices; name: string; rows?: 'all' | 'clean' };
    res: UploadTaskState;
  };
  /** Imports the rows of the last dry run, in the background; false without a current dry run. */
  uploadImport: {
    req: { choices: UploadChoices; idempotencyKey: string; name: string };
    res: Readonly<{ started: boolean; state: UploadTaskState }>;
  };
  /** Stops waiting for the server (acted on as it arrives, see ListSession.interrupt). */
  uploadCancel: { req: Record<string, never>; res: UploadTaskState };
  /** Tries the server again now instead of at the end of the wait (acted on as it arrives). */
  uploadRetryNow: { req: Record<string, never>; res: UploadTaskState };
  /** Back to the options after a finished import. */
  uploadReset: { req: Record<string, never>; res: UploadTaskState };
  uploadState: { req: Record<string, never>; res: UploadTaskState };
  /** Puts the import server's findings of its last answer on the grid (none: clears them). */
  showServerProblems: { req: { locale: Locale }; res: Change & { markedRows: number } };
  /** The row key of a row of the last upload (the server's row numbers), to show it on the grid. */
  uploadRowKey: { req: { row: number }; res: number | null };
};

export type ListRequest = keyof ListApi;

export type { ColumnInfo, CsvDelimiter, TextEncoding };
