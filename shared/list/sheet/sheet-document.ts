import { ColumnAnalyzer, type DateOrder } from '../../fix';
import type { Lookups, Template } from '../../template';
import {
  type DuplicateGroup,
  type Finding,
  type IssueCode,
  SheetValidator,
  type ValidationSummary,
} from '../../validate';
import type { ColumnTarget } from '../../mapping';
import type { CellTable } from './cell-table';
import type { AccountCustomField } from '../../mapping/custom-fields';
import { type DocColumn, layColumns } from './doc-columns';
import { DuplicateDismissals } from '../duplicates/duplicate-dismissals';
import { IntList } from './int-list';
import { insertIntoOrder, removeFromOrder } from './row-order';
import { StreamingBuild } from './streaming-build';

export type BuildProgress = (rowsDone: number, rowsTotal: number) => Promise<void>;

/** A cell problem with rows as stable row keys (not validator ids). */
export type CellProblem = Readonly<{
  key: number;
  col: number;
  code: IssueCode;
  severity: 'error' | 'warning';
  /** For duplicates: the row's groups, their first rows as row keys. */
  groups?: readonly DuplicateGroup[];
}>;

/** A problem as the validator's finding, row key as its row id: what `describeFinding` words. */
export function findingOf(problem: CellProblem): Finding {
  const { key, col, code, severity, groups } = problem;
  return groups ? { rowId: key, col, code, severity, groups } : { rowId: key, col, code, severity };
}

/**
 * The list being fixed: which table rows are contacts (row keys), in which order, through which columns,
 * and the validator that keeps their findings current.
 *
 * Row keys are stable for the life of the document: key k is the k-th data row of the file, rows added
 * later get the next keys, and a deleted row keeps its key (and cells) so that undo and the journal can
 * bring it back. People see `key + 1` as the row number, so messages ("also used in row 12") stay true
 * after sorting or deleting.
 */
export class SheetDocument {
  readonly columns: readonly DocColumn[];
  readonly validator: SheetValidator;
  /** Live row keys in document order. */
  readonly order: IntList;
  private readonly rawOf: IntList;
  private readonly vidOf: IntList;
  private readonly keyOf: IntList;
  private readonly tableCols: Int32Array;
  private readonly scratch: string[];
  private readonly dismissals = new DuplicateDismissals();
  readonly likelyDuplicateCol: number;
  /** Bumped when rows are added or removed: views built before are stale. */
  structureVersion = 0;
  /**
   * A change moved rows into or out of duplicate groups: every member's message (the group's size and first
   * rows) changed, not only the rows `setCells` names. Read and reset by `takeGroupChange`.
   */
  private groupsMoved = false;
  /** Day/month order of the date columns whose values decide it (a first number over 12 somewhere). */
  dateOrderByField: Readonly<Record<string, DateOrder>> = {};

  private constructor(
    readonly template: Template,
    readonly table: CellTable,
    columns: readonly DocColumn[],
    rawOf: IntList,
    order: IntList,
    readonly lookups: Lookups | undefined,
  ) {
    this.columns = columns;
    this.rawOf = rawOf;
    this.order = order;
    this.tableCols = Int32Array.from(columns.map((c) => c.tableCol));
    this.scratch = new Array<string>(columns.length).fill('');
    this.validator = new SheetValidator({ template, columns: columns.map((c) => c.field), lookups });
    this.vidOf = new IntList(rawOf.length);
    for (let k = 0; k < rawOf.length; k++) this.vidOf.push(-1);
    this.keyOf = new IntList(order.length);
    const firstName = columns.findIndex((c) => c.field?.role === 'firstName');
    this.likelyDuplicateCol = Math.max(firstName, 0);
  }

