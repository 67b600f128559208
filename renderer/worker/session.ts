import type { Lookups, Template } from '../../shared/template';
import { describeFinding, type Locale } from '../../shared/validate';
import type { ColumnProposal, ColumnTarget } from '../mapping/column-target';
import { proposeMapping } from '../mapping/propose';
import type { CellTable } from './cell-table';
import { listDuplicateGroups, planKeep, planMerge, planNotDuplicate } from './duplicates';
import { exportCsv, exportErrorReport, exportWorkbook } from './export-files';
import { countMatches, emptyRunBelow, findNext, planFillDown, planReplace } from './find-replace';
import { planFix, suggestionFor } from './fixes';
import { columnInfo } from './column-info';
import { History } from './history';
import { IntList } from './int-list';
import { ListProblems } from './list-problems';
import type { Effect, Op } from './ops';
import type {
  EarlyOpen,
  CellIssue,
  CellMark,
  Change,
  ColumnInfo,
  DocState,
  DocStatus,
  OpenResult,
  Plan,
  ProblemCode,
  RowData,
  ViewRef,
  WorkerApi,
  WorkerJournalEntry,
} from './protocol';
import { ServerMarks } from '../upload/server-marks';
import { uploadSheetOf } from '../upload/upload-sheet';
import { type RowView, ViewCache } from './row-view';
import { SheetDocument, type StreamingBuild } from './sheet-document';
import { previewSource, type ReadOptions, readSource, type SourceFormat } from './source-reader';

/** Posts progress and lets the worker take other messages; resolves false when the work was cancelled. */
export type ProgressSink = (
  phase: 'read' | 'validate',
  done: number,
  fraction: number,
  /** Sent once by a read, as soon as the Open and Map screens can be shown. */
  early?: EarlyOpen,
) => Promise<void>;

class SpeculationStopped extends Error {}

export class SessionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Rows sent back with a change; beyond this the UI reloads what it shows instead. */
const maxRowsPerChange = 300;
const previewRows = 100;
const mappingSampleRows = 1000;

type Handlers = {
  [K in keyof WorkerApi]: (
    params: WorkerApi[K]['req'],
    progress: ProgressSink,
  ) => Promise<WorkerApi[K]['res']>;
};

/**
 * Everything the worker holds for one open list: the file's bytes, its cells, the document with its
 * validator, the history and the current views. Pure TypeScript, so the same code runs in the worker,
 * in unit tests and in the Node baseline of the bench.
 */
export class Session {
  private bytes: Uint8Array | null = null;
  private table: CellTable | null = null;
  private format: SourceFormat | null = null;
  /** The table row holding the headers (always 0: the codec hands the header over first). */
  private headerRow = 0;
  private options: ReadOptions = {};
  private preview: { rows: string[][]; lines: number[] } = { rows: [], lines: [] };
  private rows: IntList = new IntList();
  private targets: readonly ColumnTarget[] = [];
  private lookups: Lookups | undefined;
  private doc: SheetDocument | null = null;
  private history = new History();
  private readonly views = new ViewCache();
  private plans = new Map<number, Op>();
  private nextToken = 1;
  private version = 0;
  private readonly serverMarks = new ServerMarks();
  /** The proposal for the file as read now (computed once per read). */
  private proposals: readonly ColumnProposal[] | null = null;
  /** A document validated ahead with the proposed mapping, and the validation running now. */
  private speculative: { key: string; doc: SheetDocument } | null = null;
  private speculation: { cancelled: boolean } | null = null;
  private reading: { cancelled: boolean } | null = null;

  constructor(private readonly template: Template) {}

