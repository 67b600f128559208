import type { FieldDef, Lookups, Template } from '../template';
import { type ColumnRule, checkValue, compileColumnRule } from './cell-checks';
import { type IssueCode, issueCodes, type Severity, severityOf } from './codes';
import {
  type DuplicateKeys,
  DuplicateIndex,
  type DuplicateMatch,
  likelyDuplicateBit,
  uniqueBit,
} from './duplicate-index';
import { FindingStore } from './finding-store';
import type { RowGroup } from './row-group';

export type { DuplicateMatch } from './duplicate-index';

export type ValidatorOptions = {
  template: Template;
  /** The template field each column holds, by column position; null for a column nobody validates. */
  columns: readonly (FieldDef | null)[];
  /** The account's lists; ID columns are checked against the lists present here. */
  lookups?: Lookups;
  /**
   * False for a part of a sheet validated in a worker thread: cell and row rules run, the duplicate keys are
   * kept for `exportRows`, and duplicates are found where the parts come together (`adoptRows`).
   */
  crossRowRules?: boolean;
};

/** Rows validated by another validator (a worker thread's part of the sheet), without their duplicates. */
export type ValidatedRows = Readonly<{
  rows: number;
  /** Each row's count of packed cell findings, and the findings of all rows in row order. */
  findingCounts: Uint16Array;
  findings: Int32Array;
  keys: DuplicateKeys;
}>;

/** How many first rows a group description carries: enough to name five others besides any one member. */
export const groupRowsShown = 6;

/**
 * Rows that share a duplicate key, described once: how many, and the first of them. Every member's finding
 * points at it, so a value on 100,000 rows costs 100,000 small findings, not 100,000 lists of 99,999 rows.
 */
export type DuplicateGroup = Readonly<{
  /** The group's number in this validator, the same in every member's finding while the group lasts. */
  id: number;
  /** The code its members' findings carry, and the column they are shown in. */
  code: IssueCode;
  col: number;
  match: DuplicateMatch;
  /** How many rows are in the group (two or more). */
  size: number;
  /** The first rows by row id, at most `groupRowsShown`. */
  firstRows: readonly number[];
}>;

/** One problem found, before it is worded for people. Rows are stable ids, not positions. */
export type Finding = Readonly<{
  rowId: number;
  col: number;
  code: IssueCode;
  severity: Severity;
  /**
   * For duplicates: the groups the row is in. One for a unique column; for a likely duplicate one per pair of
   * name, phone and email it shares with other rows (usually one).
   */
  groups?: readonly DuplicateGroup[];
}>;

export type ColumnCount = Readonly<{ col: number; code: IssueCode; severity: Severity; count: number }>;
export type ValidationSummary = Readonly<{
  rows: number;
  errors: number;
  warnings: number;
  /** Problem counts per column and code, most frequent first. */
  byColumn: readonly ColumnCount[];
}>;

// A cell finding is packed into one small integer, col * 64 + code number: a row's findings are then an
// array of Smis, which costs the garbage collector next to nothing on a million-row sheet.
const codeNumber = new Map(issueCodes.map((code, i) => [code, i]));
const pack = (col: number, code: IssueCode) => col * 64 + (codeNumber.get(code) ?? 0);
const colOf = (packed: number) => Math.floor(packed / 64);
const codeOf = (packed: number) => issueCodes[packed % 64];

const notLive = 0;
const live = 1;

/**
 * A group's key rule over the sheet's columns (template.groups): the columns that make the group used, and
 * its keys present in the sheet, the first of them where "none filled" is shown.
 */
type GroupRule = Readonly<{
  cols: readonly number[];
  keys: readonly number[];
  any: boolean;
  always: boolean;
}>;

function compileGroupRules(template: Template, columns: readonly (FieldDef | null)[]): GroupRule[] {
  return template.groups.flatMap((group) => {
    const cols = columns.flatMap((field, col) => (field?.group === group.id ? [col] : []));
    const keys = group.keys.flatMap((header) => {
      const col = columns.findIndex((field) => field?.header === header && field.group === group.id);
      return col >= 0 ? [col] : [];
    });
    if (keys.length === 0) return [];
    return [{ cols, keys, any: group.keyRule === 'any', always: group.always }];
  });
}

