import type { FieldDef } from '../template';
import { type IssueCode, issueCodes, severityOf } from './codes';
import type { FindingStore } from './finding-store';
import { uniqueKey } from './keys';
import { NumericKeyIndex } from './numeric-key-index';
import { nameHash, pairHash, pairTagOf, pairTags, phoneHash, uniqueHash } from './pair-hash';
import { GroupRegistry, type RowGroup } from './row-group';
import { UniqueValueIndex } from './unique-value-index';

/** A sheet part's duplicate keys, per row: what `exportKeys` hands over and `addKeys` takes. */
export type DuplicateKeys = Readonly<{
  /** Per unique column, each row's 53-bit hash (-1: empty or invalid cell) and folded value ('' then). */
  uniqueHashes: Float64Array[];
  uniqueKeys: string[][];
  /** Each row's pair keys at row * stride, -1 where unused. */
  pairKeys: Float64Array;
}>;

/** What the rows of a duplicate group share: a unique column's value, or two of name, phone and email. */
export type DuplicateMatch = 'value' | 'namePhone' | 'emailPhone' | 'nameEmail';

const matchOfTag: Readonly<Record<number, DuplicateMatch>> = {
  [pairTags.namePhone]: 'namePhone',
  [pairTags.emailPhone]: 'emailPhone',
  [pairTags.nameEmail]: 'nameEmail',
};

/** Row flag bits: bit 0 likely duplicate, bit 1+i duplicate in unique column i. */
export const likelyDuplicateBit = 1;
export const uniqueBit = (i: number) => 2 << i;

/**
 * True when the cell is filled and has no error of its own, read from the row's packed cell findings (so no
 * rule runs twice). A malformed value is already an error; calling it a duplicate as well would only add
 * noise, and it may well differ once corrected. A warning (a mixed-script address) does not keep it out.
 */
function isValidFilled(
  values: readonly string[],
  col: number,
  findings: FindingStore,
  rowId: number,
): boolean {
  if ((values[col] ?? '') === '') return false;
  for (let k = 0; k < findings.count(rowId); k++) {
    const packed = findings.at(rowId, k);
    if (Math.floor(packed / 64) === col && severityOf(issueCodes[packed % 64]) === 'error') return false;
  }
  return true;
}

/**
 * The sheet rules' memory: which rows share a unique value (email) and which agree on two of name, phone and
 * email (likely duplicates). Both are 53-bit hashes in typed-array indexes; unique values are confirmed
 * against the folded strings kept per row, so a hash collision can never make a false duplicate error.
 *
 * Rows sharing a key form a `RowGroup`: a row's finding points at its group, and adding, changing or removing
 * a row costs the keys it holds (a binary search in each group it joins or leaves), never a pass over a
 * group. Only a row whose duplicate status changes is named as touched: the one other row of a pair that
 * forms or breaks up. Every group whose rows changed is in `groups.changed`.
 */
export class DuplicateIndex {
  readonly uniqueCols: readonly number[];
  readonly uniqueCodes: readonly IssueCode[];
  /** Where a likely-duplicate warning is shown: the first name, as people recognise a contact by name. */
  readonly likelyDuplicateCol: number;
  /** Columns whose value feeds a key; an edit elsewhere never touches the indexes. */
  readonly keyCols: ReadonlySet<number>;
  /** Every group of two or more rows, by id; and which changed lately. */
  readonly groups = new GroupRegistry();
  private readonly firstNameCol: number;
  private readonly lastNameCol: number;
  private readonly emailCols: readonly number[];
  private readonly phoneCols: readonly number[];
  /** For each email column, its position among the unique columns (-1: not unique). */
  private readonly emailUniqueIndex: readonly number[];

