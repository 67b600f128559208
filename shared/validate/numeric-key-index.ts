import { type GroupRegistry, RowGroup } from './row-group';

/** `addIfSame`'s answer when the key is held by rows of another value. */
export const otherValue = Symbol('another value');
export type OtherValue = typeof otherValue;

const EMPTY = -1;
const NO_ROW = -1;
// Linear probing stays short up to about three quarters full; each slot is 12 bytes, so a million-row sheet
// with five pair keys a row costs about 100 MB here, not the gigabyte a Map of heap numbers would.
const maxLoad = 0.75;

/**
 * Rows by 53-bit numeric key, for the "likely duplicate" pair keys and the unique values' hashes: millions
 * of them on a large sheet. Open addressing over typed arrays instead of a Map keeps them out of the garbage
 * collector's way (a Map with non-Smi number keys allocates a heap number per key). A slot holds its key and
 * its one row; only keys shared by two or more rows pay for a `RowGroup`, which the registry numbers.
 */
export class NumericKeyIndex {
  private keys: Float64Array;
  /** The row of a key held by exactly one row; NO_ROW when none or when `groups` has the rows. */
  private soleRows: Int32Array;
  private readonly groups = new Map<number, RowGroup>();
  private occupied = 0;
  private mask: number;

  constructor(
    private readonly registry: GroupRegistry,
    /** Which index this is, for the groups it makes (`RowGroup.source`). */
    private readonly source = 0,
    initialCapacity = 1024,
  ) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity *= 2;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.soleRows = new Int32Array(capacity).fill(NO_ROW);
    this.mask = capacity - 1;
  }

  /** Adds a row to a key; returns the group it joined (two or more rows: a duplicate), or null when alone. */
  add(key: number, rowId: number): RowGroup | null {
    let slot = this.find(key);
    if (slot < 0) {
      // A new key, the common case on a large sheet: no group to look up.
      if ((this.occupied + 1) / this.keys.length > maxLoad) this.grow();
      slot = ~this.find(key);
      this.keys[slot] = key;
      this.occupied++;
      this.soleRows[slot] = rowId;
      return null;
    }
    const sole = this.soleRows[slot];
    let group = this.groups.get(slot);
    if (sole !== NO_ROW) {
      group = new RowGroup(this.source, key);
      group.insert(sole);
      this.groups.set(slot, group);
      this.soleRows[slot] = NO_ROW;
    } else if (!group) {
      this.soleRows[slot] = rowId;
      return null;
    }
    group.insert(rowId);
    this.registry.update(group);
    return group;
  }

  /**
   * `add`, unless the rows already under the key hold another value (`values[row]` differs from `value`: a
   * hash collision): then nothing is added and `otherValue` is returned. One probe, as `add`.
   */
  addIfSame(
    key: number,
    rowId: number,
    values: readonly (string | undefined)[],
    value: string,
  ): RowGroup | null | OtherValue {
    const slot = this.find(key);
    if (slot >= 0) {
      const first = this.groups.get(slot)?.rows[0] ?? this.soleRows[slot];
      if (first !== NO_ROW && values[first] !== value) return otherValue;
    }
    return this.add(key, rowId);
  }

  /**
   * Takes a row out of a key; returns the group it left (with one row left, the group is over and that row
   * is alone again), or null when the row was alone or did not hold the key.
   */
  remove(key: number, rowId: number): RowGroup | null {
    const slot = this.find(key);
    if (slot < 0) return null;
    const group = this.groups.get(slot);
    if (!group) {
      if (this.soleRows[slot] === rowId) this.soleRows[slot] = NO_ROW;
      return null;
    }
    if (!group.delete(rowId)) return null;
    if (group.size === 1) {
      this.soleRows[slot] = group.rows[0];
      this.groups.delete(slot);
    }
    this.registry.update(group);
    return group;
  }

  count(key: number): number {
    const slot = this.find(key);
    if (slot < 0) return 0;
    return this.groups.get(slot)?.size ?? (this.soleRows[slot] === NO_ROW ? 0 : 1);
  }

  /** The group of rows sharing the key, when two or more do. */
  group(key: number): RowGroup | undefined {
    const slot = this.find(key);
    return slot < 0 ? undefined : this.groups.get(slot);
  }

  /** One row holding the key (the first by id), or -1 when none does. */
  firstRow(key: number): number {
    const slot = this.find(key);
    if (slot < 0) return NO_ROW;
    return this.groups.get(slot)?.rows[0] ?? this.soleRows[slot];
  }

  /** The rows that share the key (a fresh array, ascending). */
  rows(key: number): number[] {
    const slot = this.find(key);
    if (slot < 0) return [];
    const group = this.groups.get(slot);
    if (group) return group.rows.slice();
    return this.soleRows[slot] === NO_ROW ? [] : [this.soleRows[slot]];
  }

  /** The slot holding `key`, or the bitwise complement of the empty slot where it would go. */
  private find(key: number): number {
    const keys = this.keys;
    let slot = (Math.imul((key >>> 0) ^ ((key / 4294967296) | 0), 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const at = keys[slot];
      if (at === key) return slot;
      if (at === EMPTY) return ~slot;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Makes room for `keys` keys in all, so that adding them does not grow the table on the way. */
  reserve(keys: number): void {
    let capacity = this.keys.length;
    while (keys / capacity > maxLoad) capacity *= 2;
    if (capacity > this.keys.length) this.rehash(capacity);
  }

  /** Distinct keys held (including keys whose rows have all gone, until the next growth drops them). */
  get size(): number {
    return this.occupied;
  }

  /** Doubles the table (more if needed), dropping keys no row holds any more. */
  private grow(): void {
    const { keys, soleRows, groups } = this;
    let live = 0;
    for (let i = 0; i < keys.length; i++)
      if (keys[i] !== EMPTY && (soleRows[i] !== NO_ROW || groups.has(i))) live++;
    let capacity = keys.length;
    while ((live + 1) / capacity > maxLoad / 2) capacity *= 2;
    this.rehash(capacity);
  }

  private rehash(capacity: number): void {
    const { keys, soleRows, groups } = this;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.soleRows = new Int32Array(capacity).fill(NO_ROW);
    this.mask = capacity - 1;
    this.occupied = 0;
    const movedGroups = new Map<number, RowGroup>();
    for (let i = 0; i < keys.length; i++) {
      const group = groups.get(i);
      if (keys[i] === EMPTY || (soleRows[i] === NO_ROW && !group)) continue;
      const slot = ~this.find(keys[i]);
      this.keys[slot] = keys[i];
      this.soleRows[slot] = soleRows[i];
      if (group) movedGroups.set(slot, group);
      this.occupied++;
    }
    groups.clear();
    for (const [slot, group] of movedGroups) groups.set(slot, group);
  }
}
