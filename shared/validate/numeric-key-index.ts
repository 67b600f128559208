const EMPTY = -1;
const maxLoad = 0.6;

/**
 * Rows by 53-bit numeric key, for the "likely duplicate" pair keys: millions of them on a large sheet.
 * Open addressing over typed arrays instead of a Map keeps them out of the garbage collector's way (a Map
 * with non-Smi number keys allocates a heap number per key). Only keys shared by two or more rows pay for
 * an array of their rows.
 */
export class NumericKeyIndex {
  private keys: Float64Array;
  private counts: Int32Array;
  private firstRows: Int32Array;
  private readonly groups = new Map<number, number[]>();
  private occupied = 0;
  private mask: number;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity *= 2;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.counts = new Int32Array(capacity);
    this.firstRows = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  add(key: number, rowId: number): void {
    let slot = this.find(key);
    if (slot < 0) {
      if ((this.occupied + 1) / this.keys.length > maxLoad) this.grow();
      slot = ~this.find(key);
      this.keys[slot] = key;
      this.occupied++;
    }
    const count = this.counts[slot]++;
    if (count === 0) this.firstRows[slot] = rowId;
    else if (count === 1) this.groups.set(slot, [this.firstRows[slot], rowId]);
    else this.groups.get(slot)?.push(rowId);
  }

  remove(key: number, rowId: number): void {
    const slot = this.find(key);
    if (slot < 0 || this.counts[slot] === 0) return;
    const count = this.counts[slot];
    if (count === 1) {
      if (this.firstRows[slot] === rowId) this.counts[slot] = 0;
      return;
    }
    const rows = this.groups.get(slot);
    const at = rows ? rows.indexOf(rowId) : -1;
    if (!rows || at < 0) return;
    rows.splice(at, 1);
    this.counts[slot] = count - 1;
    if (rows.length === 1) {
      this.firstRows[slot] = rows[0];
      this.groups.delete(slot);
    }
  }

  count(key: number): number {
    const slot = this.find(key);
    return slot < 0 ? 0 : this.counts[slot];
  }

  rows(key: number): number[] {
    const slot = this.find(key);
    if (slot < 0 || this.counts[slot] === 0) return [];
    return this.counts[slot] === 1 ? [this.firstRows[slot]] : (this.groups.get(slot) ?? []).slice();
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

  /** Doubles the table (more if needed), dropping keys no row holds any more. */
  private grow(): void {
    const { keys, counts, firstRows, groups } = this;
    let live = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== EMPTY && counts[i] > 0) live++;
    let capacity = keys.length;
    while ((live + 1) / capacity > maxLoad / 4) capacity *= 2;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.counts = new Int32Array(capacity);
    this.firstRows = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.occupied = 0;
    const movedGroups = new Map<number, number[]>();
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === EMPTY || counts[i] === 0) continue;
      const slot = ~this.find(keys[i]);
      this.keys[slot] = keys[i];
      this.counts[slot] = counts[i];
      this.firstRows[slot] = firstRows[i];
      const group = groups.get(i);
      if (group) movedGroups.set(slot, group);
      this.occupied++;
    }
    groups.clear();
    for (const [slot, group] of movedGroups) groups.set(slot, group);
  }
}
