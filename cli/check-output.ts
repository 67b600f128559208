import type { ColumnCount, DuplicateGroup, Issue, IssueGroup, ValidationSummary } from '../shared/validate';
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
  /** The largest duplicate groups (rows numbered as people see them), largest first, and how many in all. */
  largestGroups: readonly DuplicateGroup[];
  groupCount: number;
}>;

/** A duplicate group described once in the JSON output; each member's issue names its `id`. */
type JsonGroup = Readonly<{
  id: number;
  field: string;
  code: string;
  match: IssueGroup['match'];
  size: number;
  firstRows: readonly number[];
}>;

/**
 * `{ file, issues: [...], duplicateGroups: [...], rows, errors, warnings }`, issues streamed as they are
 * found. A duplicate issue names its groups by id (`groups: [3]`); each group is described once at the end.
 */
export function jsonPrinter(out: BufferedWriter, file: string): CheckPrinter {
  let first = true;
  const groups = new Map<number, JsonGroup>();
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
        ...(issue.groups ? { groups: issue.groups.map((g) => g.id) } : {}),
      };
      for (const g of issue.groups ?? []) {
        if (groups.has(g.id)) continue;
        const { id, match, size, rows } = g;
        groups.set(id, { id, field: issue.field, code: issue.code, match, size, firstRows: rows });
      }
      out.write(`${first ? '' : ','}\n    ${JSON.stringify(record)}`);
      first = false;
    },
    finish(summary) {
      out.write('\n  ],\n  "duplicateGroups": [');
      let firstGroup = true;
      for (const group of groups.values()) {
        out.write(`${firstGroup ? '' : ','}\n    ${JSON.stringify(group)}`);
        firstGroup = false;
      }
      out.write(
        `${firstGroup ? '' : '\n  '}],\n  "rows": ${summary.rows},\n  "errors": ${summary.errors},\n  "warnings": ${summary.warnings}\n}\n`,
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

const matchWords: Readonly<Record<DuplicateGroup['match'], string>> = {
  value: 'the same value',
  namePhone: 'the same name and phone',
  emailPhone: 'the same email and phone',
  nameEmail: 'the same name and email',
};

function groupLine(group: DuplicateGroup, fieldHeaders: readonly string[]): string {
  const shown = group.firstRows.slice(0, 5);
  const more = group.size > shown.length ? ', …' : '';
  const where = group.match === 'value' ? (fieldHeaders[group.col] ?? '') : 'contact';
  return `  ${where}: ${group.size} rows with ${matchWords[group.match]} (rows ${shown.join(', ')}${more})\n`;
}

/** The `n` largest groups, largest first (ties: the earlier first row), in one pass over them all. */
export function largestGroups(groups: Iterable<DuplicateGroup>, n: number): DuplicateGroup[] {
  const top: DuplicateGroup[] = [];
  const before = (a: DuplicateGroup, b: DuplicateGroup) =>
    a.size > b.size || (a.size === b.size && a.firstRows[0] < b.firstRows[0]);
  for (const group of groups) {
    if (top.length === n && !before(group, top[n - 1])) continue;
    let at = top.length < n ? top.length : n - 1;
    top[at] = group;
    while (at > 0 && before(top[at], top[at - 1])) {
      [top[at], top[at - 1]] = [top[at - 1], top[at]];
      at--;
    }
  }
  return top;
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
      if (notes.groupCount) {
        const shown = notes.largestGroups.length;
        const largest = notes.groupCount > shown ? `, the ${shown} largest` : '';
        out.write(`Duplicate groups (${notes.groupCount}${largest}):\n`);
        for (const group of notes.largestGroups) out.write(groupLine(group, notes.fieldHeaders));
      }
      out.write(
        `${notes.file}: ${summary.rows} rows, ${summary.errors} errors, ${summary.warnings} warnings\n`,
      );
    },
  };
}
