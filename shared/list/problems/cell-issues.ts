import type { Locale } from '../../validate';
import { describeFinding } from '../../problems';
import type { ServerMarks } from './server-marks';
import { type FixSettings, suggestionFor } from '../edit/fixes';
import type { CellIssue } from '../protocol';
import { findingOf, type SheetDocument } from '../sheet/sheet-document';

/** The side panel's account of one cell: each problem worded, with the rows it names and its safe fix. */
export function describeCellIssues(
  doc: SheetDocument,
  serverMarks: ServerMarks,
  key: number,
  col: number,
  locale: Locale,
  settings: FixSettings,
): CellIssue[] {
  const values = doc.rowValues(key);
  const columns = doc.columns.map((c) => c.field);
  const issues = doc
    .problems(key)
    .filter((p) => p.col === col)
    .map((p): CellIssue => {
      const issue = describeFinding(findingOf(p), {
        locale,
        columns,
        rowNumber: (k) => k + 1,
        values,
        fixContext: { template: doc.template, lookups: doc.lookups },
      });
      return {
        code: p.code,
        value: issue.value,
        severity: p.severity,
        message: issue.message,
        related: [...new Set(issue.groups?.flatMap((g) => g.rows))].filter((n) => n !== key + 1),
        fix: suggestionFor(doc, key, col, settings),
      };
    });
  // The import server checks with the same rules: where the app's validator already says what is wrong with
  // the cell, the server's word on it is the same problem, not a second one.
  return issues.length ? issues : serverMarks.describe(key, col, values[col] ?? '');
}