const isBlank = (value: string | undefined) => value === undefined || value === '' || value.trim() === '';

/** Puts a finding on a column into a row's findings (sorted by column), replacing that column's; returns the count. */
function putAt(found: number[], n: number, col: number, code: IssueCode): number {
  let at = 0;
  while (at < n && colOf(found[at]) < col) at++;
  if (at < n && colOf(found[at]) === col) {
    found[at] = pack(col, code);
    return n;
  }
  for (let k = n; k > at; k--) found[k] = found[k - 1];
  found[at] = pack(col, code);
  return n + 1;
}

/**
 * The one validator: cell rules, row rules and sheet rules (uniqueness, likely duplicates), kept up to date
 * incrementally. Adding or changing a row costs that row and the index entries it touches, never the sheet,
 * so the grid can revalidate on every keystroke and the CLI can stream a million rows through it.
 *
 * The validator does not keep cell values: the caller owns them and passes a row's values when it changes.
 */
export class SheetValidator {
  readonly template: Template;
  readonly columns: readonly (FieldDef | null)[];
  private readonly rules: (ColumnRule | null)[];
  private readonly requiredCols: readonly number[];
  private readonly groupRules: readonly GroupRule[];
  /** Columns a group rule reads: an edit there revalidates the whole row. */
  private readonly groupCols: ReadonlySet<number>;
  private readonly duplicates: DuplicateIndex;

  private readonly cellFindings = new FindingStore();
  private readonly scratch: number[] = [];
  /** Per row id: live or not, and the duplicate flags (bits of duplicate-index.ts). */
  private rowState = new Uint8Array(1024);
  private rowFlags = new Uint8Array(1024);
  private nextRowId = 0;
  private liveRows = 0;
  private errorCount = 0;
  private warningCount = 0;
  private readonly countByColumnCode = new Map<number, number>();

  constructor(options: ValidatorOptions) {
    const { template, columns, lookups, crossRowRules = true } = options;
    this.template = template;
    this.columns = columns;
    this.rules = columns.map((field) => (field ? compileColumnRule(field, template, lookups) : null));
    this.requiredCols = columns.flatMap((field, col) => (field?.required ? [col] : []));
    this.groupRules = compileGroupRules(template, columns);
    this.groupCols = new Set(this.groupRules.flatMap((rule) => [...rule.cols, ...rule.keys]));
    this.duplicates = new DuplicateIndex(columns, crossRowRules);
    if (this.duplicates.uniqueCols.length > 7) throw new RangeError('at most 7 unique columns');
  }

  get rowCount(): number {
    return this.liveRows;
  }

  /**
   * Makes room for `rows` rows in all, so a large sheet does not grow its arrays and tables row by row (an
   * estimate is fine: it only decides when they grow).
   */
  reserve(expected: number): void {
    const rows = Math.ceil(expected);
    while (this.rowState.length < rows) this.growRowState();
    this.duplicates.reserve(rows, this.nextRowId);
  }

  /** Adds a row and returns its id. */
  addRow(values: readonly string[]): number {
    const rowId = this.nextRowId++;
    if (rowId >= this.rowState.length) this.growRowState();
    this.rowState[rowId] = live;
    this.liveRows++;
    this.duplicates.groups.clearChanges();
    this.replaceCellFindings(rowId, this.scratch, this.checkRow(values));
    const touched = this.duplicates.add(rowId, values, this.cellFindings);
    if (touched) this.refreshFlags(touched);
    return rowId;
  }

  /**
   * Every row so far as data another validator can adopt (rows added in order, none removed): how a worker
   * thread hands back its part of a large file. Duplicate findings are not included; the keys are. The
   * validator is spent afterwards (the key arrays are handed over, not copied).
   */
  exportRows(): ValidatedRows {
    const rows = this.nextRowId;
    if (rows !== this.liveRows) throw new RangeError('exportRows needs a sheet without removed rows');
    const { counts, findings } = this.cellFindings.exportRows(rows);
    return { rows, findingCounts: counts, findings, keys: this.duplicates.exportKeys(rows) };
  }

