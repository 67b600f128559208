import { describe, expect, it } from 'vitest';
import type { RowIssue } from '../api';
import { gridProblemsOf, rejectedRows } from './row-issues';

const issue = (row: number, column: number, severity: 'error' | 'warning' = 'error'): RowIssue => ({
  row,
  column,
  field: 'email',
  code: 'contact.emailTaken',
  severity,
  message: `row ${row}`,
  value: 'x@example.com',
});

describe('server rejections back on the grid', () => {
  it('finds the grid row of each sent row by its key, whatever order the grid shows', () => {
    const keys = [40, 7, 12];
    const problems = gridProblemsOf([issue(2, 3), issue(3, 1)], keys, (column) => column + 10);
    expect(problems.map((p) => [p.key, p.col])).toEqual([
      [7, 13],
      [12, 11],
    ]);
  });

  it('marks the row on its first column when the column is not on the grid, and skips warnings', () => {
    const problems = gridProblemsOf([issue(1, 9), issue(1, 2, 'warning')], [5], () => -1);
    expect(problems).toEqual([expect.objectContaining({ key: 5, col: 0, code: 'contact.emailTaken' })]);
  });

  it('lists each rejected row once, in order', () => {
    expect(rejectedRows([issue(3, 0), issue(1, 0), issue(3, 2), issue(2, 0, 'warning')])).toEqual([1, 3]);
  });
});
