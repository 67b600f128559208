/**
 * Rows that share a key, in row id order. A duplicate finding points at its group instead of listing the
 * other rows, so a value shared by 100,000 rows is described once (its size and first rows), and a row joining
 * or leaving the group costs a binary search and one move of the ids after it, not a pass over the group.
 */
export class RowGroup {
  /** Row ids, ascending. Read-only outside this class. */
  readonly rows: number[] = [];
  /** Numbered while the group has two or more rows (a duplicate); -1 otherwise. */
  id = -1;

  constructor(
    /** The index the group belongs to (a unique column's position among them, or the pair keys'). */
    readonly source: number,
    /** The key the rows share (a hash). */
    readonly key: number,
  ) {}

  get size(): number {
    return this.rows.length;
  }

  insert(rowId: number): void {
    const rows = this.rows;
    // Rows mostly arrive in order (a file read from top to bottom): then it is a push.
    if (rows.length === 0 || rows[rows.length - 1] < rowId) {
      rows.push(rowId);
      return;
    }
    const at = lowerBound(rows, rowId);
    if (rows[at] !== rowId) rows.splice(at, 0, rowId);
  }

  /** Takes a row out; false when it was not in the group. */
  delete(rowId: number): boolean {
    const rows = this.rows;
    const at = lowerBound(rows, rowId);
    if (rows[at] !== rowId) return false;
    if (at === rows.length - 1) rows.pop();
    else rows.splice(at, 1);
    return true;
  }
}

/** The first position in a sorted list whose value is not below `value`. */
function lowerBound(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The groups of two or more rows, by id: what a finding's group id leads back to. Ids are handed out as
 * groups form, so two validators fed the same rows in the same order number their groups alike.
 */
export class GroupRegistry {
  private readonly live = new Map<number, RowGroup>();
  private nextId = 0;
  /** Ids of groups that formed, changed or dissolved since the last `clearChanges`. */
  readonly changed: number[] = [];

  /** Called after a row joined or left the group: numbers it, forgets it, or records the change. */
  update(group: RowGroup): void {
    if (group.size >= 2) {
      if (group.id < 0) {
        group.id = this.nextId++;
        this.live.set(group.id, group);
      }
      this.changed.push(group.id);
    } else if (group.id >= 0) {
      this.changed.push(group.id);
      this.live.delete(group.id);
      group.id = -1;
    }
  }

  get(id: number): RowGroup | undefined {
    return this.live.get(id);
  }

  values(): IterableIterator<RowGroup> {
    return this.live.values();
  }

  get size(): number {
    return this.live.size;
  }

  clearChanges(): void {
    this.changed.length = 0;
  }
}
