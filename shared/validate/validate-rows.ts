import type { DateOrder } from '../fix';
import { type FieldDef, headerIndex, type Lookups, type Template } from '../template';
import type { Issue } from './issues';
import { describeFinding } from './issues';
import type { Locale } from './locales';
import { SheetValidator } from './sheet-validator';

/** The template field of each header, matched exactly (case-insensitively); null for an unknown header. */
export function columnsFromHeaders(template: Template, headers: readonly string[]): (FieldDef | null)[] {
  const index = headerIndex(template);
  const taken = new Set<number>();
  return headers.map((header) => {
    const at = index.get(header.trim().toLowerCase());
    if (at === undefined || taken.has(at)) return null;
    taken.add(at);
    return template.fields[at];
  });
}

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