  /**
   * Appends rows validated elsewhere (`exportRows` of a validator with the same template, columns and
   * lookups), as if each had been added here: their cell findings count, and duplicates with every row
   * already here are found. Returns the first new row id.
   */
  adoptRows(part: ValidatedRows): number {
    const first = this.nextRowId;
    this.reserve(first + part.rows);
    let at = 0;
    for (let r = 0; r < part.rows; r++) {
      const rowId = this.nextRowId++;
      if (rowId >= this.rowState.length) this.growRowState();
      this.rowState[rowId] = live;
      this.liveRows++;
      const n = part.findingCounts[r];
      this.replaceCellFindings(rowId, part.findings, n, at);
      at += n;
      this.duplicates.groups.clearChanges();
      const touched = this.duplicates.addKeys(rowId, part.keys, r);
      if (touched) this.refreshFlags(touched);
    }
    return first;
  }

  /**
   * Revalidates one edited cell; `values` is the whole row after the edit. Returns the rows whose findings
   * may have changed: the row, and a row that became or stopped being a duplicate with it. The other members
   * of the duplicate groups it joined or left keep their findings, but their groups' size and first rows
   * changed: those groups are in `lastGroupChanges`.
   */
  updateCell(rowId: number, col: number, values: readonly string[]): ReadonlySet<number> {
    // A group's key rule reads the row's other cells: the row is checked again as a whole.
    if (this.groupCols.has(col)) return this.updateRow(rowId, values);
    this.assertLive(rowId);
    this.duplicates.groups.clearChanges();
    const next: number[] = [];
    for (let k = 0; k < this.cellFindings.count(rowId); k++) {
      const f = this.cellFindings.at(rowId, k);
      if (colOf(f) !== col) next.push(f);
    }
    const code = this.checkCell(col, values[col] ?? '');
    if (code) {
      next.push(pack(col, code));
      next.sort((a, b) => a - b);
    }
    this.replaceCellFindings(rowId, next, next.length);
    if (!this.duplicates.keyCols.has(col)) return new Set([rowId]);
    return this.reindexRow(rowId, values);
  }

  /** Revalidates a whole row (after a fix, a paste, an undo of several cells). Returns as `updateCell`. */
  updateRow(rowId: number, values: readonly string[]): ReadonlySet<number> {
    this.assertLive(rowId);
    this.duplicates.groups.clearChanges();
    this.replaceCellFindings(rowId, this.scratch, this.checkRow(values));
    return this.reindexRow(rowId, values);
  }

  /** Takes a row out (deleted by the user). Returns the other rows whose findings changed, as `updateCell`. */
  removeRow(rowId: number): ReadonlySet<number> {
    this.assertLive(rowId);
    this.duplicates.groups.clearChanges();
    this.replaceCellFindings(rowId, this.scratch, 0);
    const touched = this.duplicates.remove(rowId);
    this.setFlags(rowId, 0);
    this.rowState[rowId] = notLive;
    this.liveRows--;
    touched.delete(rowId);
    this.refreshFlags(touched);
    return touched;
  }

  isLive(rowId: number): boolean {
    return this.rowState[rowId] === live;
  }

  /** The folded key a row holds in a unique column (email), or undefined (empty or invalid cell). */
  uniqueKeyOf(rowId: number, col: number): string | undefined {
    return this.duplicates.uniqueKeyOf(rowId, col);
  }

  /**
   * Ids of the duplicate groups whose rows changed in the last change (`addRow`, `updateCell`, `updateRow`,
   * `removeRow`): groups that formed, grew, shrank or broke up. Their members' messages name the group's
   * size and first rows, so a view showing them redraws them. Valid until the next change.
   */
  get lastGroupChanges(): readonly number[] {
    return this.duplicates.groups.changed;
  }

  /** A duplicate group by id, or undefined once it has broken up. */
  duplicateGroup(id: number): DuplicateGroup | undefined {
    const group = this.duplicates.groups.get(id);
    return group ? this.describeGroup(group) : undefined;
  }

