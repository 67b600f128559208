import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { generateContacts } from '../../test/fixtures/generate-contacts';
import { fieldOf, suggestMapping } from '../mapping';
import { clientTether } from '../template';
import { columnsFromHeaders } from '../validate';
import { type Issue, validateRows } from '../problems';
import {
  concatChunks,
  type ErrorReportOptions,
  errorReportChunks,
  exportWords,
  type ReportRow,
  reportExtraHeaders,
  reportRowNumbers,
} from './index';

async function open(bytes: Uint8Array | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as ArrayBuffer);
  return workbook;
}

function noteText(cell: ExcelJS.Cell): string | undefined {
  const note = cell.note as unknown;
  if (note === undefined || typeof note === 'string') return note;
  return (note as { texts: { text: string }[] }).texts.map((t) => t.text).join('');
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill?.fgColor?.argb;
}

function rowsOf(sheet: ExcelJS.Worksheet, width: number): string[][] {
  const out: string[][] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    out.push(Array.from({ length: width }, (_, c) => String(row.getCell(c + 1).value ?? '')));
  }
  return out;
}

const headers = clientTether.fields.map((f) => f.header);
const width = headers.length;
const red = 'FFFFC7CE';
const yellow = 'FFFFEB9C';

/** A generated file with planted errors, one whitespace warning, and the issues the validator finds. */
function problemFile() {
  const { rows } = generateContacts(80, { seed: 7, errorRate: 0.04 });
  rows[3][0] = ' Ann'; // edge space: a warning
  const columns = columnsFromHeaders(clientTether, headers);
  const issues = validateRows(clientTether, columns, rows);
  const byRow = new Map<number, Issue[]>();
  for (const issue of issues) byRow.set(issue.row, [...(byRow.get(issue.row) ?? []), issue]);
  return { rows, issues, byRow, columns };
}

function report(
  rows: readonly ReportRow[],
  options: Partial<ErrorReportOptions> = {},
): Promise<ExcelJS.Workbook> {
  return open(concatChunks(errorReportChunks({ template: clientTether, ...options }, rows)));
}

