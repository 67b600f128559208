import type { ColumnCount, Issue, ValidationSummary } from '../shared/validate';
import type { BufferedWriter } from './output';

/** How `listprep check` prints: every issue as JSON, or a summary for people with the first few issues. */
export type CheckPrinter = Readonly<{
  /** False once the printer wants no more issues (text mode shows a few); wording them can then be skipped. */
  wantsIssues: () => boolean;
  issue: (issue: Issue, sourceHeader: string) => void;
  finish: (summary: ValidationSummary, notes: CheckNotes) => void;
}>;

export type CheckNotes = Readonly<{
  file: string;
  /** Source headers that no template field takes. */
  unchecked: readonly string[];
  /** The template header of each validated column, for the per-column table. */
  fieldHeaders: readonly string[];
}>;

/** `{ file, issues: [...], rows, errors, warnings }`, issues streamed as they are found. */
export function jsonPrinter(out: BufferedWriter, file: string): CheckPrinter {
  let first = true;
  out.write(`{\n  "file": ${JSON.stringify(file)},\n  "issues": [`);
  return {
    wantsIssues: () => true,
    issue(issue, sourceHeader) {
      const record = {
        row: issue.row,
        column: sourceHeader,
        field: issue.field,
        code: issue.code,
        severity: issue.severity,
        value: issue.value,
        message: issue.message,
        fix: issue.fix?.value ?? null,
        ...(issue.related ? { related: issue.related } : {}),
      };
      out.write(`${first ? '' : ','}\n    ${JSON.stringify(record)}`);
      first = false;
    },
    finish(summary) {
      out.write(
        `\n  ],\n  "rows": ${summary.rows},\n  "errors": ${summary.errors},\n  "warnings": ${summary.warnings}\n}\n`,
      );
    },
  };
}

function quoted(value: string): string {
  const flat = value.replace(/\r\n|\r|\n/g, '⏎');
  return flat.length > 40 ? `"${flat.slice(0, 39)}…"` : `"${flat}"`;
}

function columnLine(count: ColumnCount, fieldHeaders: readonly string[]): string {
  const header = fieldHeaders[count.col] ?? '';
  return `  ${header.padEnd(22)} ${count.code.padEnd(24)} ${String(count.count).padStart(8)}\n`;
}

/** The first `shown` issues in full, then counts per column and kind, then one closing line. */
export function textPrinter(out: BufferedWriter, shown = 20): CheckPrinter {
  let printed = 0;
  return {
    wantsIssues: () => printed < shown,
    issue(issue) {
      printed++;
      const value = issue.value ? ` ${quoted(issue.value)}` : '';
      const fix = issue.fix ? ` Suggested: ${quoted(issue.fix.value)}.` : '';
      out.write(`  row ${issue.row}, ${issue.field}${value}: ${issue.message}${fix}\n`);
    },
    finish(summary, notes) {
      const total = summary.errors + summary.warnings;
      if (total > printed) out.write(`  … and ${total - printed} more (use --json for all)\n`);
      if (notes.unchecked.length)
        out.write(`Not in the template, not checked: ${notes.unchecked.join(', ')}\n`);
      if (summary.byColumn.length) {
        out.write('Problems by column:\n');
        for (const count of summary.byColumn) out.write(columnLine(count, notes.fieldHeaders));
      }
      out.write(
        `${notes.file}: ${summary.rows} rows, ${summary.errors} errors, ${summary.warnings} warnings\n`,
      );
    },
  };
}
