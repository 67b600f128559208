import type { ListProblems } from '../problems/list-problems';
import type { SheetDocument } from '../sheet/sheet-document';

/**
 * The list split in two, in document order: the rows without errors (what may go to the CRM: its file holds
 * no errors) and the rows with errors (the error report for the customer). Rows with only warnings are clean.
 * Taking rows out never gives another row an error (a duplicate's partners are flagged too), so the clean part
 * stays clean on its own.
 */
export type RowSplit = Readonly<{ clean: Int32Array; errors: Int32Array }>;

export function splitRows(doc: SheetDocument, problems: ListProblems): RowSplit {
  const clean: number[] = [];
  const errors: number[] = [];
  for (let i = 0; i < doc.order.length; i++) {
    const key = doc.order.get(i);
    (problems.hasErrors(key) ? errors : clean).push(key);
  }
  return { clean: Int32Array.from(clean), errors: Int32Array.from(errors) };
}