  private readonly uniqueKeys: (string | undefined)[][];
  private readonly uniqueHashes: Float64Array[];
  private readonly uniqueIndexes: UniqueValueIndex[];
  /** Each row's pair keys at rowId * pairStride, -1 where a slot is unused. */
  private pairKeys: Float64Array;
  private readonly pairStride: number;
  private readonly pairIndex: NumericKeyIndex;
  /** A row's keys before a change (`reindex`), to touch only the groups that really change. */
  private readonly oldHashes: number[];
  private readonly oldKeys: (string | undefined)[];
  private readonly oldPairs: Float64Array;

  /**
   * `indexed` false: keys are computed and kept but never looked up (a part of a sheet validated in a worker
   * thread; its keys are exported and indexed where the parts come together).
   */
  constructor(
    columns: readonly (FieldDef | null)[],
    private readonly indexed = true,
  ) {
    const colsWhere = (test: (field: FieldDef) => boolean) =>
      columns.flatMap((field, col) => (field && test(field) ? [col] : []));
    this.uniqueCols = colsWhere((f) => f.unique);
    this.uniqueCodes = this.uniqueCols.map((col) =>
      columns[col]?.kind === 'email' ? 'email.duplicate' : 'value.duplicate',
    );
    this.firstNameCol = columns.findIndex((f) => f?.role === 'firstName');
    this.lastNameCol = columns.findIndex((f) => f?.role === 'lastName');
    this.likelyDuplicateCol = Math.max(this.firstNameCol, 0);
    this.emailCols = colsWhere((f) => f.role === 'email');
    this.phoneCols = colsWhere((f) => f.role === 'phone');
    this.emailUniqueIndex = this.emailCols.map((col) => this.uniqueCols.indexOf(col));
    this.keyCols = new Set([
      ...this.uniqueCols,
      ...this.emailCols,
      ...this.phoneCols,
      this.firstNameCol,
      this.lastNameCol,
    ]);
    this.uniqueKeys = this.uniqueCols.map(() => []);
    this.uniqueHashes = this.uniqueCols.map(() => new Float64Array(1024).fill(-1));
    this.uniqueIndexes = this.uniqueCols.map(
      (_, i) => new UniqueValueIndex(this.groups, i, this.uniqueKeys[i]),
    );
    const phones = this.phoneCols.length;
    const emails = this.emailCols.length;
    this.pairStride = phones + emails + phones * emails;
    this.pairKeys = new Float64Array(Math.max(1, this.pairStride) * 1024).fill(-1);
    this.pairIndex = new NumericKeyIndex(this.groups, this.uniqueCols.length);
    this.oldHashes = this.uniqueCols.map(() => -1);
    this.oldKeys = this.uniqueCols.map(() => undefined);
    this.oldPairs = new Float64Array(this.pairStride);
  }

  /** The folded key a row holds in a unique column, or undefined (empty or invalid cell). */
  uniqueKeyOf(rowId: number, col: number): string | undefined {
    const i = this.uniqueCols.indexOf(col);
    return i < 0 ? undefined : this.uniqueKeys[i][rowId];
  }

  /**
   * Adds the row's keys (`findings`: its packed cell findings); returns the rows whose duplicate status may
   * have changed (the row itself when it joined a group, and the partner of a pair that just formed), or null
   * when the row is alone under every key (nearly every row of a large sheet: nothing to look up again).
   */
  add(rowId: number, values: readonly string[], findings: FindingStore): Set<number> | null {
    this.storeKeys(rowId, values, findings);
    return this.indexed ? this.indexRow(rowId) : null;
  }

  /** Adds a row with the keys another index computed for its row `from` (`exportKeys`); returns as `add`. */
  addKeys(rowId: number, keys: DuplicateKeys, from: number): Set<number> | null {
    for (let i = 0; i < this.uniqueCols.length; i++) {
      const hash = keys.uniqueHashes[i][from];
      if (hash < 0) continue;
      this.uniqueKeys[i][rowId] = keys.uniqueKeys[i][from];
      this.uniqueHashes[i] = ensureSlots(this.uniqueHashes[i], rowId + 1);
      this.uniqueHashes[i][rowId] = hash;
    }
    const stride = this.pairStride;
    this.pairKeys = ensureSlots(this.pairKeys, (rowId + 1) * stride);
    this.pairKeys.set(keys.pairKeys.subarray(from * stride, (from + 1) * stride), rowId * stride);
    return this.indexRow(rowId);
  }