  /** Every row of a duplicate group, ascending (empty once it has broken up). Valid until the next change. */
  groupRows(id: number): readonly number[] {
    return this.duplicates.groups.get(id)?.rows ?? [];
  }

  /** Every duplicate group now, in no particular order. */
  *duplicateGroups(): IterableIterator<DuplicateGroup> {
    for (const group of this.duplicates.groups.values()) yield this.describeGroup(group);
  }

  /** How many duplicate groups there are now. */
  get duplicateGroupCount(): number {
    return this.duplicates.groups.size;
  }

  /** Every finding of a row, cell rules first, then duplicates. */
  findings(rowId: number): Finding[] {
    const out: Finding[] = [];
    for (let k = 0; k < this.cellFindings.count(rowId); k++) {
      const f = this.cellFindings.at(rowId, k);
      const code = codeOf(f);
      out.push({ rowId, col: colOf(f), code, severity: severityOf(code) });
    }
    const flags = this.rowFlags[rowId] ?? 0;
    if (flags === 0) return out;
    const { uniqueCols, uniqueCodes } = this.duplicates;
    for (let i = 0; i < uniqueCols.length; i++) {
      if (!(flags & uniqueBit(i))) continue;
      const group = this.duplicates.uniqueGroupOf(i, rowId);
      out.push({
        rowId,
        col: uniqueCols[i],
        code: uniqueCodes[i],
        severity: severityOf(uniqueCodes[i]),
        groups: group ? [this.describeGroup(group)] : [],
      });
    }
    if (flags & likelyDuplicateBit) {
      const code: IssueCode = 'contact.likelyDuplicate';
      const groups = this.duplicates.likelyGroupsOf(rowId).map((group) => this.describeGroup(group));
      out.push({ rowId, col: this.duplicates.likelyDuplicateCol, code, severity: severityOf(code), groups });
    }
    return out;
  }

  private describeGroup(group: RowGroup): DuplicateGroup {
    const { col, code } = this.duplicates.placeOf(group);
    return {
      id: group.id,
      code,
      col,
      match: this.duplicates.matchOf(group),
      size: group.size,
      firstRows: group.rows.slice(0, groupRowsShown),
    };
  }

  /** True when the row has at least one finding (cheap: no allocation). */
  hasFindings(rowId: number): boolean {
    return this.cellFindings.count(rowId) > 0 || (this.rowFlags[rowId] ?? 0) !== 0;
  }

  /** The code of the first finding on a cell, or null: what the grid needs to paint a cell. */
  cellCode(rowId: number, col: number): IssueCode | null {
    for (let k = 0; k < this.cellFindings.count(rowId); k++) {
      const f = this.cellFindings.at(rowId, k);
      if (colOf(f) === col) return codeOf(f);
    }
    const flags = this.rowFlags[rowId] ?? 0;
    if (flags === 0) return null;
    const unique = this.duplicates.uniqueCols.indexOf(col);
    if (unique >= 0 && flags & uniqueBit(unique)) return this.duplicates.uniqueCodes[unique];
    if (flags & likelyDuplicateBit && col === this.duplicates.likelyDuplicateCol)
      return 'contact.likelyDuplicate';
    return null;
  }

  summary(): ValidationSummary {
    const byColumn: ColumnCount[] = [];
    for (const [key, count] of this.countByColumnCode) {
      if (count === 0) continue;
      const code = codeOf(key);
      byColumn.push({ col: colOf(key), code, severity: severityOf(code), count });
    }
    byColumn.sort((a, b) => b.count - a.count || a.col - b.col);
    return { rows: this.liveRows, errors: this.errorCount, warnings: this.warningCount, byColumn };
  }

  // --- cell and row rules ---------------------------------------------------------------------------

  private checkCell(col: number, value: string): IssueCode | null {
    const field = this.columns[col];
    if (!field) return null;
    if (value === '' || (field.required && value.trim() === ''))
      return field.required ? 'required.missing' : null;
    const rule = this.rules[col];
    return rule ? checkValue(rule, value) : null;
  }

