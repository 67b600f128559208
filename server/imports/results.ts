import type { RowIssue, RowOutcome } from '../../shared/api';
import type { Sql } from '../db/database';
import { type JobRow, jobIssues } from './job-store';

// The per-row results file, as Salesforce gives success and error files: one line per row of the file sent,
// what became of it and why. Read from the database a page at a time, so a 100,000-row import's file is
// written as a stream in bounded memory.

const pageRows = 5_000;

export const resultsHeader = [
  'row',
  'result',
  'contact_id',
  'matched_by',
  'linked_to',
  'action_plan_id',
  'changed_fields',
  'reasons',
] as const;

const results: Readonly<Record<RowOutcome['action'], string>> = {
  create: 'created',
  update: 'updated',
  unchanged: 'unchanged',
  skip: 'skipped',
  error: 'rejected',
};

/**
 * One CSV field: quoted when it holds a comma, quote or line break; a field that a spreadsheet would take for
 * a formula (= + - @ at its start) gets a leading apostrophe, as spreadsheets themselves show such text.
 */
function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (values: readonly (string | number | null | undefined)[]) =>
  `${values.map(field).join(',')}\r\n`;

/** Issues of the job, a page at a time, grouped by row (they are stored in row order). */
async function* issuesByRow(sql: Sql, job: JobRow): AsyncIterable<[number, RowIssue[]]> {
  let current: [number, RowIssue[]] | null = null;
  for (let offset = 0; offset < job.issue_count; offset += pageRows) {
    const page = await jobIssues(sql, job.account_id, job.id, offset, pageRows);
    for (const issue of page?.issues ?? []) {
      if (current && current[0] === issue.row) current[1].push(issue);
      else {
        if (current) yield current;
        current = [issue.row, [issue]];
      }
    }
  }
  if (current) yield current;
}

/** Pulls the issues of each row in turn, for a walk over the rows in order. */
function issueCursor(source: AsyncIterable<[number, RowIssue[]]>) {
  const iterator = source[Symbol.asyncIterator]();
  let head: [number, RowIssue[]] | null | undefined;
  return async (row: number): Promise<RowIssue[]> => {
    if (head === undefined) head = (await iterator.next()).value ?? null;
    while (head && head[0] < row) head = (await iterator.next()).value ?? null;
    return head && head[0] === row ? head[1] : [];
  };
}

const reasonsOf = (issues: readonly RowIssue[]) => issues.map((i) => i.message).join(' | ');

/** The results file of an ended import, line by line. */
export async function* resultsCsv(sql: Sql, job: JobRow): AsyncIterable<string> {
  yield line(resultsHeader);
  const issuesOf = issueCursor(issuesByRow(sql, job));
  if (job.status === 'completed' || job.status === 'rolled_back') {
    for (let first = 1; first <= job.row_count; first += pageRows) {
      const { rows } = await sql.query<{
        row_number: number;
        action: RowOutcome['action'];
        contact_id: number | null;
        matched_by: string | null;
        linked_to: number | null;
        action_plan_id: number | null;
        changes: { field: string }[] | null;
      }>(
        `SELECT row_number, action, contact_id, matched_by, linked_to, action_plan_id, changes
           FROM import_rows WHERE import_id = $1 AND row_number BETWEEN $2 AND $3 ORDER BY row_number`,
        [job.id, first, first + pageRows - 1],
      );
      let text = '';
      for (const r of rows) {
        text += line([
          r.row_number,
          results[r.action],
          r.contact_id,
          r.matched_by,
          r.linked_to,
          r.action_plan_id,
          r.changes?.map((c) => c.field).join(', '),
          reasonsOf(await issuesOf(r.row_number)),
        ]);
      }
      yield text;
    }
    return;
  }
  // Failed or cancelled: nothing was imported. Rows with errors are rejected with them; the others say why
  // they were not imported either.
  const notImported = job.reason ?? '';
  for (let first = 1; first <= job.row_count; first += pageRows) {
    let text = '';
    for (let row = first; row < Math.min(job.row_count + 1, first + pageRows); row++) {
      const issues = await issuesOf(row);
      const errors = issues.filter((i) => i.severity === 'error');
      text += errors.length
        ? line([row, 'rejected', null, null, null, null, null, reasonsOf(errors)])
        : line([row, 'not_imported', null, null, null, null, null, notImported]);
    }
    yield text;
  }
}