  /**
   * Lays the mapping over the table and validates every live row. `rawOf` maps row keys to table rows and
   * `order` lists the live keys; a remap passes the previous document's, so added and deleted rows survive.
   */
  static async build(options: {
    template: Template;
    table: CellTable;
    headerRow: number;
    targets: readonly ColumnTarget[];
    /** The columns of the document this one replaces, to reuse cells typed into added columns. */
    previous?: readonly DocColumn[];
    rawOf: IntList;
    order: IntList;
    lookups?: Lookups;
    /** The account's custom fields, so custom-field columns are checked as the server checks them. */
    customFields?: readonly AccountCustomField[];
    progress?: BuildProgress;
  }): Promise<SheetDocument> {
    const { template, table, headerRow, targets } = options;
    const columns = layColumns(
      template,
      table,
      headerRow,
      targets,
      options.previous ?? [],
      options.rawOf,
      options.customFields,
    );
    const doc = new SheetDocument(template, table, columns, options.rawOf, options.order, options.lookups);
    const total = doc.order.length;
    const analyzer = new ColumnAnalyzer(columns.map((c) => c.field));
    for (let i = 0; i < total; i++) {
      analyzer.add(doc.attach(doc.order.get(i)));
      if (options.progress && (i + 1) % 25000 === 0) await options.progress(i + 1, total);
    }
    doc.dateOrderByField = analyzer.result().dateOrderByField;
    if (options.progress) await options.progress(total, total);
    return doc;
  }

  /**
   * Starts a document over no rows yet, for rows that arrive while the file is read (`StreamingBuild`):
   * validating a row as it is parsed costs no second pass and no re-split of stored rows.
   */
  static stream(options: {
    template: Template;
    table: CellTable;
    headerRow: number;
    targets: readonly ColumnTarget[];
    lookups?: Lookups;
    customFields?: readonly AccountCustomField[];
  }): StreamingBuild<SheetDocument> {
    const columns = layColumns(
      options.template,
      options.table,
      options.headerRow,
      options.targets,
      [],
      undefined,
      options.customFields,
    );
    const doc = new SheetDocument(
      options.template,
      options.table,
      columns,
      new IntList(),
      new IntList(),
      options.lookups,
    );
    const sink = {
      append: (raw: number, values: readonly string[]) => doc.appendValidated(raw, values),
      finish: (dateOrderByField: Readonly<Record<string, DateOrder>>) => {
        doc.dateOrderByField = dateOrderByField;
        doc.structureVersion++;
        return doc;
      },
    };
    return new StreamingBuild(sink, columns);
  }

  /** Adds a table row at the end of the order and validates it; `values` are in column order. */
  appendValidated(raw: number, values: readonly string[]): void {
    const key = this.rawOf.length;
    this.rawOf.push(raw);
    this.vidOf.push(-1);
    this.order.push(key);
    const vid = this.validator.addRow(values);
    this.vidOf.set(key, vid);
    while (this.keyOf.length <= vid) this.keyOf.push(-1);
    this.keyOf.set(vid, key);
  }

  /** The validator's ids of the rows in the list's order (for counts over the whole list). */
  *validatorIds(): Generator<number> {
    for (let i = 0; i < this.order.length; i++) yield this.vidOf.get(this.order.get(i));
  }

  /** Row keys to table rows, to carry into a remap. */
  get rowMap(): IntList {
    return this.rawOf;
  }

  get keyCount(): number {
    return this.rawOf.length;
  }

  get rowCount(): number {
    return this.order.length;
  }

  isLive(key: number): boolean {
    return key >= 0 && key < this.vidOf.length && this.vidOf.get(key) >= 0;
  }

  get(key: number, col: number): string {
    return this.table.get(this.rawOf.get(key), this.tableCols[col]);
  }

  /** A fresh copy of a row's values in column order. */
  rowValues(key: number): string[] {
    const cells = this.table.row(this.rawOf.get(key));
    const out = new Array<string>(this.columns.length);
    for (let c = 0; c < out.length; c++) out[c] = cells[this.tableCols[c]] ?? '';
    return out;
  }

  // --- findings --------------------------------------------------------------------------------------

