/**
 * Every cell of a file, stored by column: one packed string array per column instead of one array (or
 * object) per row, so a million rows cost 45 arrays, not a million. Rows are physical rows of the file
 * (title lines and the header row included); rows added later are appended. Cells are never removed:
 * deleting a row only takes it out of the document's order, which keeps undo and the journal simple.
 */
export class CellTable {
  private readonly columns: string[][] = [];
  private rows = 0;

  get rowCount(): number {
    return this.rows;
  }

  get width(): number {
    return this.columns.length;
  }

  get(row: number, col: number): string {
    const column = this.columns[col];
    return column === undefined ? '' : (column[row] ?? '');
  }

  set(row: number, col: number, value: string): void {
    this.columns[col][row] = value;
  }

  /** A new empty column (a required field the file does not have); returns its index. */
  addColumn(): number {
    this.columns.push(new Array<string>(this.rows).fill(''));
    return this.columns.length - 1;
  }

  /** Appends a row; missing cells are empty, extra cells widen the table. Returns the row index. */
  appendRow(fields: readonly string[]): number {
    const columns = this.columns;
    while (columns.length < fields.length) columns.push(new Array<string>(this.rows).fill(''));
    const n = fields.length;
    for (let c = 0; c < n; c++) columns[c].push(fields[c]);
    for (let c = n; c < columns.length; c++) columns[c].push('');
    return this.rows++;
  }

  /** One row's cells, as many as the table is wide. */
  row(row: number): string[] {
    const out = new Array<string>(this.columns.length);
    for (let c = 0; c < out.length; c++) out[c] = this.columns[c][row] ?? '';
    return out;
  }
}
