/** Joins a row's cells in storage; a cell holding it is stored apart (see `CellTable`). */
const separator = '\u001f';

/**
 * Every cell of a file, one string per row: the row's cells joined by the unit separator (U+001F). A million
 * rows are a million flat strings, about the size of the file, instead of 45 million cell strings; and each
 * row is one object that survives, so reading a large file keeps the garbage collector quiet. Cells are cut
 * out when needed (a row at a time for validation and the grid). The rare row whose text contains U+001F is
 * kept as an array instead.
 *
 * Rows are the file's physical rows (title lines and the header row included); rows added later are
 * appended. Rows are never removed: deleting a row takes it out of the document's order, so undo and the
 * journal can bring it back.
 */
export class CellTable {
  private readonly rows: string[] = [];
  private readonly apart = new Map<number, string[]>();
  private columns = 0;

  get rowCount(): number {
    return this.rows.length;
  }

  get width(): number {
    return this.columns;
  }

  /** One cell; empty when the row is shorter. */
  get(row: number, col: number): string {
    if (this.apart.size) {
      const cells = this.apart.get(row);
      if (cells) return cells[col] ?? '';
    }
    const text = this.rows[row];
    if (text === undefined) return '';
    let start = 0;
    for (let i = 0; i < col; i++) {
      const at = text.indexOf(separator, start);
      if (at < 0) return '';
      start = at + 1;
    }
    const end = text.indexOf(separator, start);
    return end < 0 ? text.slice(start) : text.slice(start, end);
  }

  /** True when every cell of the row is empty or spaces (a blank line in the file). */
  isBlank(row: number): boolean {
    const cells = this.apart.size ? this.apart.get(row) : undefined;
    if (cells) return cells.every((c) => c.trim() === '');
    const text = this.rows[row] ?? '';
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      // Separators, spaces, tabs, line breaks and no-break spaces do not make a row.
      if (code !== 0x1f && code !== 32 && code !== 9 && code !== 10 && code !== 13 && code !== 0xa0)
        return false;
    }
    return true;
  }

  /** One row's cells, as many as the table is wide (a fresh array). */
  row(row: number): string[] {
    const kept = this.apart.size ? this.apart.get(row) : undefined;
    const cells = kept ? kept.slice() : (this.rows[row] ?? '').split(separator);
    while (cells.length < this.columns) cells.push('');
    return cells;
  }

  /** Replaces a row's cells (several edits of one row cost one write). */
  set(row: number, cells: readonly string[]): void {
    this.store(row, cells);
  }

  /** A new empty column (a required field the file does not have); returns its index. No row changes. */
  addColumn(): number {
    return this.columns++;
  }

  /**
   * Appends a row; missing cells are empty, extra cells widen the table. Returns the row index. `clean` says
   * the caller knows no cell holds U+001F (the reader checks each decoded chunk once instead of every cell).
   */
  appendRow(cells: readonly string[], clean = false): number {
    if (cells.length > this.columns) this.columns = cells.length;
    const row = this.rows.length;
    if (clean) {
      this.rows.push(cells.length === 1 ? cells[0] : cells.join(separator));
      return row;
    }
    this.rows.push('');
    this.store(row, cells);
    return row;
  }

  private store(row: number, cells: readonly string[]): void {
    for (let i = 0; i < cells.length; i++) {
      if (cells[i].indexOf(separator) >= 0) {
        this.apart.set(row, cells.slice());
        this.rows[row] = '';
        return;
      }
    }
    if (this.apart.size) this.apart.delete(row);
    this.rows[row] = cells.length === 1 ? cells[0] : cells.join(separator);
  }
}
