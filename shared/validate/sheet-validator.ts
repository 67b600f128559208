import type { FieldDef, Lookups, Template } from '../template';
import { type ColumnRule, checkValue, compileColumnRule } from './cell-checks';
import { type IssueCode, issueCodes, type Severity, severityOf } from './codes';
import { KeyIndex } from './key-index';
import { uniqueKey } from './keys';
import { NumericKeyIndex } from './numeric-key-index';
import { emailHash, nameHash, pairHash, phoneHash } from './pair-hash';

export type ValidatorOptions = {
  template: Template;
  /** The template field each column holds, by column position; null for a column nobody validates. */
  columns: readonly (FieldDef | null)[];
  /** The account's lists; ID columns are checked against the lists present here. */
  lookups?: Lookups;
};

/** One problem found, before it is worded for people. Rows are stable ids, not positions. */
export type Finding = Readonly<{
  rowId: number;
  col: number;
  code: IssueCode;
  severity: Severity;
  /** For duplicates: the other rows involved. */
  related?: readonly number[];
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
// Row flag bits: bit 0 likely duplicate, bit 1+i duplicate in unique column i.
const likelyDuplicateBit = 1;

/** Writes a key into a row's pair slots unless the row already has it; returns the new slot count. */
function putKey(store: Float64Array, base: number, n: number, key: number): number {
  for (let k = 0; k < n; k++) if (store[base + k] === key) return n;
  store[base + n] = key;
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
  private readonly uniqueCols: readonly number[];
  private readonly uniqueCodes: readonly IssueCode[];
  private readonly firstNameCol: number;
  private readonly lastNameCol: number;
  /** Where a likely-duplicate warning is shown: the first name, as people recognise a contact by name. */
  private readonly likelyDuplicateCol: number;
  private readonly emailCols: readonly number[];
  private readonly phoneCols: readonly number[];
  /** Columns whose value feeds a key; an edit elsewhere never touches the indexes. */
  private readonly keyCols: ReadonlySet<number>;

  private readonly cellFindings: (number[] | undefined)[] = [];
  private readonly uniqueKeys: (string | undefined)[][];
  private readonly uniqueIndexes: KeyIndex<string>[];
  /** Each row's pair keys at rowId * pairStride, -1 where a slot is unused. */
  private pairKeys: Float64Array;
  private readonly pairStride: number;
  private readonly pairIndex = new NumericKeyIndex();
  private readonly rowFlags: number[] = [];
  private readonly live: boolean[] = [];
  private nextRowId = 0;
  private liveRows = 0;
  private errorCount = 0;
  private warningCount = 0;
  private readonly countByColumnCode = new Map<number, number>();

  constructor(options: ValidatorOptions) {
    const { template, columns, lookups } = options;
    this.template = template;
    this.columns = columns;
    this.rules = columns.map((field) => (field ? compileColumnRule(field, template, lookups) : null));
    const colsWhere = (test: (field: FieldDef) => boolean) =>
      columns.flatMap((field, col) => (field && test(field) ? [col] : []));
    this.requiredCols = colsWhere((f) => f.required);
    this.uniqueCols = colsWhere((f) => f.unique);
    this.uniqueCodes = this.uniqueCols.map((col) =>
      columns[col]?.kind === 'email' ? 'email.duplicate' : 'value.duplicate',
    );
    this.firstNameCol = columns.findIndex((f) => f?.role === 'firstName');
    this.lastNameCol = columns.findIndex((f) => f?.role === 'lastName');
    this.likelyDuplicateCol = Math.max(this.firstNameCol, 0);
    this.emailCols = colsWhere((f) => f.role === 'email');
    this.phoneCols = colsWhere((f) => f.role === 'phone');
    this.keyCols = new Set([
      ...this.uniqueCols,
      ...this.emailCols,
      ...this.phoneCols,
      this.firstNameCol,
      this.lastNameCol,
    ]);
    this.uniqueKeys = this.uniqueCols.map(() => []);
    const phones = this.phoneCols.length;
    const emails = this.emailCols.length;
    this.pairStride = phones + emails + phones * emails;
    this.pairKeys = new Float64Array(Math.max(1, this.pairStride) * 1024).fill(-1);
    this.uniqueIndexes = this.uniqueCols.map(() => new KeyIndex<string>());
  }

  get rowCount(): number {
    return this.liveRows;
  }

  /** Adds a row and returns its id. Rows whose findings changed with it: see `addRowAffecting`. */
  addRow(values: readonly string[]): number {
    const rowId = this.nextRowId++;
    this.live[rowId] = true;
    this.liveRows++;
    this.rowFlags[rowId] = 0;
    this.replaceCellFindings(rowId, this.checkRow(values));
    const touched = this.indexRow(rowId, values);
    if (touched) this.refreshFlags(touched);
    return rowId;
  }

  /** Revalidates one edited cell; `values` is the whole row after the edit. Returns the rows to redraw. */
  updateCell(rowId: number, col: number, values: readonly string[]): ReadonlySet<number> {
    this.assertLive(rowId);
    const current = this.cellFindings[rowId];
    const next = current ? current.filter((f) => colOf(f) !== col) : [];
    const code = this.checkCell(col, values[col] ?? '');
    if (code) {
      next.push(pack(col, code));
      next.sort((a, b) => a - b);
    }
    this.replaceCellFindings(rowId, next.length ? next : undefined);
    if (!this.keyCols.has(col)) return new Set([rowId]);
    return this.reindexRow(rowId, values);
  }

  /** Revalidates a whole row (after a fix, a paste, an undo of several cells). Returns the rows to redraw. */
  updateRow(rowId: number, values: readonly string[]): ReadonlySet<number> {
    this.assertLive(rowId);
    this.replaceCellFindings(rowId, this.checkRow(values));
    return this.reindexRow(rowId, values);
  }

  /** Takes a row out (deleted by the user). Returns the other rows whose findings changed. */
  removeRow(rowId: number): ReadonlySet<number> {
    this.assertLive(rowId);
    this.replaceCellFindings(rowId, undefined);
    const touched = this.unindexRow(rowId);
    this.setFlags(rowId, 0);
    this.live[rowId] = false;
    this.liveRows--;
    touched.delete(rowId);
    this.refreshFlags(touched);
    return touched;
  }

  isLive(rowId: number): boolean {
    return this.live[rowId] === true;
  }

  /** Every finding of a row, cell rules first, then duplicates. */
  findings(rowId: number): Finding[] {
    const out: Finding[] = [];
    for (const f of this.cellFindings[rowId] ?? []) {
      const code = codeOf(f);
      out.push({ rowId, col: colOf(f), code, severity: severityOf(code) });
    }
    const flags = this.rowFlags[rowId] ?? 0;
    this.uniqueCols.forEach((col, i) => {
      if (flags & (2 << i)) {
        const key = this.uniqueKeys[i][rowId];
        const related = key === undefined ? [] : this.uniqueIndexes[i].rows(key).filter((r) => r !== rowId);
        const code = this.uniqueCodes[i];
        out.push({ rowId, col, code, severity: severityOf(code), related });
      }
    });
    if (flags & likelyDuplicateBit) {
      const related = new Set<number>();
      const base = rowId * this.pairStride;
      for (let k = 0; k < this.pairStride; k++) {
        const key = this.pairKeys[base + k];
        if (key >= 0) for (const r of this.pairIndex.rows(key)) related.add(r);
      }
      related.delete(rowId);
      const code: IssueCode = 'contact.likelyDuplicate';
      out.push({
        rowId,
        col: this.likelyDuplicateCol,
        code,
        severity: severityOf(code),
        related: [...related].sort((a, b) => a - b),
      });
    }
    return out;
  }

  /** True when the row has at least one finding (cheap: no allocation). */
  hasFindings(rowId: number): boolean {
    return this.cellFindings[rowId] !== undefined || (this.rowFlags[rowId] ?? 0) !== 0;
  }

  /** The code of the first finding on a cell, or null: what the grid needs to paint a cell. */
  cellCode(rowId: number, col: number): IssueCode | null {
    for (const f of this.cellFindings[rowId] ?? []) if (colOf(f) === col) return codeOf(f);
    const flags = this.rowFlags[rowId] ?? 0;
    if (flags === 0) return null;
    const unique = this.uniqueCols.indexOf(col);
    if (unique >= 0 && flags & (2 << unique)) return this.uniqueCodes[unique];
    if (flags & likelyDuplicateBit && col === this.likelyDuplicateCol) return 'contact.likelyDuplicate';
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

  /** Cell rules of a whole row, then the required columns; packed findings in column order, or undefined. */
  private checkRow(values: readonly string[]): number[] | undefined {
    let found: number[] | undefined;
    const rules = this.rules;
    for (let col = 0; col < rules.length; col++) {
      const rule = rules[col];
      if (rule === null) continue;
      const value = values[col] ?? '';
      if (value === '') continue;
      const code = checkValue(rule, value);
      if (code === null) continue;
      found ??= [];
      found.push(pack(col, code));
    }
    for (const col of this.requiredCols) {
      const value = values[col] ?? '';
      if (value === '' || value.trim() === '') {
        found = (found ?? []).filter((f) => colOf(f) !== col);
        found.push(pack(col, 'required.missing'));
        found.sort((a, b) => a - b);
      }
    }
    return found;
  }

  private replaceCellFindings(rowId: number, next: number[] | undefined): void {
    const current = this.cellFindings[rowId];
    if (current) for (const f of current) this.countPacked(f, -1);
    if (next) for (const f of next) this.countPacked(f, 1);
    this.cellFindings[rowId] = next;
  }

  private count(col: number, code: IssueCode, delta: number): void {
    this.countPacked(pack(col, code), delta);
  }

  private countPacked(packed: number, delta: number): void {
    this.countByColumnCode.set(packed, (this.countByColumnCode.get(packed) ?? 0) + delta);
    if (severityOf(codeOf(packed)) === 'error') this.errorCount += delta;
    else this.warningCount += delta;
  }

  // --- sheet rules: uniqueness and likely duplicates ---------------------------------------------------

  /** Adds the row's keys to the indexes; returns the rows sharing a key with it, or null if none. */
  private indexRow(rowId: number, values: readonly string[]): Set<number> | null {
    let touched: Set<number> | null = null;
    for (let i = 0; i < this.uniqueCols.length; i++) {
      const col = this.uniqueCols[i];
      const key = this.isValidFilled(rowId, col, values) ? uniqueKey(values[col]) : undefined;
      this.uniqueKeys[i][rowId] = key;
      if (key === undefined) continue;
      this.uniqueIndexes[i].add(key, rowId);
      if (this.uniqueIndexes[i].count(key) > 1) {
        touched ??= new Set();
        for (const r of this.uniqueIndexes[i].rows(key)) touched.add(r);
      }
    }
    this.storePairKeys(rowId, values);
    const base = rowId * this.pairStride;
    for (let k = 0; k < this.pairStride; k++) {
      const key = this.pairKeys[base + k];
      if (key < 0) continue;
      this.pairIndex.add(key, rowId);
      if (this.pairIndex.count(key) > 1) {
        touched ??= new Set();
        for (const r of this.pairIndex.rows(key)) touched.add(r);
      }
    }
    return touched;
  }

  /** Removes the row's keys; returns the row and every row that shared a key with it. */
  private unindexRow(rowId: number): Set<number> {
    const touched = new Set<number>([rowId]);
    for (let i = 0; i < this.uniqueCols.length; i++) {
      const key = this.uniqueKeys[i][rowId];
      if (key === undefined) continue;
      for (const r of this.uniqueIndexes[i].rows(key)) touched.add(r);
      this.uniqueIndexes[i].remove(key, rowId);
      this.uniqueKeys[i][rowId] = undefined;
    }
    const base = rowId * this.pairStride;
    for (let k = 0; k < this.pairStride; k++) {
      const key = this.pairKeys[base + k];
      if (key < 0) continue;
      for (const r of this.pairIndex.rows(key)) touched.add(r);
      this.pairIndex.remove(key, rowId);
      this.pairKeys[base + k] = -1;
    }
    return touched;
  }

  private reindexRow(rowId: number, values: readonly string[]): Set<number> {
    const touched = this.unindexRow(rowId);
    const now = this.indexRow(rowId, values);
    if (now) for (const r of now) touched.add(r);
    this.refreshFlags(touched);
    return touched;
  }

  /**
   * True when the cell is filled and passes its own rule (read from the findings `checkRow` just stored, so
   * no rule runs twice). A malformed value is already an error; calling it a duplicate as well would only
   * add noise, and it may well differ once corrected.
   */
  private isValidFilled(rowId: number, col: number, values: readonly string[]): boolean {
    if ((values[col] ?? '') === '') return false;
    const found = this.cellFindings[rowId];
    if (found === undefined) return true;
    for (const f of found) if (colOf(f) === col) return false;
    return true;
  }

  /** The normalised key a row holds in a unique column, or undefined (empty or invalid cell). */
  uniqueKeyOf(rowId: number, col: number): string | undefined {
    const i = this.uniqueCols.indexOf(col);
    return i < 0 ? undefined : this.uniqueKeys[i][rowId];
  }

  /**
   * "Likely duplicate" is two of name, phone, email equal. Each pair of a row's keys becomes one hashed key
   * (name+phone, email+phone, name+email), so two rows share a pair key exactly when they agree on two of
   * the three. Keys are written into the row's slots of `pairKeys`, duplicates within the row skipped.
   */
  private storePairKeys(rowId: number, values: readonly string[]): void {
    const stride = this.pairStride;
    if (stride === 0) return;
    const base = rowId * stride;
    if (base + stride > this.pairKeys.length) {
      const grown = new Float64Array(Math.max(this.pairKeys.length * 2, base + stride)).fill(-1);
      grown.set(this.pairKeys);
      this.pairKeys = grown;
    }
    const store = this.pairKeys;
    let n = 0;
    const name =
      this.firstNameCol >= 0 && this.lastNameCol >= 0
        ? nameHash(values[this.firstNameCol] ?? '', values[this.lastNameCol] ?? '')
        : -1;
    for (const emailCol of this.emailCols) {
      const email = this.isValidFilled(rowId, emailCol, values) ? emailHash(values[emailCol]) : -1;
      if (email < 0) continue;
      if (name >= 0) n = putKey(store, base, n, pairHash(3, name, email));
      for (const phoneCol of this.phoneCols) {
        const phone = phoneHash(values[phoneCol] ?? '');
        if (phone >= 0) n = putKey(store, base, n, pairHash(2, email, phone));
      }
    }
    if (name >= 0) {
      for (const phoneCol of this.phoneCols) {
        const phone = phoneHash(values[phoneCol] ?? '');
        if (phone >= 0) n = putKey(store, base, n, pairHash(1, name, phone));
      }
    }
    for (let k = n; k < stride; k++) store[base + k] = -1;
  }

  private refreshFlags(rows: Iterable<number>): void {
    for (const rowId of rows) {
      if (!this.live[rowId]) continue;
      let flags = 0;
      for (let i = 0; i < this.uniqueCols.length; i++) {
        const key = this.uniqueKeys[i][rowId];
        if (key !== undefined && this.uniqueIndexes[i].count(key) > 1) flags |= 2 << i;
      }
      const base = rowId * this.pairStride;
      for (let k = 0; k < this.pairStride; k++) {
        const key = this.pairKeys[base + k];
        if (key >= 0 && this.pairIndex.count(key) > 1) {
          flags |= likelyDuplicateBit;
          break;
        }
      }
      this.setFlags(rowId, flags);
    }
  }

  private setFlags(rowId: number, flags: number): void {
    const before = this.rowFlags[rowId] ?? 0;
    if (before === flags) return;
    const changed = before ^ flags;
    this.uniqueCols.forEach((col, i) => {
      if (changed & (2 << i)) this.count(col, this.uniqueCodes[i], flags & (2 << i) ? 1 : -1);
    });
    if (changed & likelyDuplicateBit) {
      this.count(this.likelyDuplicateCol, 'contact.likelyDuplicate', flags & likelyDuplicateBit ? 1 : -1);
    }
    this.rowFlags[rowId] = flags;
  }

  private assertLive(rowId: number): void {
    if (!this.live[rowId]) throw new RangeError(`row ${rowId} is not in the sheet`);
  }
}