  hasProblems(key: number): boolean {
    const vid = this.vidOf.get(key);
    if (vid < 0 || !this.validator.hasFindings(vid)) return false;
    if (!this.dismissals.isSuppressed(key)) return true;
    return this.validator.findings(vid).some((f) => f.code !== 'contact.likelyDuplicate');
  }

  /** True when the row's likely-duplicate warning is hidden by "not a duplicate" decisions. */
  isLikelyHidden(key: number): boolean {
    return this.dismissals.isSuppressed(key);
  }

  cellCode(key: number, col: number): IssueCode | null {
    const vid = this.vidOf.get(key);
    if (vid < 0) return null;
    const code = this.validator.cellCode(vid, col);
    if (code === 'contact.likelyDuplicate' && this.dismissals.isSuppressed(key)) {
      // The likely-duplicate warning is painted on the first-name cell; a cell rule on it comes first.
      return null;
    }
    return code;
  }

  /** Every problem of a row, with related rows as keys. */
  problems(key: number): CellProblem[] {
    const vid = this.vidOf.get(key);
    if (vid < 0 || !this.validator.hasFindings(vid)) return [];
    const out: CellProblem[] = [];
    for (const f of this.validator.findings(vid)) {
      if (f.code === 'contact.likelyDuplicate' && this.dismissals.isSuppressed(key)) continue;
      out.push(this.toProblem(key, f));
    }
    return out;
  }

  private toProblem(key: number, f: Finding): CellProblem {
    const problem = { key, col: f.col, code: f.code, severity: f.severity };
    if (!f.groups) return problem;
    const groups = f.groups.map((g) => ({ ...g, firstRows: g.firstRows.map((vid) => this.keyOf.get(vid)) }));
    return { ...problem, groups };
  }

  /** True once after a change that moved rows into or out of duplicate groups (see `groupsMoved`). */
  takeGroupChange(): boolean {
    const moved = this.groupsMoved;
    this.groupsMoved = false;
    return moved;
  }

  /** Row keys of every row of a duplicate group. */
  groupKeys(id: number): number[] {
    return this.validator.groupRows(id).map((vid) => this.keyOf.get(vid));
  }

  summary(): ValidationSummary {
    const summary = this.validator.summary();
    const suppressed = this.dismissals.suppressedCount;
    if (suppressed === 0) return summary;
    const byColumn = summary.byColumn
      .map((c) =>
        c.code === 'contact.likelyDuplicate' && c.col === this.likelyDuplicateCol
          ? { ...c, count: c.count - suppressed }
          : c,
      )
      .filter((c) => c.count > 0);
    return { ...summary, warnings: summary.warnings - suppressed, byColumn };
  }

  // --- changes ---------------------------------------------------------------------------------------

  /** Writes cells and revalidates their rows; returns the keys whose findings may have changed. */
  setCells(keys: ArrayLike<number>, cols: ArrayLike<number>, values: ArrayLike<string>): Set<number> {
    const touched = new Set<number>();
    const suppressionCheck = new Set<number>();
    const n = keys.length;
    let i = 0;
    while (i < n) {
      const key = keys[i];
      const raw = this.rawOf.get(key);
      // Consecutive changes of one row revalidate it once.
      let j = i;
      const cells = this.table.row(raw);
      while (j < n && keys[j] === key) {
        cells[this.tableCols[cols[j]]] = values[j];
        j++;
      }
      this.table.set(raw, cells);
      const vid = this.vidOf.get(key);
      if (vid >= 0) {
        const row = this.valuesInto(raw);
        const changed =
          j - i === 1 ? this.validator.updateCell(vid, cols[i], row) : this.validator.updateRow(vid, row);
        for (const v of changed) touched.add(this.keyOf.get(v));
        touched.add(key);
        this.noteGroupChanges(suppressionCheck);
      }
      i = j;
    }
    this.refreshSuppression(suppressionCheck.size ? [...touched, ...suppressionCheck] : touched);
    return touched;
  }

