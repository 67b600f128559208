const EMPTY = -1;
const NO_ROW = -1;
// Linear probing stays short up to about three quarters full; each slot is 12 bytes, so a million-row sheet
// with five pair keys a row costs about 100 MB here, not the gigabyte a Map of heap numbers would.
const maxLoad = 0.75;

/**
 * Rows by 53-bit numeric key, for the "likely duplicate" pair keys: millions of them on a large sheet.
 * Open addressing over typed arrays instead of a Map keeps them out of the garbage collector's way (a Map
 * with non-Smi number keys allocates a heap number per key). A slot holds its key and its one row; only keys
 * shared by two or more rows pay for an array of their rows.
 */
export class NumericKeyIndex {
  private keys: Float64Array;
  /** The row of a key held by exactly one row; NO_ROW when none or when `groups` has the rows. */
  private soleRows: Int32Array;
  private readonly groups = new Map<number, number[]>();
  private occupied = 0;
  private mask: number;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity *= 2;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.soleRows = new Int32Array(capacity).fill(NO_ROW);
    this.mask = capacity - 1;
  }

  /** Adds a row to a key; returns how many rows hold the key now (2 or more: a duplicate). */
  add(key: number, rowId: number): number {
    let slot = this.find(key);
    if (slot < 0) {
      // A new key, the common case on a large sheet: no group to look up.
      if ((this.occupied + 1) / this.keys.length > maxLoad) this.grow();
      slot = ~this.find(key);
      this.keys[slot] = key;
      this.occupied++;
      this.soleRows[slot] = rowId;
      return 1;
    }
    const sole = this.soleRows[slot];
    if (sole !== NO_ROW) {
      this.groups.set(slot, [sole, rowId]);
      this.soleRows[slot] = NO_ROW;
      return 2;
    }
    const group = this.groups.get(slot);
    if (group) return group.push(rowId);
    this.soleRows[slot] = rowId;
    return 1;
  }

  remove(key: number, rowId: number): void {
    const slot = this.find(key);
    if (slot < 0) return;
    const group = this.groups.get(slot);
    if (!group) {
      if (this.soleRows[slot] === rowId) this.soleRows[slot] = NO_ROW;
      return;
    }
    const at = group.indexOf(rowId);
    if (at < 0) return;
    group.splice(at, 1);
    if (group.length === 1) {
      this.soleRows[slot] = group[0];
      this.groups.delete(slot);
    }
  }

  count(key: number): number {
    const slot = this.find(key);
    if (slot < 0) return 0;
    return this.groups.get(slot)?.length ?? (this.soleRows[slot] === NO_ROW ? 0 : 1);
  }

  rows(key: number): number[] {
    const slot = this.find(key);
    if (slot < 0) return [];
    const group = this.groups.get(slot);
    if (group) return group.slice();
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
    const movedGroups = new Map<number, number[]>();
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
