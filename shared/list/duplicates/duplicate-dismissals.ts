/**
 * "Not a duplicate" decisions: pairs of row keys the user called different people. A row's likely-duplicate
 * warning is hidden (suppressed) when every row it resembles was called a different person; the validator
 * keeps the finding, so undoing the decision brings the warning back without revalidating.
 */
export class DuplicateDismissals {
  /** Pairs of row keys as "a:b" with a < b. */
  private readonly pairs = new Set<string>();
  /** Rows named in a dismissed pair, with how many pairs name them; only these can be suppressed. */
  private readonly rows = new Map<number, number>();
  private readonly suppressed = new Set<number>();
  private suppressedRows = 0;

  /** True when any pair was called different people (only then can a warning be hidden). */
  get any(): boolean {
    return this.rows.size > 0;
  }

  /** How many rows have their likely-duplicate warning hidden. */
  get suppressedCount(): number {
    return this.suppressedRows;
  }

  isSuppressed(key: number): boolean {
    return this.suppressed.has(key);
  }

  isDismissed(a: number, b: number): boolean {
    return this.pairs.has(a < b ? `${a}:${b}` : `${b}:${a}`);
  }

  /** Records or takes back decisions; returns the rows named in pairs that changed. */
  set(pairs: readonly (readonly [number, number])[], dismissed: boolean): Set<number> {
    const touched = new Set<number>();
    for (const [a, b] of pairs) {
      const id = a < b ? `${a}:${b}` : `${b}:${a}`;
      if (dismissed === this.pairs.has(id)) continue;
      if (dismissed) this.pairs.add(id);
      else this.pairs.delete(id);
      for (const key of [a, b]) {
        const count = (this.rows.get(key) ?? 0) + (dismissed ? 1 : -1);
        if (count > 0) this.rows.set(key, count);
        else this.rows.delete(key);
        touched.add(key);
      }
    }
    return touched;
  }

  /**
   * Decides again whether these rows' warnings are hidden. `likelyDuplicatesOf` gives the rows a row's
   * likely-duplicate warning names, or null when it has none (or is not in the list).
   */
  refresh(keys: Iterable<number>, likelyDuplicatesOf: (key: number) => readonly number[] | null): void {
    if (this.rows.size === 0 && this.suppressed.size === 0) return;
    for (const key of keys) {
      const was = this.suppressed.has(key);
      const now =
        this.rows.has(key) &&
        (likelyDuplicatesOf(key)?.every((other) => this.isDismissed(key, other)) ?? false);
      if (now && !was) {
        this.suppressed.add(key);
        this.suppressedRows++;
      } else if (!now && was) {
        this.suppressed.delete(key);
        this.suppressedRows--;
      }
    }
  }
}