  readonly handlers: Handlers = {
    open: async ({ bytes, options }, progress) => {
      this.bytes = bytes;
      return this.read(options, progress);
    },
    reread: async ({ options }, progress) => this.read(options, progress),
    setHeaderRow: async ({ row }, progress) => this.read({ ...this.options, headerRow: row }, progress),
    proposeMapping: async () => this.proposeFor(this.requireTable()),
    prepare: async (_, progress) => {
      await this.prepare(progress);
      return null;
    },
    applyMapping: async ({ targets }, progress) => {
      const ready = this.speculative;
      this.speculative = null;
      if (!this.doc && ready && ready.key === JSON.stringify(targets)) {
        // The user confirmed the mapping the worker had already validated while they looked at it.
        this.targets = targets;
        this.adopt(ready.doc, true);
      } else {
        this.targets = targets;
        await this.rebuild(progress, true);
      }
      return { ...this.docState(), entry: { t: 'map', targets } };
    },
    setLookups: async ({ lookups }, progress) => {
      this.lookups = lookups;
      if (!this.doc) return { state: null, entry: { t: 'lookups', lookups } };
      await this.rebuild(progress, false);
      return { state: { ...this.docState(), entry: null }, entry: { t: 'lookups', lookups } };
    },
    rows: async ({ start, end, view, locale }) => {
      const rows = this.view(view);
      const out: RowData[] = [];
      for (let i = start; i < Math.min(end, rows.length); i++) out.push(this.rowData(rows.keyAt(i), locale));
      return { rows: out, total: rows.length };
    },
    edit: async ({ key, col, value, locale }) => {
      const doc = this.requireDoc();
      if (!doc.isLive(key)) throw new SessionError('row.gone', 'That row is no longer in the list.');
      const before = doc.get(key, col);
      const op: Op = {
        t: 'cells',
        label: 'edit',
        keys: [key],
        cols: [col],
        before: [before],
        after: [value],
      };
      return this.run(op, locale);
    },
    describeCell: async ({ key, col, locale, settings }) => {
      const doc = this.requireDoc();
      const values = doc.rowValues(key);
      const columns = doc.columns.map((c) => c.field);
      return doc
        .problems(key)
        .filter((p) => p.col === col)
        .map((p): CellIssue => {
          const issue = describeFinding(
            { rowId: key, col, code: p.code, severity: p.severity, related: p.related },
            {
              locale,
              columns,
              rowNumber: (k) => k + 1,
              values,
              fixContext: { template: doc.template, lookups: doc.lookups },
            },
          );
          return {
            code: p.code,
            value: issue.value,
            severity: p.severity,
            message: issue.message,
            related: p.related.map((k) => k + 1),
            fix: suggestionFor(doc, key, col, settings),
          };
        })
        .concat(this.serverMarks.describe(key, col, values[col] ?? ''));
    },
    planFix: async ({ scope, settings }) => {
      const plan = planFix(this.requireDoc(), scope, settings);
      return this.keepPlan(plan.op, plan.count, plan.examples);
    },
    planReplace: async ({ query, replacement }) => {
      const op = planReplace(this.requireDoc(), query, replacement);
      const examples =
        op?.keys
          .slice(0, 12)
          .map((key, i) => ({ key, col: op.cols[i], before: op.before[i], after: op.after[i] })) ?? [];
      return this.keepPlan(op, op?.keys.length ?? 0, examples);
    },
    runPlan: async ({ token, locale }) => {
      const op = this.plans.get(token);
      if (!op) throw new SessionError('plan.stale', 'The list changed since this preview. Preview it again.');
      return this.run(op, locale);
    },
    undo: async ({ locale }) => this.step('undo', locale),
    redo: async ({ locale }) => this.step('redo', locale),
    insertRow: async ({ afterKey, locale }) => {
      const doc = this.requireDoc();
      const at = afterKey === null ? doc.order.length : doc.order.indexOf(afterKey) + 1;
      const key = doc.keyCount;
      const values = doc.columns.map(() => '');
      const change = this.run(
        { t: 'insert', label: 'insertRow', keys: [key], at: [at], values: [values] },
        locale,
      );
      return { ...change, key };
    },
    deleteRows: async ({ keys, locale }) => {
      const doc = this.requireDoc();
      const live = keys.filter((k) => doc.isLive(k));
      const positions = live.map((key) => ({ key, at: doc.order.indexOf(key) })).sort((a, b) => a.at - b.at);
      const op: Op = {
        t: 'delete',
        label: 'deleteRows',
        keys: positions.map((p) => p.key),
        at: positions.map((p) => p.at),
      };
      return this.run(op, locale);
    },
    fillDown: async ({ view, from, count, locale }) => {
      const op = planFillDown(this.requireDoc(), this.view(view), from, count);
      return op ? this.run(op, locale) : this.noChange();
    },
    emptyRunBelow: async ({ view, from }) => emptyRunBelow(this.requireDoc(), this.view(view), from),
    find: async ({ query, view, from, direction }) => {
      const doc = this.requireDoc();
      return { at: findNext(doc, this.view(view), query, from, direction), count: countMatches(doc, query) };
    },
    nextProblem: async ({ view, from, direction, only }) =>
      this.nextProblem(this.view(view), from, direction, only),
    locate: async ({ key, view }) => this.view(view).indexOfKey(key),
    duplicates: async () => {
      const doc = this.requireDoc();
      const colOf = (test: (c: SheetDocument['columns'][number]) => boolean) => doc.columns.findIndex(test);
      const first = colOf((c) => c.field?.role === 'firstName');
      const last = colOf((c) => c.field?.role === 'lastName');
      const email = colOf((c) => c.field?.role === 'email');
      const phone = colOf((c) => c.field?.role === 'phone');
      const company = colOf((c) => c.field?.header === 'compName');
      const cell = (key: number, col: number) => (col < 0 ? '' : doc.get(key, col));
      return listDuplicateGroups(doc).map((g) => ({
        kind: g.kind,
        rows: g.keys.map((key) => ({
          key,
          n: key + 1,
          name: `${cell(key, first)} ${cell(key, last)}`.trim(),
          email: cell(key, email),
          phone: cell(key, phone),
          company: cell(key, company),
        })),
      }));
    },
    resolveDuplicate: async ({ keys, action, keep, locale }) => {
      const doc = this.requireDoc();
      const op =
        action === 'keep'
          ? planKeep(doc, keys, keep)
          : action === 'merge'
            ? planMerge(doc, keys, keep)
            : planNotDuplicate(keys);
      return this.run(op, locale);
    },
    export: async ({ kind, locale, settings }) => {
      const doc = this.requireDoc();
      // The same count the Review screen shows, cells the import server rejected included.
      const errors = this.problems().summary().errors;
      if (kind !== 'report' && errors > 0) return { ok: false, reason: 'errors', errors };
      const bytes =
        kind === 'csv'
          ? exportCsv(doc)
          : kind === 'workbook'
            ? exportWorkbook(doc, locale)
            : exportErrorReport(doc, locale, settings);
      return { ok: true, bytes };
    },
    replay: async ({ entries }, progress) => {
      for (const entry of entries) await this.replayEntry(entry, progress);
      return { ...this.docState(), entry: null };
    },
    status: async () => this.status(),
    sourceBase64: async () => {
      if (!this.bytes) throw new SessionError('file.none', 'No file is open.');
      return toBase64(this.bytes);
    },
    uploadSheet: async () => uploadSheetOf(this.requireDoc(), this.version),
    setServerProblems: async ({ problems }) => {
      this.requireDoc();
      this.serverMarks.set(problems);
      // A "problems only" view built before must take in (or let go of) the rejected rows.
      this.views.clear();
      return { status: this.status(), rows: null, structural: false, entry: null };
    },
  };

