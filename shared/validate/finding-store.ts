/**
 * Every row's cell findings (packed col * 64 + code numbers) in one typed arena: a row is a start and a
 * count. A JavaScript array per row costs about 70 bytes even for two findings; on a million-row sheet with
 * a finding in most rows that was the largest single item in memory. Replaced findings that do not fit in
 * place leave garbage behind, compacted once it outweighs what is live.
 */
export class FindingStore {
  private arena = new Int32Array(4096);
  private used = 0;
  private garbage = 0;
  private starts = new Int32Array(1024);
  private counts = new Uint16Array(1024);
  private rows = 0;

  count(rowId: number): number {
    return rowId < this.rows ? this.counts[rowId] : 0;
  }

  /** The k-th finding of a row (k < count). */
  at(rowId: number, k: number): number {
    return this.arena[this.starts[rowId] + k];
  }

  /** Replaces a row's findings with `n` numbers of `list` from `from` on (in column order). */
  set(rowId: number, list: ArrayLike<number>, n: number, from = 0): void {
    if (rowId >= this.rows) this.reserveRows(rowId + 1);
    const old = this.counts[rowId];
    let start = this.starts[rowId];
    if (n > old) {
      if (this.used + n > this.arena.length) this.makeRoom(n);
      this.garbage += old;
      start = this.used;
      this.used += n;
    } else {
      this.garbage += old - n;
    }
    for (let k = 0; k < n; k++) this.arena[start + k] = list[from + k];
    this.starts[rowId] = start;
    this.counts[rowId] = n;
  }

  /** The findings of rows 0 to `rows` - 1, packed in row order: `counts[r]` numbers each. */
  exportRows(rows: number): { counts: Uint16Array; findings: Int32Array } {
    const counts = new Uint16Array(rows);
    let total = 0;
    for (let row = 0; row < rows; row++) total += counts[row] = this.count(row);
    const findings = new Int32Array(total);
    let at = 0;
    for (let row = 0; row < rows; row++) {
      const start = this.starts[row];
      for (let k = 0; k < counts[row]; k++) findings[at++] = this.arena[start + k];
    }
    return { counts, findings };
  }

  private reserveRows(rows: number): void {
    if (rows > this.starts.length) {
      let size = this.starts.length;
      while (size < rows) size *= 2;
      const starts = new Int32Array(size);
      starts.set(this.starts);
      this.starts = starts;
      const counts = new Uint16Array(size);
      counts.set(this.counts);
      this.counts = counts;
    }
    this.rows = rows;
  }

  /** Copies the live findings into a fresh arena with room for `n` more (and half again to spare). */
  private makeRoom(n: number): void {
    const needed = this.used - this.garbage + n;
    let size = this.arena.length;
    while (size < needed + (needed >> 1)) size *= 2;
    const from = this.arena;
    const arena = new Int32Array(size);
    let used = 0;
    for (let row = 0; row < this.rows; row++) {
      const count = this.counts[row];
      if (count === 0) continue;
      const start = this.starts[row];
      for (let k = 0; k < count; k++) arena[used + k] = from[start + k];
      this.starts[row] = used;
      used += count;
    }
    this.arena = arena;
    this.used = used;
    this.garbage = 0;
  }
}
