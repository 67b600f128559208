import { headerIndex, type Lookups, type Template } from '../template';
import type { IssueCode, Locale, Severity } from '../validate';
import type { IssueGroup } from '../problems';
import { pullChunks, pullChunksAsync } from './chunks';
import { type CellMark, DataSheetWriter, type ExtraColumn } from './data-sheet';
import { exportWords } from './export-words';
import type { ChunkSink } from './xlsx-package';
import { cellStyle } from './xlsx-styles';
import { type WorkbookOptions, XlsxWorkbookWriter } from './xlsx-workbook';

/** One problem of a row, as the validator words it (an `Issue` fits). `field` is the template header. */
export type ReportProblem = Readonly<{
  field: string;
  code: IssueCode;
  severity: Severity;
  message: string;
  /** A safe fix, shown beside the message. */
  fix?: Readonly<{ value: string }>;
  /** For duplicates: the groups the row is in, rows numbered as in the report; listed once on the summary. */
  groups?: readonly IssueGroup[];
}>;

/** A row of the report: values in the template's column order and the row's problems. */
export type ReportRow = Readonly<{ values: readonly string[]; problems: readonly ReportProblem[] }>;

export type ErrorReportOptions = Readonly<{
  template: Template;
  lookups?: Lookups;
  locale?: Locale;
  /** The report holds every row, not only the rows with problems (said on the summary sheet). */
  allRows?: boolean;
  /** Rows in the file the report was made from, for the summary. */
  sourceRows?: number;
  /** Columns after the template's (custom fields), before Problems; rows hold their values after the template's. */
  extraColumns?: readonly ExtraColumn[];
}> &
  WorkbookOptions;

export { reportExtraHeaders } from './report-headers';

/**
 * Excel row number of each source row in the report (0 when the row is left out): the numbers to put in
 * messages that point at other rows ("also used in row 7"), so they match what Excel shows.
 */
export function reportRowNumbers(
  rowCount: number,
  hasProblems: (index: number) => boolean,
  allRows: boolean,
): Int32Array {
  const numbers = new Int32Array(rowCount);
  let next = 2;
  for (let i = 0; i < rowCount; i++) if (allRows || hasProblems(i)) numbers[i] = next++;
  return numbers;
}

type Count = { field: string; code: IssueCode; severity: Severity; count: number; col: number };
type GroupLine = { field: string; group: IssueGroup };

/** Duplicate groups described on the summary sheet; the largest first, the rest counted. */
const groupsListed = 100;

/**
 * The error report: the rows to fix with each problem cell painted (red error, yellow warning) and carrying
 * the message as a note, a Problems column in plain words, and a summary sheet with counts per column and
 * kind of problem. Its headers are the template's, so the returned file opens in ListPrep mapped as is.
 */
export class ErrorReportWriter {
  private readonly book: XlsxWorkbookWriter;
  private readonly data: DataSheetWriter;
  private readonly columnOf: Map<string, number>;
  private readonly counts = new Map<string, Count>();
  private readonly groups = new Map<number, GroupLine>();
  private errors = 0;
  private warnings = 0;

  constructor(
    private readonly options: ErrorReportOptions,
    onChunk: ChunkSink,
  ) {
    const words = exportWords[options.locale ?? 'en'];
    this.book = new XlsxWorkbookWriter([words.reportDataSheet, words.reportSummarySheet], onChunk, options);
    this.data = new DataSheetWriter(this.book, {
      template: options.template,
      lookups: options.lookups,
      locale: options.locale ?? 'en',
      sheetName: words.reportDataSheet,
      extraColumns: [
        ...(options.extraColumns ?? []),
        { header: words.problemsHeader, note: words.problemsNote, width: 70 },
      ],
    });
    this.columnOf = headerIndex(options.template);
    // Problems of a custom-field column (checked as the account's field) are painted on its cells too.
    options.extraColumns?.forEach((column, i) => {
      if (column.field) this.columnOf.set(column.field.toLowerCase(), options.template.fields.length + i);
    });
  }

  get rows(): number {
    return this.data.rows;
  }

