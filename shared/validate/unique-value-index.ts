import { NumericKeyIndex, otherValue } from './numeric-key-index';
import { type GroupRegistry, RowGroup } from './row-group';

/**
 * Rows by the value of a unique column (email). Values are found by their 53-bit hash and confirmed against
 * the folded strings the caller keeps per row (`keys`), so two values whose hashes collide never make a
 * false duplicate error: a value whose hash is already held by another value is grouped by its full string in
 * a side map. Such a collision is too rare to matter for speed; it only has to be right.
 *
 * Invariant: the rows under one hash in `byHash` all have the same value; a value is in `collided` or in
 * `byHash`, never both.
 */
export class UniqueValueIndex {
  private readonly byHash: NumericKeyIndex;
  private readonly collided = new Map<string, RowGroup>();

  constructor(
    private readonly registry: GroupRegistry,
    private readonly source: number,
    /** Each row's folded value (the caller's array, read, never written here). */
    private readonly keys: readonly (string | undefined)[],
  ) {
    this.byHash = new NumericKeyIndex(registry, source);
  }

  /** Adds a row with its value's hash and folded value; returns the group it joined, or null when alone. */
  add(hash: number, key: string, rowId: number): RowGroup | null {
    const side = this.collided.size > 0 ? this.collided.get(key) : undefined;
    if (side) return this.join(side, rowId);
    const joined = this.byHash.addIfSame(hash, rowId, this.keys, key);
    if (joined !== otherValue) return joined;
    const group = new RowGroup(this.source, hash);
    this.collided.set(key, group);
    return this.join(group, rowId);
  }

  /** Takes a row out; returns the group it left (one row left: the group is over), or null when it was alone. */
  remove(hash: number, key: string, rowId: number): RowGroup | null {
    const side = this.collided.size > 0 ? this.collided.get(key) : undefined;
    if (!side) return this.byHash.remove(hash, rowId);
    const wasGroup = side.size >= 2;
    if (!side.delete(rowId)) return null;
    if (side.size === 0) this.collided.delete(key);
    this.registry.update(side);
    return wasGroup ? side : null;
  }

  /** The group of rows holding this value, when two or more do. */
  group(hash: number, key: string): RowGroup | undefined {
    const side = this.collided.size > 0 ? this.collided.get(key) : undefined;
    if (side) return side.size >= 2 ? side : undefined;
    return this.byHash.group(hash);
  }

  reserve(rows: number): void {
    this.byHash.reserve(rows);
  }

  private join(group: RowGroup, rowId: number): RowGroup | null {
    group.insert(rowId);
    this.registry.update(group);
    return group.size >= 2 ? group : null;
  }
}