  /** Creates a new empty-or-given row key (not yet in the order). */
  createRow(values: readonly string[]): number {
    const fields = new Array<string>(this.table.width).fill('');
    for (let c = 0; c < this.columns.length; c++) fields[this.tableCols[c]] = values[c] ?? '';
    const raw = this.table.appendRow(fields);
    this.rawOf.push(raw);
    this.vidOf.push(-1);
    return this.rawOf.length - 1;
  }

  /** Puts rows (existing keys) into the order at the given positions, ascending, and validates them. */
  insertRows(keys: readonly number[], at: readonly number[]): void {
    insertIntoOrder(this.order, keys, at);
    const touched = new Set<number>(keys);
    for (const key of keys) {
      this.attach(key);
      this.noteGroupChanges(touched);
    }
    this.structureVersion++;
    this.refreshSuppression(touched);
  }

  /** Takes rows out of the order; returns their positions before removal, ascending with the keys. */
  removeRows(keys: readonly number[]): { keys: number[]; at: number[] } {
    const removed = removeFromOrder(this.order, keys);
    const touched = new Set<number>();
    for (const key of removed.keys) {
      const vid = this.vidOf.get(key);
      for (const v of this.validator.removeRow(vid)) touched.add(this.keyOf.get(v));
      this.noteGroupChanges(touched);
      this.vidOf.set(key, -1);
    }
    this.structureVersion++;
    this.refreshSuppression([...touched, ...keys]);
    return removed;
  }

  /** Records "these rows are different people"; their likely-duplicate warning goes away. */
  setDismissed(pairs: readonly (readonly [number, number])[], dismissed: boolean): Set<number> {
    const touched = this.dismissals.set(pairs, dismissed);
    this.refreshSuppression(touched);
    return touched;
  }

  isDismissed(a: number, b: number): boolean {
    return this.dismissals.isDismissed(a, b);
  }

  // --- internals -------------------------------------------------------------------------------------

  /** Validates a row into the document; returns its values (a reused array, valid until the next call). */
  private attach(key: number): readonly string[] {
    const values = this.valuesInto(this.rawOf.get(key));
    const vid = this.validator.addRow(values);
    this.vidOf.set(key, vid);
    while (this.keyOf.length <= vid) this.keyOf.push(-1);
    this.keyOf.set(vid, key);
    return values;
  }

  /** The row's values in a reused array: the validator reads them and keeps none. */
  private valuesInto(raw: number): string[] {
    const out = this.scratch;
    const cells = this.table.row(raw);
    for (let c = 0; c < out.length; c++) out[c] = cells[this.tableCols[c]] ?? '';
    return out;
  }

  /**
   * After a validator change: remembers that groups moved, and when any "not a duplicate" decision exists,
   * adds the members of the groups that changed to `into` (whether a row's warning is hidden depends on every
   * row it resembles). Without decisions nothing is gathered, so an edit in a large group stays cheap.
   */
  private noteGroupChanges(into: Set<number>): void {
    const changed = this.validator.lastGroupChanges;
    if (changed.length === 0) return;
    this.groupsMoved = true;
    if (!this.dismissals.any) return;
    for (const id of changed) for (const key of this.groupKeys(id)) into.add(key);
  }

  /** Hides or shows again the likely-duplicate warnings of rows whose findings or decisions changed. */
  private refreshSuppression(keys: Iterable<number>): void {
    this.dismissals.refresh(keys, (key) => this.likelyDuplicatesOf(key));
  }

  /** The rows a row's likely-duplicate warning names, or null when it has none. */
  private likelyDuplicatesOf(key: number): number[] | null {
    const vid = key < this.vidOf.length ? this.vidOf.get(key) : -1;
    if (vid < 0) return null;
    const finding = this.validator.findings(vid).find((f) => f.code === 'contact.likelyDuplicate');
    if (!finding) return null;
    const others = new Set<number>();
    for (const group of finding.groups ?? []) for (const other of this.groupKeys(group.id)) others.add(other);
    others.delete(key);
    return [...others];
  }
}
