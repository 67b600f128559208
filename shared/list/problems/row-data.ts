import type { Locale } from '../../validate';
import { describeFinding } from '../../problems';
import type { ServerMarks } from './server-marks';
import type { CellMark, RowData } from '../protocol';
import { findingOf, type SheetDocument } from '../sheet/sheet-document';

/** One grid row: its values and, when it has problems, one worded mark per problem cell (the first). */
export function rowDataOf(
  doc: SheetDocument,
  serverMarks: ServerMarks,
  key: number,
  locale: Locale,
): RowData {
  const v = doc.rowValues(key);
  let p: (CellMark | null)[] | null = null;
  if (doc.hasProblems(key)) {
    p = new Array<CellMark | null>(v.length).fill(null);
    const columns = doc.columns.map((c) => c.field);
    for (const problem of doc.problems(key)) {
      if (p[problem.col]) continue;
      const issue = describeFinding(findingOf(problem), {
        locale,
        columns,
        rowNumber: (k) => k + 1,
        values: v,
        // An unknown ID's message lists the account's IDs, which it finds in the fix context.
        ...(problem.code === 'id.unknown'
          ? { fixContext: { template: doc.template, lookups: doc.lookups } }
          : {}),
      });
      p[problem.col] = { code: problem.code, severity: problem.severity, message: issue.message };
    }
  }
  return { key, n: key + 1, v, p: serverMarks.addTo(key, v.length, p) };
}
