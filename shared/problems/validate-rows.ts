import type { DateOrder } from '../fix';
import type { FieldDef, Lookups, Template } from '../template';
import { type Locale, SheetValidator } from '../validate';
import { describeFinding, type Issue } from './issues';

export type ValidateRowsOptions = Readonly<{
  lookups?: Lookups;
  locale?: Locale;
  dateOrder?: DateOrder;
}>;

/** Validates a whole sheet held in memory; issues in row order, each row's cell issues before its duplicates. */
export function validateRows(
  template: Template,
  columns: readonly (FieldDef | null)[],
  rows: readonly (readonly string[])[],
  options: ValidateRowsOptions = {},
): Issue[] {
  const validator = new SheetValidator({ template, columns, lookups: options.lookups });
  for (const row of rows) validator.addRow(row);
  const issues: Issue[] = [];
  const fixContext = { template, lookups: options.lookups, dateOrder: options.dateOrder };
  for (let rowId = 0; rowId < rows.length; rowId++) {
    if (!validator.hasFindings(rowId)) continue;
    for (const finding of validator.findings(rowId)) {
      issues.push(
        describeFinding(finding, {
          locale: options.locale ?? 'en',
          columns,
          rowNumber: (id) => id + 1,
          values: rows[rowId],
          fixContext,
        }),
      );
    }
  }
  return issues;
}
