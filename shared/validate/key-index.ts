/**
 * Rows by key, for uniqueness and duplicate groups. Most keys belong to one row, so a lone row is stored as a
 * number and only shared keys pay for an array.
 */
export class KeyIndex<K extends string | number> {
  private readonly map = new Map<K, number | number[]>();

  add(key: K, rowId: number): void {
    const current = this.map.get(key);
    if (current === undefined) this.map.set(key, rowId);
    else if (typeof current === 'number') this.map.set(key, [current, rowId]);
    else current.push(rowId);
  }

  remove(key: K, rowId: number): void {
    const current = this.map.get(key);
    if (current === undefined) return;
    if (typeof current === 'number') {
      if (current === rowId) this.map.delete(key);
      return;
    }
    const at = current.indexOf(rowId);
    if (at >= 0) current.splice(at, 1);
    if (current.length === 1) this.map.set(key, current[0]);
  }

  /** How many rows share the key. */
  count(key: K): number {
    const current = this.map.get(key);
    return current === undefined ? 0 : typeof current === 'number' ? 1 : current.length;
  }

  /** The rows that share the key (a fresh array). */
  rows(key: K): number[] {
    const current = this.map.get(key);
    return current === undefined ? [] : typeof current === 'number' ? [current] : current.slice();
  }

  /** Every group of two or more rows. */
  *groups(): IterableIterator<readonly number[]> {
    for (const rows of this.map.values()) if (typeof rows !== 'number') yield rows;
  }
}
