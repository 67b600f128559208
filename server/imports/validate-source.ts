import type { RowIssue } from '../../shared/api';
import { describeFinding } from '../../shared/problems';
import { SheetValidator } from '../../shared/validate';
import { validatorLookups } from '../lookups/lookup-store';
import { serverMessages } from './messages';
import type { PreparedImport, Validation } from './plan';
import { findUnstorableCells } from './storable';

/** Rows checked between two turns of the event loop: a 100,000-row sheet never holds up other requests. */
const rowsPerTurn = 2_000;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The shared validator over the whole sheet, with the account's lists (the server never trusts a client),
 * and the server's own check that every cell it would write can be stored. What `validateRows` does, fed a
 * stretch of rows per turn of the event loop. Issues in row order, each row's cell issues before its
 * duplicates; the storage errors after the validator's, in the same row.
 */
export async function validateSource(input: PreparedImport): Promise<Validation> {
  const { template, columns, source, options } = input;
  const lookups = validatorLookups(input.lookups);
  const validator = new SheetValidator({ template, columns: columns.validatorColumns, lookups });
  validator.reserve(source.rows.length);
  const unstorable: RowIssue[] = [];
  const words = serverMessages[options.locale];
  for (let at = 0; at < source.rows.length; at += rowsPerTurn) {
    const end = Math.min(source.rows.length, at + rowsPerTurn);
    for (let row = at; row < end; row++) validator.addRow(source.rows[row]);
    const keepsUnmapped = options.unmappedColumns === 'note';
    findUnstorableCells(columns, source.rows, { first: at, end }, keepsUnmapped, words, unstorable);
    await yieldToEventLoop();
  }
  const issues: RowIssue[] = [];
  const fixContext = { template, lookups };
  let next = 0;
  for (let rowId = 0; rowId < source.rows.length; rowId++) {
    if (validator.hasFindings(rowId)) {
      for (const finding of validator.findings(rowId)) {
        const { groups, ...issue } = describeFinding(finding, {
          locale: options.locale,
          columns: columns.validatorColumns,
          rowNumber: (id) => id + 1,
          values: source.rows[rowId],
          fixContext,
        });
        issues.push(
          groups ? { ...issue, groups: groups.map((group) => ({ ...group, rows: [...group.rows] })) } : issue,
        );
      }
    }
    while (next < unstorable.length && unstorable[next].row === rowId + 1) issues.push(unstorable[next++]);
    if (rowId % rowsPerTurn === rowsPerTurn - 1) await yieldToEventLoop();
  }
  const errorRows = new Set<number>();
  for (const issue of issues) if (issue.severity === 'error') errorRows.add(issue.row - 1);
  return { issues, errorRows };
}