  /**
   * The keys of rows 0 to `rows` - 1, for another index to add (`addKeys`): what a worker thread hands back.
   * The typed arrays are views of this index's own (no copy on a million rows): use it no further.
   */
  exportKeys(rows: number): DuplicateKeys {
    const view = (array: Float64Array, length: number) =>
      array.length >= length ? array.subarray(0, length) : ensureSlots(array, length).subarray(0, length);
    return {
      uniqueHashes: this.uniqueHashes.map((hashes) => view(hashes, rows)),
      uniqueKeys: this.uniqueKeys.map((keys) => Array.from({ length: rows }, (_, r) => keys[r] ?? '')),
      pairKeys: view(this.pairKeys, rows * this.pairStride),
    };
  }

  /**
   * Makes room for `rows` rows in all (a caller that knows, or can estimate, how many are coming): the
   * arrays and tables then do not grow and rehash on the way. Pair keys per row are taken from the rows so
   * far (`rowsSoFar`), or assumed all distinct before any.
   */
  reserve(rows: number, rowsSoFar: number): void {
    for (let i = 0; i < this.uniqueCols.length; i++) {
      this.uniqueHashes[i] = ensureSlots(this.uniqueHashes[i], rows);
      this.uniqueIndexes[i].reserve(rows);
    }
    this.pairKeys = ensureSlots(this.pairKeys, rows * this.pairStride);
    const perRow = rowsSoFar > 100 ? this.pairIndex.size / rowsSoFar : this.pairStride;
    this.pairIndex.reserve(Math.ceil(rows * perRow * 1.05));
  }

  /** Puts the row's stored keys into the indexes; returns the rows whose status may have changed, or null. */
  private indexRow(rowId: number): Set<number> | null {
    let touched: Set<number> | null = null;
    for (let i = 0; i < this.uniqueCols.length; i++) {
      const hash = this.uniqueHashes[i][rowId] ?? -1;
      if (hash < 0) continue;
      const group = this.uniqueIndexes[i].add(hash, this.uniqueKeys[i][rowId] ?? '', rowId);
      if (group) touched = joined(touched, group, rowId);
    }
    const base = rowId * this.pairStride;
    for (let k = 0; k < this.pairStride; k++) {
      const key = this.pairKeys[base + k];
      if (key < 0) continue;
      const group = this.pairIndex.add(key, rowId);
      if (group) touched = joined(touched, group, rowId);
    }
    return touched;
  }

  /** Removes the row's keys; returns the row and the rows left alone by its going (the rest of a pair). */
  remove(rowId: number): Set<number> {
    const touched = new Set<number>([rowId]);
    for (let i = 0; i < this.uniqueCols.length; i++) {
      const hash = this.uniqueHashes[i][rowId] ?? -1;
      if (hash < 0) continue;
      this.leaveUnique(i, hash, this.uniqueKeys[i][rowId] ?? '', rowId, touched);
      this.uniqueHashes[i][rowId] = -1;
      this.uniqueKeys[i][rowId] = undefined;
    }
    const base = rowId * this.pairStride;
    for (let k = 0; k < this.pairStride; k++) {
      const key = this.pairKeys[base + k];
      if (key < 0) continue;
      this.leavePair(key, rowId, touched);
      this.pairKeys[base + k] = -1;
    }
    return touched;
  }