  /** Cell rules of a whole row, then the required columns: packed findings in column order in `scratch`; returns how many. */
  private checkRow(values: readonly string[]): number {
    const found = this.scratch;
    let n = 0;
    const rules = this.rules;
    for (let col = 0; col < rules.length; col++) {
      const rule = rules[col];
      if (rule === null) continue;
      const value = values[col] ?? '';
      if (value === '') continue;
      const code = checkValue(rule, value);
      if (code !== null) found[n++] = pack(col, code);
    }
    for (const col of this.requiredCols) {
      const value = values[col] ?? '';
      if (value !== '' && value.trim() !== '') continue;
      // A blank-but-spaces name is "missing", not "whitespace": replace the cell's finding, keep the order.
      n = putAt(found, n, col, 'required.missing');
    }
    return this.groupRules.length ? this.checkGroups(values, found, n) : n;
  }

  /**
   * The groups' key identifiers (Configio): a used group needs all its keys, or at least one of them; the
   * finding goes on the empty key (or the first key), replacing a whitespace finding there.
   */
  private checkGroups(values: readonly string[], found: number[], n: number): number {
    for (const rule of this.groupRules) {
      if (!rule.always && rule.cols.every((col) => isBlank(values[col]))) continue;
      if (rule.any) {
        if (rule.keys.every((col) => isBlank(values[col])))
          n = putAt(found, n, rule.keys[0], 'keys.noneFilled');
        continue;
      }
      for (const col of rule.keys) if (isBlank(values[col])) n = putAt(found, n, col, 'group.keyMissing');
    }
    return n;
  }

  private replaceCellFindings(rowId: number, next: ArrayLike<number>, n: number, from = 0): void {
    const store = this.cellFindings;
    for (let k = 0; k < store.count(rowId); k++) this.countPacked(store.at(rowId, k), -1);
    for (let k = 0; k < n; k++) this.countPacked(next[from + k], 1);
    store.set(rowId, next, n, from);
  }

  private countPacked(packed: number, delta: number): void {
    this.countByColumnCode.set(packed, (this.countByColumnCode.get(packed) ?? 0) + delta);
    if (severityOf(codeOf(packed)) === 'error') this.errorCount += delta;
    else this.warningCount += delta;
  }

  // --- sheet rules ------------------------------------------------------------------------------------

  private reindexRow(rowId: number, values: readonly string[]): Set<number> {
    const touched = this.duplicates.reindex(rowId, values, this.cellFindings);
    this.refreshFlags(touched);
    return touched;
  }

  private refreshFlags(rows: Iterable<number>): void {
    for (const rowId of rows) this.refreshFlag(rowId);
  }

  private refreshFlag(rowId: number): void {
    if (this.rowState[rowId] === live) this.setFlags(rowId, this.duplicates.flagsOf(rowId));
  }

  private setFlags(rowId: number, flags: number): void {
    const before = this.rowFlags[rowId];
    if (before === flags) return;
    const changed = before ^ flags;
    const { uniqueCols, uniqueCodes, likelyDuplicateCol } = this.duplicates;
    for (let i = 0; i < uniqueCols.length; i++) {
      if (changed & uniqueBit(i))
        this.countPacked(pack(uniqueCols[i], uniqueCodes[i]), flags & uniqueBit(i) ? 1 : -1);
    }
    if (changed & likelyDuplicateBit) {
      this.countPacked(
        pack(likelyDuplicateCol, 'contact.likelyDuplicate'),
        flags & likelyDuplicateBit ? 1 : -1,
      );
    }
    this.rowFlags[rowId] = flags;
  }

  private growRowState(): void {
    const state = new Uint8Array(this.rowState.length * 2);
    state.set(this.rowState);
    this.rowState = state;
    const flags = new Uint8Array(this.rowFlags.length * 2);
    flags.set(this.rowFlags);
    this.rowFlags = flags;
  }

  private assertLive(rowId: number): void {
    if (this.rowState[rowId] !== live) throw new RangeError(`row ${rowId} is not in the sheet`);
  }
}