  // --- reading ---------------------------------------------------------------------------------------

  /**
   * Reads the whole file (table row 0: the headers; rows 1…: the data) and the preview of its first lines.
   * Once the first rows are in, the mapping is proposed and every further row is validated with it as it is
   * read: confirming the proposed mapping then needs no second pass (see `prepare` for the other cases).
   */
  private async read(options: ReadOptions, progress: ProgressSink): Promise<OpenResult> {
    if (!this.bytes) throw new SessionError('file.none', 'No file is open.');
    this.resetDocument();
    this.lookups = undefined;
    const attempt = { cancelled: false };
    this.reading = attempt;
    const { headerRow: _, ...asRead } = options;
    // The first rows as they are in the file (titles included), read on their own: a quick, small read.
    const preview = await previewSource(this.bytes, asRead, previewRows);
    let format: SourceFormat | null = null;
    let early: EarlyOpen | null = null;
    let stream: StreamingBuild | null = null;
    let streaming: 'waiting' | 'on' | 'off' = 'waiting';
    const start = (table: CellTable, upTo: number) => {
      this.table = table;
      this.rows = IntList.range(upTo);
      this.rows.removeAt(0);
      const proposals = this.proposeFor(table);
      // A full name split into two columns is filled in the table first: that one is validated afterwards.
      if (proposals.some((p) => p.target.kind === 'split')) {
        streaming = 'off';
        return;
      }
      stream = SheetDocument.stream({
        template: this.template,
        table,
        headerRow: 0,
        targets: proposals.map((p) => p.target),
      });
      for (let row = 1; row < upTo; row++) stream.add(row, table.row(row));
      streaming = 'on';
    };
    const earlyOpen = (): EarlyOpen | undefined => {
      if (early || !format || !this.proposals) return undefined;
      const value: EarlyOpen = {
        format,
        headerRow: format.headerRow,
        preview: preview.rows,
        lines: preview.lines,
        proposals: this.proposals,
      };
      early = value;
      return value;
    };
    const read = await readSource(
      this.bytes,
      options,
      async (rows, fraction) => {
        if (attempt.cancelled) throw new SessionError('read.cancelled', 'Reading was stopped.');
        await progress('read', rows, fraction, earlyOpen());
      },
      (table, row, cells) => {
        if (row === 0 || streaming === 'off') return;
        if (streaming === 'waiting') {
          if (row <= mappingSampleRows) return;
          start(table, row);
        }
        stream?.add(row, cells);
      },
      (found) => {
        format = found;
      },
    );
    const table = read.table;
    if (this.reading === attempt) this.reading = null;
    if (streaming === 'waiting') start(table, table.rowCount);
    this.preview = preview;
    this.options = options;
    this.table = table;
    this.format = read.format;
    this.headerRow = 0;
    this.rows = IntList.range(table.rowCount);
    this.rows.removeAt(0);
    const built = stream as StreamingBuild | null;
    if (built && this.proposals) {
      this.speculative = { key: JSON.stringify(this.proposals.map((p) => p.target)), doc: built.finish() };
    }
    return this.openResult();
  }