  /**
   * Recomputes a changed row's keys and moves it only between the groups whose key changed: an edit that
   * leaves the email as it was does not touch the email's group. Returns the row and the other rows whose
   * status may have changed.
   */
  reindex(rowId: number, values: readonly string[], findings: FindingStore): Set<number> {
    const touched = new Set<number>([rowId]);
    const uniques = this.uniqueCols.length;
    for (let i = 0; i < uniques; i++) {
      this.oldHashes[i] = this.uniqueHashes[i][rowId] ?? -1;
      this.oldKeys[i] = this.uniqueKeys[i][rowId];
    }
    const stride = this.pairStride;
    const base = rowId * stride;
    for (let k = 0; k < stride; k++) this.oldPairs[k] = this.pairKeys[base + k];
    this.storeKeys(rowId, values, findings);
    for (let i = 0; i < uniques; i++) {
      const before = this.oldHashes[i];
      const after = this.uniqueHashes[i][rowId] ?? -1;
      const key = this.uniqueKeys[i][rowId];
      if (before === after && this.oldKeys[i] === key) continue;
      if (before >= 0) this.leaveUnique(i, before, this.oldKeys[i] ?? '', rowId, touched);
      if (after < 0) continue;
      const group = this.uniqueIndexes[i].add(after, key ?? '', rowId);
      if (group?.size === 2) touched.add(partnerOf(group, rowId));
    }
    for (let k = 0; k < stride; k++) {
      const before = this.oldPairs[k];
      if (before >= 0 && !holdsKey(this.pairKeys, base, stride, before))
        this.leavePair(before, rowId, touched);
    }
    for (let k = 0; k < stride; k++) {
      const after = this.pairKeys[base + k];
      if (after < 0 || holdsKey(this.oldPairs, 0, stride, after)) continue;
      const group = this.pairIndex.add(after, rowId);
      if (group?.size === 2) touched.add(partnerOf(group, rowId));
    }
    return touched;
  }

  private leaveUnique(i: number, hash: number, key: string, rowId: number, touched: Set<number>): void {
    const group = this.uniqueIndexes[i].remove(hash, key, rowId);
    if (group?.size === 1) touched.add(group.rows[0]);
  }

  private leavePair(key: number, rowId: number, touched: Set<number>): void {
    const group = this.pairIndex.remove(key, rowId);
    if (group?.size === 1) touched.add(group.rows[0]);
  }

  /** The row's duplicate flags as they stand now. */
  flagsOf(rowId: number): number {
    let flags = 0;
    for (let i = 0; i < this.uniqueCols.length; i++) {
      if (this.uniqueGroupOf(i, rowId)) flags |= uniqueBit(i);
    }
    const base = rowId * this.pairStride;
    for (let k = 0; k < this.pairStride; k++) {
      const key = this.pairKeys[base + k];
      if (key >= 0 && this.pairIndex.count(key) > 1) return flags | likelyDuplicateBit;
    }
    return flags;
  }

  /** The group of rows with the same value as this one in unique column i, if there is one. */
  uniqueGroupOf(i: number, rowId: number): RowGroup | undefined {
    const hash = this.uniqueHashes[i][rowId] ?? -1;
    if (hash < 0) return undefined;
    return this.uniqueIndexes[i].group(hash, this.uniqueKeys[i][rowId] ?? '');
  }

  /** The groups of rows that agree with this one on two of name, phone and email, in the row's key order. */
  likelyGroupsOf(rowId: number): RowGroup[] {
    const groups: RowGroup[] = [];
    const base = rowId * this.pairStride;
    for (let k = 0; k < this.pairStride; k++) {
      const key = this.pairKeys[base + k];
      if (key < 0) continue;
      const group = this.pairIndex.group(key);
      if (group) groups.push(group);
    }
    return groups;
  }

  /** What a group's rows share. */
  matchOf(group: RowGroup): DuplicateMatch {
    return group.source < this.uniqueCols.length ? 'value' : matchOfTag[pairTagOf(group.key)];
  }

  /** The column a group's findings are shown in, and their code. */
  placeOf(group: RowGroup): { col: number; code: IssueCode } {
    return group.source < this.uniqueCols.length
      ? { col: this.uniqueCols[group.source], code: this.uniqueCodes[group.source] }
      : { col: this.likelyDuplicateCol, code: 'contact.likelyDuplicate' };
  }

