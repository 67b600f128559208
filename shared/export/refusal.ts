import type { Finding, Locale, SheetValidator } from '../validate';
import type { Issue } from '../problems';
import { exportWords } from './export-words';

/** Why an export was refused: what the CLI prints and the app shows, with the first errors to jump to. */
export type ExportRefusal = Readonly<{
  errors: number;
  warnings: number;
  rowsWithErrors: number;
  /** The first errors in row order (warnings never block, so they are not here). */
  firstProblems: readonly Issue[];
  message: string;
}>;

/**
 * Decides whether the sheet may be exported: null when it has no errors (warnings do not block), otherwise
 * the refusal. `rowIds` are the validator's rows in the order people see them; `describe` words a finding
 * (usually `describeFinding` with the row's values).
 */
export function checkExportable(
  validator: SheetValidator,
  rowIds: Iterable<number>,
  describe: (finding: Finding) => Issue,
  options: Readonly<{ locale?: Locale; limit?: number }> = {},
): ExportRefusal | null {
  const summary = validator.summary();
  if (summary.errors === 0) return null;
  const limit = options.limit ?? 10;
  const firstProblems: Issue[] = [];
  let rowsWithErrors = 0;
  for (const rowId of rowIds) {
    if (!validator.hasFindings(rowId)) continue;
    let hasError = false;
    for (const finding of validator.findings(rowId)) {
      if (finding.severity !== 'error') continue;
      hasError = true;
      if (firstProblems.length < limit) firstProblems.push(describe(finding));
    }
    if (hasError) rowsWithErrors++;
  }
  const words = exportWords[options.locale ?? 'en'];
  return {
    errors: summary.errors,
    warnings: summary.warnings,
    rowsWithErrors,
    firstProblems,
    message: words.refusal({ errors: summary.errors, rows: rowsWithErrors, warnings: summary.warnings }),
  };
}