  add(row: ReportRow): void {
    const words = exportWords[this.options.locale ?? 'en'];
    const width = this.options.template.fields.length + (this.options.extraColumns?.length ?? 0);
    const values = row.values.length === width ? [...row.values] : row.values.slice(0, width);
    while (values.length < width) values.push('');
    if (!row.problems.length) {
      values.push('');
      this.data.add(values);
      return;
    }
    const byColumn = new Map<number, { error: boolean; messages: string[] }>();
    const lines: string[] = [];
    for (const problem of row.problems) {
      const col = this.columnOf.get(problem.field.toLowerCase()) ?? -1;
      this.count(problem, col);
      for (const group of problem.groups ?? [])
        if (!this.groups.has(group.id)) this.groups.set(group.id, { field: problem.field, group });
      const text = problem.fix ? `${problem.message} ${words.suggested(problem.fix.value)}` : problem.message;
      lines.push(`${words.severity[problem.severity]}: ${text}`);
      if (col < 0) continue;
      const cell = byColumn.get(col) ?? { error: false, messages: [] };
      cell.error ||= problem.severity === 'error';
      cell.messages.push(text);
      byColumn.set(col, cell);
    }
    values.push(lines.join('\n'));
    const marks: CellMark[] = [...byColumn].map(([col, cell]) => ({
      col,
      style: cell.error ? cellStyle.error : cellStyle.warning,
      note: cell.messages.join('\n'),
    }));
    marks.push({ col: width, style: cellStyle.wrapped });
    this.data.add(values, marks);
  }

  finish(): void {
    this.data.close();
    this.writeSummary();
    this.book.finish();
  }

  private count(problem: ReportProblem, col: number): void {
    if (problem.severity === 'error') this.errors++;
    else this.warnings++;
    const key = `${col}\u0000${problem.field}\u0000${problem.code}`;
    const entry = this.counts.get(key);
    if (entry) entry.count++;
    else
      this.counts.set(key, {
        field: problem.field,
        code: problem.code,
        severity: problem.severity,
        count: 1,
        col,
      });
  }

  private writeSummary(): void {
    const locale = this.options.locale ?? 'en';
    const words = exportWords[locale];
    const sheet = this.book.sheet(words.reportSummarySheet, { widths: [24, 24, 36, 12, 10] });
    sheet.row([words.summaryTitle], cellStyle.title);
    const lines = words.summaryLines({
      sourceRows: this.options.sourceRows,
      reportRows: this.data.rows,
      allRows: this.options.allRows ?? false,
      errors: this.errors,
      warnings: this.warnings,
    });
    for (const line of lines) sheet.row([line]);
    sheet.row([]);
    if (this.counts.size === 0) sheet.row([words.noProblems], cellStyle.bold);
    else {
      sheet.row(words.summaryColumns, cellStyle.header);
      const fields = this.options.template.fields;
      const extra = this.options.extraColumns ?? [];
      const rows = [...this.counts.values()].sort((a, b) => b.count - a.count || a.col - b.col);
      for (const c of rows) {
        // A custom-field column is labelled by its name in the list.
        const label = fields[c.col]?.label[locale] ?? extra[c.col - fields.length]?.header ?? '';
        sheet.row([c.field, label, words.problemKind[c.code], words.severity[c.severity], String(c.count)]);
      }
    }
    this.writeGroups(sheet);
    this.book.closeSheet(sheet);
  }

  /** Each duplicate group once: what its rows share, how many they are, and the first of them. */
  private writeGroups(sheet: ReturnType<XlsxWorkbookWriter['sheet']>): void {
    if (this.groups.size === 0) return;
    const words = exportWords[this.options.locale ?? 'en'];
    const lines = [...this.groups.values()].sort(
      (a, b) => b.group.size - a.group.size || a.group.rows[0] - b.group.rows[0],
    );
    sheet.row([]);
    sheet.row([words.groupsTitle(lines.length, Math.min(lines.length, groupsListed))], cellStyle.bold);
    sheet.row(words.groupsColumns, cellStyle.header);
    for (const { field, group } of lines.slice(0, groupsListed)) {
      const more = group.size > group.rows.length ? ', …' : '';
      sheet.row([
        field,
        words.groupMatch[group.match],
        String(group.size),
        `${group.rows.join(', ')}${more}`,
      ]);
    }
  }
}

/** The error report as a pull stream of bytes. */
export function errorReportChunks(
  options: ErrorReportOptions,
  rows: Iterable<ReportRow>,
): Generator<Uint8Array, void, undefined> {
  return pullChunks((sink) => new ErrorReportWriter(options, sink), rows);
}

/** `errorReportChunks` for rows that arrive asynchronously. */
export function errorReportChunksAsync(
  options: ErrorReportOptions,
  rows: AsyncIterable<ReportRow> | Iterable<ReportRow>,
): AsyncGenerator<Uint8Array, void, undefined> {
  return pullChunksAsync((sink) => new ErrorReportWriter(options, sink), rows);
}
