import { type Lookups, type Template, templateFor } from '../template';
import type { Transport } from '../upload/transport';
import { loadTemplateSupport, type Locale } from '../validate';
import type { ColumnProposal, ColumnTarget } from '../mapping';
import { ServerMarks } from './problems/server-marks';
import { ListUpload, type Timers, type UploadTaskState } from './upload/list-upload';
import { documentRows, type UploadRequest, uploadRequestOf } from './upload/upload-request';
import { AheadValidation } from './read/ahead-validation';
import { toBase64 } from './read/base64';
import type { CellTable } from './sheet/cell-table';
import { describeCellIssues } from './problems/cell-issues';
import { columnInfo } from '../mapping/column-info';
import { duplicateGroupsInfo } from './duplicates/duplicate-rows';
import { planKeep, planNotDuplicate } from './duplicates/duplicates';
import { planMerge, previewMerge } from './duplicates/merge';
import { splitRows } from './export/split-rows';
import { clearBlockOp, copyBlock, fillBlockOp, fillDownBlocks, planPaste } from './edit/cell-blocks';
import { resolveChoices } from '../export/import-summary';
import { exportList, importSummaryOf } from './export/export-files';
import { ListBytes } from './read/list-bytes';
import { type FileRead, openResultOf, readFile } from './read/file-read';
import { countMatches, emptyRunBelow, findNext, planReplace } from './edit/find-replace';
import { planFix } from './edit/fixes';
import { documentDeadEnds, planDeadEnd } from './edit/dead-ends';
import { distinctValues } from '../mapping/value-map';
import { History } from './edit/history';
import { IntList } from './sheet/int-list';
import { ListProblems } from './problems/list-problems';
import { findNextProblem } from './problems/next-problem';
import type { Effect, Op } from './edit/ops';
import { PlanStore } from './edit/plan-store';
import type {
  Change,
  ColumnInfo,
  DocState,
  DocStatus,
  OpenResult,
  RowData,
  ViewRef,
  ListApi,
  WorkerJournalEntry,
} from './protocol';
import { rowDataOf } from './problems/row-data';
import { deleteRowsOp, editOp, insertRowOp } from './edit/row-ops';
import { type RowView, ViewCache } from './view/row-view';
import { type ProgressSink, SessionError } from './session-errors';
import type { AccountCustomField } from '../mapping/custom-fields';
import { SheetDocument } from './sheet/sheet-document';
import type { ReadOptions } from './read/source-reader';

/** What the host of the engine provides: timers (shared/ uses no platform global) and where to tell upload news. */
export type ListHost = Readonly<{
  timers?: Timers;
  /** Told of every change of the upload's state (the worker posts it to the UI thread). */
  onUpload?: (state: UploadTaskState) => void;
}>;

