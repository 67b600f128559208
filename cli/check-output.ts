import type { ColumnCount, DuplicateGroup, ValidationSummary } from '../shared/validate';
import type { Issue, IssueGroup } from '../shared/problems';
import type { BufferedWriter } from './output';
import type { ReadNote } from './read-notes';
import { jsonShown, shown } from './terminal-text';

/** How `listprep check` prints: every issue as JSON, or a summary for people with the first few issues. */
export type CheckPrinter = Readonly<{
  /** False once the printer wants no more issues (text mode shows a few); wording them can then be skipped. */
  wantsIssues: () => boolean;
  issue: (issue: Issue, sourceHeader: string) => void;
  /** What the reader noticed (a ragged row, a quote never closed, an Excel cell): a warning at its row. */
  note: (note: ReadNote, sourceHeader: string, field: string) => void;
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
  /** Read notes in all, some of which (past the first 100 ragged rows of a read) are only counted. */
  noteCount: number;
  /** For people: guesses to confirm and columns the template cannot hold (said once per column). */
  adviceLines: readonly string[];
  /** The same for --json. */
  advice: Readonly<{
    guessed: readonly Readonly<{ column: string; field: string | undefined }>[];
    deadEnds: readonly unknown[];
  }>;
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
 * `{ file, issues: [...], duplicateGroups: [...], rows, errors, warnings, guessed, deadEnds }`, issues
 * streamed as they are found. A duplicate issue names its groups by id (`groups: [3]`); each group is
 * described once at the end. `guessed` and `deadEnds` say what the text output says after the counts.
 */
export function jsonPrinter(out: BufferedWriter, file: string): CheckPrinter {
  let first = true;
  const groups = new Map<number, JsonGroup>();
  out.write(`{\n  "file": ${jsonShown(JSON.stringify(file))},\n  "issues": [`);
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
      out.write(`${first ? '' : ','}\n    ${jsonShown(JSON.stringify(record))}`);
      first = false;
    },
    note(note, sourceHeader, field) {
      const { row, line, code, value, message } = note;
      const record = {
        row,
        line,
        column: sourceHeader,
        field,
        code,
        severity: 'warning',
        value,
        message,
        fix: null,
      };
      out.write(`${first ? '' : ','}\n    ${jsonShown(JSON.stringify(record))}`);
      first = false;
    },
    finish(summary, notes) {
      out.write('\n  ],\n  "duplicateGroups": [');
      let firstGroup = true;
      for (const group of groups.values()) {
        out.write(`${firstGroup ? '' : ','}\n    ${JSON.stringify(group)}`);
        firstGroup = false;
      }
      out.write(
        `${firstGroup ? '' : '\n  '}],\n  "rows": ${summary.rows},\n  "errors": ${summary.errors},\n  "warnings": ${summary.warnings},\n  "guessed": ${JSON.stringify(notes.advice.guessed)},\n  "deadEnds": ${JSON.stringify(notes.advice.deadEnds)}\n}\n`,
      );
    },
  };
}

function quoted(value: string): string {
  const flat = value.replace(/\r\n|\r|\n/g, '⏎');
  return shown(flat.length > 40 ? `"${flat.slice(0, 39)}…"` : `"${flat}"`);
}

// Read notes shown by the text output (the rest are counted).
const notesShown = 5;

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
  const first = group.firstRows.slice(0, 5);
  const more = group.size > first.length ? ', …' : '';
  const where = group.match === 'value' ? (fieldHeaders[group.col] ?? '') : 'contact';
  return `  ${shown(where)}: ${group.size} rows with ${matchWords[group.match]} (rows ${first.join(', ')}${more})\n`;
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
export function textPrinter(out: BufferedWriter, issuesShown = 20): CheckPrinter {
  let printed = 0;
  const readNotes: string[] = [];
  return {
    wantsIssues: () => printed < issuesShown,
    issue(issue) {
      printed++;
      const value = issue.value ? ` ${quoted(issue.value)}` : '';
      const fix = issue.fix ? ` Suggested: ${quoted(issue.fix.value)}.` : '';
      out.write(`  row ${issue.row}, ${shown(issue.field)}${value}: ${shown(issue.message)}${fix}\n`);
    },
    note(note) {
      if (readNotes.length < notesShown) readNotes.push(`  row ${note.row}: ${shown(note.message)}\n`);
    },
    finish(summary, notes) {
      const total = summary.errors + summary.warnings - notes.noteCount;
      if (total > printed) out.write(`  … and ${total - printed} more (use --json for all)\n`);
      if (notes.noteCount) {
        out.write(
          `How the file was written (${notes.noteCount} warning${notes.noteCount > 1 ? 's' : ''}):\n`,
        );
        for (const line of readNotes) out.write(line);
        if (notes.noteCount > readNotes.length)
          out.write(`  … and ${notes.noteCount - readNotes.length} more\n`);
      }
      if (notes.unchecked.length)
        out.write(`Not in the template, not checked: ${shown(notes.unchecked.join(', '))}\n`);
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
      for (const line of notes.adviceLines) out.write(`${line}\n`);
      out.write(
        `${shown(notes.file)}: ${summary.rows} rows, ${summary.errors} errors, ${summary.warnings} warnings\n`,
      );
    },
  };
}
