import type { CellTable } from './cell-table';
import { IntList } from './int-list';

// Where the data is in a file: the header row (title lines above it are not data) and the data rows
// (blank lines and a report footer after a blank line are not data). Thin adapter until shared/codec's
// header-row detection (issue 3) lands.

function filledCells(table: CellTable, row: number): number {
  let count = 0;
  for (const cell of table.row(row)) if (cell.trim() !== '') count++;
  return count;
}

/** The first row, among the first 30, that is nearly as wide as the widest row there: the header. */
export function detectHeaderRow(table: CellTable): number {
  const sample = Math.min(table.rowCount, 30);
  let widest = 0;
  const counts: number[] = [];
  for (let r = 0; r < sample; r++) {
    counts.push(filledCells(table, r));
    widest = Math.max(widest, counts[r]);
  }
  if (widest < 2) return 0;
  const enough = Math.max(2, Math.ceil(widest * 0.6));
  const found = counts.findIndex((count) => count >= enough);
  return Math.max(found, 0);
}

/**
 * The file rows that hold contacts: after the header, without blank rows and without a footer (rows after
 * the last blank line that fill less than half of the header's cells, as report exports end).
 */
export function dataRows(table: CellTable, headerRow: number): IntList {
  const rows = new IntList(Math.max(16, table.rowCount - headerRow));
  let lastBlank = -1;
  for (let r = headerRow + 1; r < table.rowCount; r++) {
    if (table.isBlank(r)) lastBlank = r;
    else rows.push(r);
  }
  if (lastBlank >= 0) {
    const half = Math.max(1, Math.floor(filledCells(table, headerRow) / 2));
    let footerStart = rows.length;
    while (footerStart > 0 && rows.get(footerStart - 1) > lastBlank) footerStart--;
    const footerRows = rows.length - footerStart;
    let footer = footerRows > 0 && footerRows <= 10;
    for (let i = footerStart; footer && i < rows.length; i++) {
      if (filledCells(table, rows.get(i)) >= half) footer = false;
    }
    if (footer) while (rows.length > footerStart) rows.removeAt(rows.length - 1);
  }
  return rows;
}
