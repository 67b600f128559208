import type { RowIssue } from '../api';

/** A server finding placed on the list being fixed: a grid row key and column instead of a sent position. */
export type GridProblem = Readonly<{
  key: number;
  col: number;
  field: string;
  code: string;
  severity: 'error' | 'warning';
  message: string;
}>;

/**
 * Puts the rows the server rejected back on the grid. `rowKeys[i]` is the grid row sent as row i + 1 (keys
 * stay true after the list is sorted or edited); `columnOf` finds the grid column of a sent column, or -1,
 * and then the problem goes on the row's first column so the row is still marked. Only errors: they are what
 * stopped the import, and the grid's own validator already shows warnings.
 */
export function gridProblemsOf(
  issues: readonly RowIssue[],
  rowKeys: ArrayLike<number>,
  columnOf: (sentColumn: number, field: string) => number,
): GridProblem[] {
  const out: GridProblem[] = [];
  for (const issue of issues) {
    if (issue.severity !== 'error') continue;
    const key = rowKeys[issue.row - 1];
    if (key === undefined) continue;
    const col = columnOf(issue.column, issue.field);
    out.push({
      key,
      col: Math.max(col, 0),
      field: issue.field,
      code: issue.code,
      severity: issue.severity,
      message: issue.message,
    });
  }
  return out;
}

/** The data rows (1-based, as sent) with at least one error, in order. */
export function rejectedRows(issues: readonly RowIssue[]): number[] {
  return [...new Set(issues.filter((i) => i.severity === 'error').map((i) => i.row))].sort((a, b) => a - b);
}