  /** The mapping proposal from the headers and the first rows (computed once per read). */
  private proposeFor(table: CellTable): readonly ColumnProposal[] {
    if (this.proposals) return this.proposals;
    const headers = table.row(this.headerRow);
    // shared/mapping reads the first rows for content and fill; a thousand tell the shape of any file.
    const sample: string[][] = [];
    for (let row = 1; row < Math.min(table.rowCount, mappingSampleRows + 1); row++)
      sample.push(table.row(row));
    this.proposals = proposeMapping(this.template, headers, sample);
    return this.proposals;
  }

  private openResult(): OpenResult {
    const format = this.format!;
    return {
      format,
      headerRow: format.headerRow,
      preview: this.preview.rows,
      lines: this.preview.lines,
      dataRows: this.rows.length,
    };
  }

  private resetDocument(): void {
    this.doc = null;
    this.proposals = null;
    this.speculative = null;
    this.serverMarks.clear();
    this.history = new History();
    this.plans.clear();
    this.views.clear();
  }

  // --- the document --------------------------------------------------------------------------------

  /**
   * Validates the list with the proposed mapping while the user is still on the Open and Map screens, so
   * that confirming an unchanged mapping shows the grid at once. Any request that makes the work moot
   * (another file, another header row, another mapping) interrupts it: see `interrupt`.
   */
  private async prepare(progress: ProgressSink): Promise<void> {
    if (this.doc || !this.table) return;
    const targets = (await this.handlers.proposeMapping({}, progress)).map((p) => p.target);
    const key = JSON.stringify(targets);
    if (this.speculative?.key === key) return;
    const attempt = { cancelled: false };
    this.speculation = attempt;
    try {
      const doc = await SheetDocument.build({
        template: this.template,
        table: this.table,
        headerRow: this.headerRow,
        targets,
        rawOf: IntList.from(this.rows.toInt32Array()),
        order: IntList.range(this.rows.length),
        lookups: this.lookups,
        progress: async (done, total) => {
          if (attempt.cancelled) throw new SpeculationStopped();
          await progress('validate', done, total === 0 ? 1 : done / total);
          if (attempt.cancelled) throw new SpeculationStopped();
        },
      });
      this.speculative = { key, doc };
    } catch (error) {
      if (!(error instanceof SpeculationStopped)) throw error;
    } finally {
      if (this.speculation === attempt) this.speculation = null;
    }
  }

  /**
   * Called as each request arrives, before it waits its turn: stops a speculative validation the request
   * makes useless. Confirming the very mapping being validated lets it finish instead.
   */
  interrupt(type: keyof WorkerApi, params: unknown): void {
    // Another file or another way to read this one: the read in progress is of no use any more.
    if (this.reading && (type === 'open' || type === 'reread' || type === 'setHeaderRow')) {
      this.reading.cancelled = true;
    }
    if (!this.speculation) return;
    if (type === 'applyMapping') {
      const targets = (params as WorkerApi['applyMapping']['req']).targets;
      if (this.speculationKey === JSON.stringify(targets)) return;
    }
    if (type === 'proposeMapping' || type === 'sourceBase64' || type === 'status') return;
    this.speculation.cancelled = true;
  }

  private get speculationKey(): string | null {
    return this.proposals ? JSON.stringify(this.proposals.map((p) => p.target)) : null;
  }