  /** Computes and stores a row's keys (not yet in the indexes). */
  private storeKeys(rowId: number, values: readonly string[], findings: FindingStore): void {
    for (let i = 0; i < this.uniqueCols.length; i++) {
      const col = this.uniqueCols[i];
      let hash = -1;
      if (isValidFilled(values, col, findings, rowId)) hash = uniqueHash(values[col]);
      this.uniqueHashes[i] = ensureSlots(this.uniqueHashes[i], rowId + 1);
      this.uniqueHashes[i][rowId] = hash;
      this.uniqueKeys[i][rowId] = hash < 0 ? undefined : uniqueKey(values[col]);
    }
    this.storePairKeys(rowId, values, findings);
  }

  /**
   * "Likely duplicate" is two of name, phone, email equal. Each pair of a row's keys becomes one hashed key
   * (name+phone, email+phone, name+email), so two rows share a pair key exactly when they agree on two of
   * the three. Keys go into the row's slots of `pairKeys`, repeats within the row skipped.
   */
  private storePairKeys(rowId: number, values: readonly string[], findings: FindingStore): void {
    const stride = this.pairStride;
    const base = rowId * stride;
    if (stride === 0) return;
    this.pairKeys = ensureSlots(this.pairKeys, base + stride);
    const store = this.pairKeys;
    let n = 0;
    const name =
      this.firstNameCol >= 0 && this.lastNameCol >= 0
        ? nameHash(values[this.firstNameCol] ?? '', values[this.lastNameCol] ?? '')
        : -1;
    for (let e = 0; e < this.emailCols.length; e++) {
      const emailCol = this.emailCols[e];
      // An email column that is also unique already has its hash from `add`: not hashed twice.
      const unique = this.emailUniqueIndex[e];
      const email =
        unique >= 0
          ? (this.uniqueHashes[unique][rowId] ?? -1)
          : isValidFilled(values, emailCol, findings, rowId)
            ? uniqueHash(values[emailCol])
            : -1;
      if (email < 0) continue;
      if (name >= 0) n = putKey(store, base, n, pairHash(pairTags.nameEmail, name, email));
      for (const phoneCol of this.phoneCols) {
        const phone = phoneHash(values[phoneCol] ?? '');
        if (phone >= 0) n = putKey(store, base, n, pairHash(pairTags.emailPhone, email, phone));
      }
    }
    if (name >= 0) {
      for (const phoneCol of this.phoneCols) {
        const phone = phoneHash(values[phoneCol] ?? '');
        if (phone >= 0) n = putKey(store, base, n, pairHash(pairTags.namePhone, name, phone));
      }
    }
    for (let k = n; k < stride; k++) store[base + k] = -1;
  }
}

/** The rows touched by a row joining a group: itself, and the one it pairs with in a group of two. */
function joined(touched: Set<number> | null, group: RowGroup, rowId: number): Set<number> {
  const rows = touched ?? new Set<number>([rowId]);
  if (group.size === 2) rows.add(partnerOf(group, rowId));
  return rows;
}

/** The other row of a group of two. */
function partnerOf(group: RowGroup, rowId: number): number {
  return group.rows[0] === rowId ? group.rows[1] : group.rows[0];
}

/** True when `key` is among the `stride` slots from `base`. */
function holdsKey(store: Float64Array, base: number, stride: number, key: number): boolean {
  for (let k = 0; k < stride; k++) if (store[base + k] === key) return true;
  return false;
}

/** A typed array with at least `length` slots (doubling, new slots -1). */
function ensureSlots(array: Float64Array, length: number): Float64Array {
  if (length <= array.length) return array;
  const grown = new Float64Array(Math.max(array.length * 2, length)).fill(-1);
  grown.set(array);
  return grown;
}

/** Writes a key into a row's pair slots unless the row already has it; returns the new slot count. */
function putKey(store: Float64Array, base: number, n: number, key: number): number {
  for (let k = 0; k < n; k++) if (store[base + k] === key) return n;
  store[base + n] = key;
  return n + 1;
}