describe('the error report', () => {
  it('holds the rows with problems under the template’s headers, with a Problems column after them', async () => {
    const { rows, byRow } = problemFile();
    const reportRows = [...byRow].map(([row, problems]) => ({ values: rows[row - 1], problems }));
    const book = await report(reportRows, { sourceRows: rows.length });
    expect(book.worksheets.map((s) => s.name)).toEqual(['Rows to fix', 'Summary']);
    const sheet = book.worksheets[0];
    expect(Array.from({ length: width + 1 }, (_, c) => sheet.getRow(1).getCell(c + 1).value)).toEqual([
      ...headers,
      'Problems',
    ]);
    expect(sheet.rowCount).toBe(byRow.size + 1);
    expect(rowsOf(sheet, width)).toEqual([...byRow.keys()].map((r) => rows[r - 1]));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('paints each problem cell, red for errors and yellow for warnings, with the message as its note', async () => {
    const { rows, byRow } = problemFile();
    const reportRows = [...byRow].map(([row, problems]) => ({ values: rows[row - 1], problems }));
    const sheet = (await report(reportRows)).worksheets[0];
    let checked = 0;
    reportRows.forEach((row, i) => {
      for (const problem of row.problems) {
        const cell = sheet.getRow(i + 2).getCell(problem.column + 1);
        expect(fillOf(cell)).toBe(problem.severity === 'error' ? red : yellow);
        expect(noteText(cell)).toContain(problem.message);
        checked++;
      }
      const clean = headers.findIndex((_, c) => !row.problems.some((p) => p.column === c));
      expect(fillOf(sheet.getRow(i + 2).getCell(clean + 1))).toBeUndefined();
    });
    expect(checked).toBeGreaterThan(20);
    const warningRow = reportRows.findIndex((r) => r.problems.some((p) => p.code === 'text.whitespace'));
    expect(fillOf(sheet.getRow(warningRow + 2).getCell(1))).toBe(yellow);
  });

  it('says every problem of a row in plain words in its Problems cell, suggested fixes included', async () => {
    const { rows, byRow } = problemFile();
    const reportRows = [...byRow].map(([row, problems]) => ({ values: rows[row - 1], problems }));
    const sheet = (await report(reportRows)).worksheets[0];
    reportRows.forEach((row, i) => {
      const text = String(sheet.getRow(i + 2).getCell(width + 1).value);
      expect(text.split('\n')).toHaveLength(row.problems.length);
      for (const problem of row.problems) {
        expect(text).toContain(`${problem.severity === 'error' ? 'Error' : 'Warning'}: ${problem.message}`);
        if (problem.fix) expect(text).toContain(`Suggested: "${problem.fix.value}"`);
      }
    });
  });

  it('counts the problems per column and kind on the summary sheet', async () => {
    const { rows, issues, byRow } = problemFile();
    const reportRows = [...byRow].map(([row, problems]) => ({ values: rows[row - 1], problems }));
    const summary = (await report(reportRows, { sourceRows: rows.length })).getWorksheet('Summary')!;
    const lines: string[][] = [];
    for (let r = 1; r <= summary.rowCount; r++) {
      lines.push([1, 2, 3, 4, 5].map((c) => String(summary.getRow(r).getCell(c).value ?? '')));
    }
    const text = lines.map((l) => l.join(' ')).join('\n');
    expect(text).toContain(`Rows in the original file: ${rows.length}`);
    expect(text).toContain(`Rows with problems, on the "Rows to fix" sheet: ${byRow.size}`);
    const errors = issues.filter((i) => i.severity === 'error').length;
    expect(text).toContain(`Errors (must be fixed before import): ${errors}`);
    expect(text).toContain('Warnings (worth a look, do not block the import): 1');
    const table = lines.slice(lines.findIndex((l) => l[0] === 'Column') + 1);
    const expected = new Map<string, number>();
    for (const issue of issues) {
      const key = `${issue.field}|${exportWords.en.problemKind[issue.code]}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(new Map(table.map((l) => [`${l[0]}|${l[2]}`, Number(l[4])]))).toEqual(expected);
    const counts = table.map((l) => Number(l[4]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(table.find((l) => l[0] === 'firstName' && l[3] === 'Warning')?.[1]).toBe('First name');
  });

  it('maps itself when opened again, and validating it shows exactly what is still wrong', async () => {
    const { rows, issues, byRow } = problemFile();
    const reportRows = [...byRow].map(([row, problems]) => ({ values: rows[row - 1], problems }));
    const book = await report(reportRows);
    const sheet = book.worksheets[0];
    const reopenedHeaders = Array.from({ length: width + 1 }, (_, c) =>
      String(sheet.getRow(1).getCell(c + 1).value),
    );
    const columns = columnsFromHeaders(clientTether, reopenedHeaders);
    expect(columns.slice(0, width)).toEqual(clientTether.fields);
    expect(columns[width]).toBeNull();
    expect(reportExtraHeaders).toContain(reopenedHeaders[width]);
    const mapping = suggestMapping(clientTether, reopenedHeaders, rowsOf(sheet, width + 1));
    expect(mapping.columns.slice(0, width).map((c) => fieldOf(c.target))).toEqual(headers);
    expect(mapping.columns[width]).toMatchObject({ target: { kind: 'skip' } });

    const check = (s: ExcelJS.Worksheet) => validateRows(clientTether, columns, rowsOf(s, width + 1));
    const still = (s: ExcelJS.Worksheet) => check(s).map((i) => `${i.field}|${i.code}`);
    const before = issues.map((i) => `${i.field}|${i.code}`);
    expect(still(sheet)).toEqual(before);

    // The customer fixes one cell in Excel and sends the file back: that problem is gone, the rest remain.
    const first = reportRows[0].problems.find((p) => p.code !== 'text.whitespace' && p.field !== 'email')!;
    const good: Record<string, string> = {
      phone: '5551234567',
      second_Phone: '5551234567',
      smsok: '1',
      presence_of_children: '1',
      presence_of_pets: '0',
      state: 'NY',
      zip: '10001',
      gender: 'F',
      material_status: 'Single',
      new_lead_notification: '0',
      contact_type: '1',
    };
    sheet.getRow(2).getCell(first.column + 1).value =
      good[first.field] ?? (/date|anniversary/.test(first.field) ? '2021-03-04' : '42');
    const returned = await open(await book.xlsx.writeBuffer());
    const after = check(returned.worksheets[0]);
    expect(after).toHaveLength(before.length - 1);
    expect(after.filter((i) => i.row === 1).map((i) => i.field)).not.toContain(first.field);
  });

  it('holds every row when asked, leaving rows without problems unpainted and their Problems cell empty', async () => {
    const { rows, byRow } = problemFile();
    const reportRows = rows.map((values, i) => ({ values, problems: byRow.get(i + 1) ?? [] }));
    const book = await report(reportRows, { allRows: true, sourceRows: rows.length });
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(rows.length + 1);
    expect(rowsOf(sheet, width)).toEqual(rows);
    const cleanIndex = rows.findIndex((_, i) => !byRow.has(i + 1));
    const clean = sheet.getRow(cleanIndex + 2);
    expect(clean.getCell(width + 1).value).toBeNull();
    expect(Array.from({ length: width }, (_, c) => fillOf(clean.getCell(c + 1))).filter(Boolean)).toEqual([]);
    const summary = book.getWorksheet('Summary')!;
    expect(String(summary.getCell('A3').value)).toBe(
      `Rows on the "Rows to fix" sheet: ${rows.length} (all rows)`,
    );
  });

  it('describes each duplicate group once on the summary sheet, however many rows it has', async () => {
    const { rows } = generateContacts(3_000, { seed: 9, errorRate: 0 });
    const email = headers.indexOf('email');
    rows.forEach((row, i) => {
      row[email] = 'noemail@company.com';
      row[0] = `First${i}`;
    });
    rows[7][0] = 'Ann';
    rows[7][1] = 'Lee';
    rows[9][0] = 'Ann';
    rows[9][1] = 'Lee';
    const issues = validateRows(clientTether, columnsFromHeaders(clientTether, headers), rows);
    const byRow = new Map<number, Issue[]>();
    for (const issue of issues) byRow.set(issue.row, [...(byRow.get(issue.row) ?? []), issue]);
    const reportRows = [...byRow].map(([row, problems]) => ({ values: rows[row - 1], problems }));
    const book = await report(reportRows, { sourceRows: rows.length });
    const summary = book.getWorksheet('Summary')!;
    const lines: string[] = [];
    summary.eachRow((row) => {
      lines.push([1, 2, 3, 4].map((c) => String(row.getCell(c).value ?? '')).join(' | '));
    });
    const groups = lines.slice(lines.indexOf('Duplicate groups: 2 |  |  | '));
    expect(groups).toEqual([
      'Duplicate groups: 2 |  |  | ',
      'Column | What the rows share | Rows | First rows',
      'email | The same value | 3000 | 1, 2, 3, 4, 5, 6, …',
      'firstName | The same name and email | 2 | 8, 10',
    ]);
    expect(noteText(book.worksheets[0].getRow(4).getCell(email + 1))).toBe(
      'This email is also used in rows 1, 2, 4, 5, 6 and 2994 more. Each contact needs its own email: remove the duplicate rows or correct the address.',
    );
  });

  it('says so when there is nothing to fix', async () => {
    const summary = (await report([], { sourceRows: 10 })).getWorksheet('Summary')!;
    const values: string[] = [];
    summary.eachRow((row) => {
      values.push(String(row.getCell(1).value));
    });
    expect(values).toContain('No problems found.');
    expect(values).toContain('Errors (must be fixed before import): 0');
  });

  it('speaks Norwegian when asked, keeping the template’s headers', async () => {
    const { rows, byRow } = problemFile();
    const reportRows = [...byRow].map(([row, problems]) => ({ values: rows[row - 1], problems }));
    const book = await report(reportRows, { locale: 'nb' });
    expect(book.worksheets.map((s) => s.name)).toEqual(['Rader å rette', 'Sammendrag']);
    expect(book.worksheets[0].getRow(1).getCell(1).value).toBe('firstName');
    expect(book.worksheets[0].getRow(1).getCell(width + 1).value).toBe('Problemer');
    expect(String(book.worksheets[0].getRow(2).getCell(width + 1).value)).toMatch(/^(Feil|Advarsel): /);
  });
});

describe('report row numbers', () => {
  it('numbers the kept rows as Excel shows them, from row 2, and leaves out rows without problems', () => {
    const problems = new Set([1, 4, 5]);
    expect([...reportRowNumbers(6, (i) => problems.has(i), false)]).toEqual([0, 2, 0, 0, 3, 4]);
    expect([...reportRowNumbers(3, () => false, true)]).toEqual([2, 3, 4]);
  });
});