  private async rebuild(progress: ProgressSink, newColumns: boolean): Promise<void> {
    const table = this.requireTable();
    const previous = this.doc;
    const rawOf = previous ? previous.rowMap : IntList.from(this.rows.toInt32Array());
    const order = previous ? previous.order : IntList.range(this.rows.length);
    const doc = await SheetDocument.build({
      template: this.template,
      table,
      headerRow: this.headerRow,
      targets: this.targets,
      previous: previous?.columns,
      rawOf,
      order,
      lookups: this.lookups,
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
    const doc = this.requireDoc();
    const v = doc.rowValues(key);
    let p: (CellMark | null)[] | null = null;
    if (doc.hasProblems(key)) {
      p = new Array<CellMark | null>(v.length).fill(null);
      const columns = doc.columns.map((c) => c.field);
      for (const problem of doc.problems(key)) {
        if (p[problem.col]) continue;
        const issue = describeFinding(
          {
            rowId: key,
            col: problem.col,
            code: problem.code,
            severity: problem.severity,
            related: problem.related,
          },
          {
            locale,
            columns,
            rowNumber: (k) => k + 1,
            values: v,
            // An unknown ID's message lists the account's IDs, which it finds in the fix context.
            ...(problem.code === 'id.unknown'
              ? { fixContext: { template: doc.template, lookups: doc.lookups } }
              : {}),
          },
        );
        p[problem.col] = { code: problem.code, severity: problem.severity, message: issue.message };
      }
    }
    return { key, n: key + 1, v, p: this.serverMarks.addTo(key, v.length, p) };
  }

  private view(ref: ViewRef): RowView {
    return this.views.get(this.requireDoc(), ref.spec, ref.revision, this.problems());
  }

  private problems(): ListProblems {
    return new ListProblems(this.requireDoc(), this.serverMarks);
  }

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
    const rows =
      effect.structural || live.length > maxRowsPerChange
        ? null
        : live.map((key) => this.rowData(key, locale));
    return { status: this.status(), rows, structural: effect.structural, entry };
  }

  private noChange(): Change {
    return { status: this.status(), rows: [], structural: false, entry: null };
  }

  private keepPlan(op: Op | null, count: number, examples: Plan['examples']): Plan {
    if (!op) return { token: 0, count: 0, examples: [] };
    const token = this.nextToken++;
    this.plans.set(token, op);
    return { token, count, examples };
  }

  private nextProblem(
    view: RowView,
    from: { index: number; col: number } | null,
    direction: 1 | -1,
    only: { col: number; code: ProblemCode } | undefined,
  ): { index: number; col: number } | null {
    const doc = this.requireDoc();
    const problems = this.problems();
    const width = doc.columns.length;
    const n = view.length;
    if (n === 0) return null;
    const cellHas = (key: number, col: number) => {
      const code = problems.cellCode(key, col);
      return code !== null && (!only || (only.col === col && only.code === code));
    };
    /** The first problem cell of a row in `direction`, starting after `after` (or at the row's edge). */
    const scanRow = (index: number, after: number | null): { index: number; col: number } | null => {
      const key = view.keyAt(index);
      if (!problems.hasProblems(key)) return null;
      if (direction === 1) {
        for (let col = after === null ? 0 : after + 1; col < width; col++)
          if (cellHas(key, col)) return { index, col };
      } else {
        for (let col = after === null ? width - 1 : after - 1; col >= 0; col--)
          if (cellHas(key, col)) return { index, col };
      }
      return null;
    };
    const wrap = (index: number) => ((index % n) + n) % n;
    if (!from) {
      for (let step = 0; step < n; step++) {
        const hit = scanRow(direction === 1 ? step : n - 1 - step, null);
        if (hit) return hit;
      }
      return null;
    }
    const here = scanRow(from.index, from.col);
    if (here) return here;
    for (let step = 1; step < n; step++) {
      const hit = scanRow(wrap(from.index + step * direction), null);
      if (hit) return hit;
    }
    // Wrapped all the way round: the starting row's cells on the other side of `from`.
    return scanRow(from.index, null);
  }

  private async replayEntry(entry: WorkerJournalEntry, progress: ProgressSink): Promise<void> {
    switch (entry.t) {
      case 'map':
        this.targets = entry.targets;
        await this.rebuild(progress, true);
        return;
      case 'lookups':
        this.lookups = entry.lookups;
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
    if (!this.table) throw new SessionError('file.none', 'No file is open.');
    return this.table;
  }

  private requireDoc(): SheetDocument {
    if (!this.doc) throw new SessionError('list.none', 'Map the columns first.');
    return this.doc;
  }
}