// Where a host gives none (tests, the CLI): the runtime's own, which every platform shared/ runs on has.
const defaultTimers: Timers = {
  set: (run, ms) => (globalThis as unknown as TimerGlobals).setTimeout(run, ms),
  clear: (handle) => (globalThis as unknown as TimerGlobals).clearTimeout(handle),
};
type TimerGlobals = {
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

/** Rows sent back with a change; beyond this the UI reloads what it shows instead. */
const maxRowsPerChange = 300;

type Handlers = {
  [K in keyof ListApi]: (params: ListApi[K]['req'], progress: ProgressSink) => Promise<ListApi[K]['res']>;
};

/**
 * Everything the worker holds for one open list: the file's bytes, its cells, the document with its
 * validator, the history and the current views. Pure TypeScript, so the same code runs in the worker,
 * in unit tests and in the Node baseline of the bench. `handlers` is the whole API (worker/protocol.ts);
 * the work itself is in the modules beside this one.
 */
export class ListSession {
  private bytes: ListBytes | null = null;
  /** The file as read now (table row 0: the headers). */
  private file: FileRead | null = null;
  private options: ReadOptions = {};
  /** Table rows of the data, in file order. */
  private rows: IntList = new IntList();
  private targets: readonly ColumnTarget[] = [];
  private lookups: Lookups | undefined;
  private customFields: readonly AccountCustomField[] = [];
  private doc: SheetDocument | null = null;
  private history = new History();
  private readonly views = new ViewCache();
  private readonly plans = new PlanStore();
  private version = 0;
  private readonly serverMarks = new ServerMarks();
  private readonly ahead = new AheadValidation();
  private reading: { cancelled: boolean } | null = null;

  private readonly upload: ListUpload;

  constructor(
    private template: Template,
    host: ListHost = {},
  ) {
    this.upload = new ListUpload(host.timers ?? defaultTimers, host.onUpload ?? (() => {}));
  }

  /** The list as an upload sends it now (for a host that sends it itself, and the parity test). */
  uploadRequest(): UploadRequest {
    return uploadRequestOf(documentRows(this.requireDoc()), this.version);
  }

  /** Where uploads go: the host builds the transport (a port to Electron's main process, or fetch). */
  sendThrough(transport: Transport | null): void {
    this.upload.sendThrough(transport);
  }

  readonly handlers: Handlers = {
    open: async (params, progress) => {
      // Bytes come whole (Electron, the CLI, tests) or as they arrive (the browser's File, see ListBytes).
      this.bytes = 'source' in params ? params.source : ListBytes.of(params.bytes);
      return this.read(params.options, progress);
    },
    reread: async ({ options }, progress) => this.read(options, progress),
    setHeaderRow: async ({ row }, progress) => this.read({ ...this.options, headerRow: row }, progress),
    proposeMapping: async () => this.proposals(),
    prepare: async (_, progress) => {
      await this.prepare(progress);
      return null;
    },
    applyMapping: async ({ targets }, progress) => {
      const ready = this.ahead.take(targets);
      this.targets = targets;
      // The user confirmed the mapping the worker had already validated while they looked at it.
      if (!this.doc && ready) this.adopt(ready, true);
      else await this.rebuild(progress, true);
      return { ...this.docState(), entry: { t: 'map', targets } };
    },
    setLookups: async ({ lookups, customFields = [] }, progress) => {
      this.lookups = lookups;
      this.customFields = customFields;
      const entry: WorkerJournalEntry = { t: 'lookups', lookups, customFields };
      // A list validated ahead without these lists would judge ID and custom-field columns wrongly.
      this.ahead.clear();
      if (!this.doc) return { state: null, entry };
      await this.rebuild(progress, false);
      return { state: { ...this.docState(), entry: null }, entry };
    },
    rows: async ({ start, end, view, locale }) => {
      const rows = this.view(view);
      const out: RowData[] = [];
      for (let i = start; i < Math.min(end, rows.length); i++) out.push(this.rowData(rows.keyAt(i), locale));
      return { rows: out, total: rows.length };
    },
    edit: async ({ key, col, value, locale }) => this.run(editOp(this.requireDoc(), key, col, value), locale),
    describeCell: async ({ key, col, locale, settings }) =>
      describeCellIssues(this.requireDoc(), this.serverMarks, key, col, locale, settings),
    planFix: async ({ scope, settings }) => {
      const plan = planFix(this.requireDoc(), scope, settings);
      return this.plans.keep(plan.op, plan.count, plan.examples, plan.kinds);
    },
    deadEnds: async ({ settings }) => documentDeadEnds(this.requireDoc(), settings),
    planDeadEnd: async ({ col, action, settings }) => {
      const plan = planDeadEnd(this.requireDoc(), col, action, settings);
      return this.plans.keep(plan.op, plan.count, plan.examples, plan.kinds);
    },
    columnValues: async ({ column, field }) => {
      const table = this.requireTable();
      const def = this.template.fields.find((f) => f.header === field);
      // The Map screen asks only for the template's fields: another name is a fault of the caller's.
      if (!def) throw new Error(`No field ${field} in the template.`);
      const rows = this.rows;
      function* values(): Iterable<string> {
        for (let i = 0; i < rows.length; i++) yield table.get(rows.get(i), column);
      }
      return distinctValues(def, values(), this.lookups, this.template);
    },
    planReplace: async ({ query, replacement }) => {
      const op = planReplace(this.requireDoc(), query, replacement);
      const examples =
        op?.keys
          .slice(0, 12)
          .map((key, i) => ({ key, col: op.cols[i], before: op.before[i], after: op.after[i] })) ?? [];
      return this.plans.keep(op, op?.keys.length ?? 0, examples);
    },
    runPlan: async ({ token, locale }) => {
      const op = this.plans.get(token);
      if (!op) throw new SessionError('plan.stale', 'The list changed since this preview. Preview it again.');
      return this.run(op, locale);
    },
    undo: async ({ locale }) => this.step('undo', locale),
    redo: async ({ locale }) => this.step('redo', locale),
    insertRow: async ({ afterKey, locale }) => {
      const op = insertRowOp(this.requireDoc(), afterKey);
      return { ...this.run(op, locale), key: op.keys[0] };
    },
    deleteRows: async ({ keys, locale }) => this.run(deleteRowsOp(this.requireDoc(), keys), locale),
    copyCells: async ({ view, block }) => copyBlock(this.requireDoc(), this.view(view), block),
    pasteCells: async ({ view, text, target, confirmed, locale }) => {
      const { op, outcome } = planPaste(this.requireDoc(), this.view(view), text, target, confirmed);
      return { ...(op ? this.run(op, locale) : this.noChange()), paste: outcome };
    },
    clearCells: async ({ view, block, cut, locale }) => {
      const op = clearBlockOp(this.requireDoc(), this.view(view), block, cut ? 'cut' : 'clear');
      return op ? this.run(op, locale) : this.noChange();
    },
    fillDown: async ({ view, block, locale }) => {
      const blocks = fillDownBlocks(block);
      const op =
        blocks && fillBlockOp(this.requireDoc(), this.view(view), blocks.from, blocks.to, 'fillDown');
      return op ? this.run(op, locale) : this.noChange();
    },
    fillCells: async ({ view, from, to, locale }) => {
      const op = fillBlockOp(this.requireDoc(), this.view(view), from, to, 'fill');
      return op ? this.run(op, locale) : this.noChange();
    },
    emptyRunBelow: async ({ view, from }) => emptyRunBelow(this.requireDoc(), this.view(view), from),
    find: async ({ query, view, from, direction }) => {
      const doc = this.requireDoc();
      return { at: findNext(doc, this.view(view), query, from, direction), count: countMatches(doc, query) };
    },
    nextProblem: async ({ view, from, direction, only }) =>
      findNextProblem(
        this.view(view),
        this.problems(),
        this.requireDoc().columns.length,
        from,
        direction,
        only,
      ),
    locate: async ({ key, view }) => this.view(view).indexOfKey(key),
    duplicates: async () => duplicateGroupsInfo(this.requireDoc()),
    previewMerge: async ({ keys, keep, winners, locale }) =>
      previewMerge(this.requireDoc(), keys, keep, winners, locale),
    resolveDuplicate: async ({ keys, action, keep, winners, locale }) => {
      const doc = this.requireDoc();
      const op =
        action === 'keep'
          ? planKeep(doc, keys, keep)
          : action === 'merge'
            ? planMerge(doc, keys, keep, winners, locale)
            : planNotDuplicate(keys);
      return this.run(op, locale);
    },
    splitCounts: async () => {
      const split = splitRows(this.requireDoc(), this.problems());
      return { clean: split.clean.length, errors: split.errors.length };
    },
    // The same error count the Review screen shows, cells the import server rejected included. A split's
    // clean rows have none by construction; its report holds the rows with errors only.
    export: async ({ kind, locale, settings, rows = 'all', delimiter }) => {
      const doc = this.requireDoc();
      if (rows === 'all')
        return exportList(
          doc,
          kind,
          locale,
          settings,
          this.problems().summary().errors,
          undefined,
          delimiter,
        );
      const split = splitRows(doc, this.problems());
      return exportList(
        doc,
        kind,
        locale,
        settings,
        0,
        rows === 'clean' ? split.clean : split.errors,
        delimiter,
      );
    },
    importSummary: async ({ choices, locale }) => {
      const template = this.requireDoc().template;
      const resolved = resolveChoices(template, choices);
      if (!resolved.ok) throw new SessionError('choice.unknown', resolved.reason);
      return importSummaryOf(this.requireDoc(), resolved.choices, locale);
    },
    setTarget: async ({ target }, progress) => {
      const template = templateFor(target);
      if (!template) throw new SessionError('target.unknown', `No target ${target.id}.`);
      // What the template's rules need (libphonenumber-js for international phones) loads before any row.
      await loadTemplateSupport(template);
      this.template = template;
      this.targets = [];
      if (!this.bytes) return null;
      return this.read(this.options, progress);
    },
    replay: async ({ entries }, progress) => {
      for (const entry of entries) await this.replayEntry(entry, progress);
      return { ...this.docState(), entry: null };
    },
    status: async () => this.status(),
    sourceBase64: async () => {
      if (!this.bytes) throw new SessionError('file.none', 'No file is open.');
      return toBase64(await this.bytes.all());
    },
    uploadFacts: async ({ rows }) => ({
      version: this.version,
      facts: uploadRequestOf(this.rowsToSend(rows), this.version).facts,
    }),
    uploadDryRun: async ({ accountId, choices, name, rows }) => {
      this.upload.dryRun(uploadRequestOf(this.rowsToSend(rows), this.version), accountId, choices, name);
      return this.upload.current;
    },
    uploadImport: async ({ choices, idempotencyKey, name }) => ({
      started: this.upload.startImport(choices, idempotencyKey, name, this.version),
      state: this.upload.current,
    }),
    uploadCancel: async () => this.upload.current,
    uploadRetryNow: async () => this.upload.current,
    uploadReset: async () => {
      this.upload.resetRun();
      return this.upload.current;
    },
    uploadState: async () => this.upload.current,
    uploadRowKey: async ({ row }) => this.upload.keyOfRow(row),
    showServerProblems: async () => {
      const problems = this.upload.serverProblems();
      this.requireDoc();
      this.serverMarks.set(problems);
      // A "problems only" view built before must take in (or let go of) the rejected rows.
      this.views.clear();
      return {
        status: this.status(),
        rows: null,
        structural: false,
        entry: null,
        markedRows: this.serverMarks.rowCount,
      };
    },
  };

  /**
   * Called as each request arrives, before it waits its turn: stops work the request makes useless (a read
   * of a file no longer wanted, a validation ahead with a mapping no longer proposed).
   */
  interrupt(type: keyof ListApi, params: unknown): void {
    // Another file or another way to read this one: the read in progress is of no use any more.
    if (this.reading && (type === 'open' || type === 'reread' || type === 'setHeaderRow')) {
      this.reading.cancelled = true;
    }
    this.ahead.interrupt(type, params);
    // Waiting for the server never holds the queue: these act as they arrive.
    if (type === 'uploadCancel') this.upload.cancel();
    if (type === 'uploadRetryNow') this.upload.retryNow();
  }

  // --- reading ---------------------------------------------------------------------------------------

  private async read(options: ReadOptions, progress: ProgressSink): Promise<OpenResult> {
    if (!this.bytes) throw new SessionError('file.none', 'No file is open.');
    this.resetDocument();
    this.file = null;
    this.lookups = undefined;
    this.customFields = [];
    const attempt = { cancelled: false };
    this.reading = attempt;
    const file = await readFile(this.template, this.bytes, options, attempt, progress);
    if (this.reading === attempt) this.reading = null;
    this.file = file;
    this.options = options;
    this.rows = IntList.range(file.table.rowCount);
    this.rows.removeAt(0);
    // The rows validated while reading, with the proposed mapping: confirming it needs no second pass.
    const proposed = file.proposals.map((p) => p.target);
    if (file.validated) this.ahead.keep(proposed, file.validated);
    return openResultOf(file);
  }

  /** The mapping proposal for the file as read now (made once per read). */
  private proposals(): readonly ColumnProposal[] {
    const file = this.file;
    if (!file) throw new SessionError('file.none', 'No file is open.');
    return file.proposals;
  }

  private resetDocument(): void {
    this.doc = null;
    this.upload.forgetList();
    this.ahead.clear();
    this.serverMarks.clear();
    this.history = new History();
    this.plans.clear();
    this.views.clear();
  }

  // --- the document --------------------------------------------------------------------------------

  /**
   * Validates the list with the proposed mapping while the user is still on the Open and Map screens, so
   * that confirming an unchanged mapping shows the grid at once (see AheadValidation).
   */
  private async prepare(progress: ProgressSink): Promise<void> {
    if (this.doc || !this.file) return;
    const table = this.file.table;
    const targets = this.proposals().map((p) => p.target);
    await this.ahead.run(targets, progress, (built) =>
      SheetDocument.build({
        template: this.template,
        table,
        headerRow: 0,
        targets,
        rawOf: IntList.from(this.rows.toInt32Array()),
        order: IntList.range(this.rows.length),
        lookups: this.lookups,
        customFields: this.customFields,
        progress: built,
      }),
    );
  }

  private async rebuild(progress: ProgressSink, newColumns: boolean): Promise<void> {
    const table = this.requireTable();
    const previous = this.doc;
    const rawOf = previous ? previous.rowMap : IntList.from(this.rows.toInt32Array());
    const order = previous ? previous.order : IntList.range(this.rows.length);
    const doc = await SheetDocument.build({
      template: this.template,
      table,
      headerRow: 0,
      targets: this.targets,
      previous: previous?.columns,
      rawOf,
      order,
      lookups: this.lookups,
      customFields: this.customFields,
      progress: (done, total) => progress('validate', done, total === 0 ? 1 : done / total),
    });
    this.adopt(doc, newColumns);
  }

  private adopt(doc: SheetDocument, newColumns: boolean): void {
    this.doc = doc;
    // Ops name columns by position; a new mapping moves them, new lookups do not.
    if (newColumns) this.history = new History();
    if (newColumns) this.serverMarks.clear();
    this.plans.clear();
    this.views.clear();
    this.version++;
  }

  private docState(): Omit<DocState, 'entry'> {
    const doc = this.requireDoc();
    const columns: ColumnInfo[] = doc.columns.map((c) => columnInfo(c, c.index));
    return { columns, status: this.status() };
  }

  private status(): DocStatus {
    const doc = this.requireDoc();
    return {
      rowCount: doc.rowCount,
      summary: this.problems().summary(),
      undoLabel: this.history.undoLabel,
      redoLabel: this.history.redoLabel,
      version: this.version,
    };
  }

  private rowData(key: number, locale: Locale): RowData {
    return rowDataOf(this.requireDoc(), this.serverMarks, key, locale);
  }

  private view(ref: ViewRef): RowView {
    return this.views.get(this.requireDoc(), ref.spec, ref.revision, this.problems());
  }

  /** The rows an upload sends: all of them, or only those without errors (a split). */
  private rowsToSend(rows: 'all' | 'clean' = 'all') {
    const doc = this.requireDoc();
    return documentRows(doc, rows === 'clean' ? splitRows(doc, this.problems()).clean : undefined);
  }

  private problems(): ListProblems {
    return new ListProblems(this.requireDoc(), this.serverMarks);
  }

  // --- changes ---------------------------------------------------------------------------------------

  private run(op: Op, locale: Locale): Change {
    const effect = this.history.run(this.requireDoc(), op);
    return this.changed(effect, { t: 'op', op }, locale);
  }

  private step(direction: 'undo' | 'redo', locale: Locale): Change {
    const doc = this.requireDoc();
    const effect = direction === 'undo' ? this.history.undo(doc) : this.history.redo(doc);
    return effect ? this.changed(effect, { t: direction }, locale) : this.noChange();
  }

  private changed(effect: Effect, entry: WorkerJournalEntry, locale: Locale): Change {
    const doc = this.requireDoc();
    this.version++;
    this.plans.clear();
    this.serverMarks.forget(effect.touched);
    const live = [...effect.touched].filter((k) => doc.isLive(k));
    // Rows moved into or out of a duplicate group: every member's message changed, so the grid reloads what
    // it shows rather than the worker naming all of a large group's rows.
    const groupsMoved = doc.takeGroupChange();
    const rows =
      effect.structural || groupsMoved || live.length > maxRowsPerChange
        ? null
        : live.map((key) => this.rowData(key, locale));
    return { status: this.status(), rows, structural: effect.structural, entry };
  }

  private noChange(): Change {
    return { status: this.status(), rows: [], structural: false, entry: null };
  }

  private async replayEntry(entry: WorkerJournalEntry, progress: ProgressSink): Promise<void> {
    switch (entry.t) {
      case 'map':
        this.targets = entry.targets;
        await this.rebuild(progress, true);
        return;
      case 'lookups':
        this.lookups = entry.lookups;
        this.customFields = entry.customFields ?? [];
        if (this.doc) await this.rebuild(progress, false);
        return;
      case 'op':
        this.history.run(this.requireDoc(), entry.op);
        break;
      case 'undo':
        this.history.undo(this.requireDoc());
        break;
      case 'redo':
        this.history.redo(this.requireDoc());
        break;
    }
    this.version++;
  }

  private requireTable(): CellTable {
    if (!this.file) throw new SessionError('file.none', 'No file is open.');
    return this.file.table;
  }

  private requireDoc(): SheetDocument {
    if (!this.doc) throw new SessionError('list.none', 'Map the columns first.');
    return this.doc;
  }
}
