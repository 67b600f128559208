import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/codec';
import { clientTether } from '../../shared/template';
import { generateContacts, toCsv } from '../../test/fixtures/generate-contacts';

const dir = mkdtempSync(join(tmpdir(), 'listprep-export-'));
const headers = clientTether.fields.map((f) => f.header);
const width = headers.length;
const col = (header: string) => headers.indexOf(header);

function listprep(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/listprep.mjs', ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function open(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

function noteText(cell: ExcelJS.Cell): string | undefined {
  const note = cell.note as unknown;
  if (note === undefined || typeof note === 'string') return note;
  return (note as { texts: { text: string }[] }).texts.map((t) => t.text).join('');
}

/** Every data row of a sheet as strings; a cell that is not text fails the test. */
function textRows(sheet: ExcelJS.Worksheet, columns: number): string[][] {
  const out: string[][] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    out.push(
      Array.from({ length: columns }, (_, c) => {
        const value = row.getCell(c + 1).value;
        if (value !== null && typeof value !== 'string')
          throw new Error(`row ${r} col ${c + 1}: ${typeof value}`);
        return value ?? '';
      }),
    );
  }
  return out;
}

// Values that break naive exports, each in a column whose rule accepts it: accents, emoji, quotes, line
// breaks, formula look-alikes, leading zeros, long IDs, and numbers Excel would turn into 1E+19 or a date.
const tricky: Record<string, readonly string[]> = {
  firstName: ['Zoë', 'José 😀', 'O"Brien', '=HYPERLINK("http://x")', '+47 Ola', '-Dash', '@home', 'Åse'],
  lastName: ['Müller', 'Ørsted', "D'Arcy", 'Nguyễn', '李', '"Quoted"', 'Smith, Jr.', 'Ñoño'],
  address: ['1e5', '12345678901234567890', '1.50', 'TRUE', '2021-03-04', '3/4', '0012', '=1+1'],
  compName: ['Müller & Søn <AS>', 'A;B', 'x|y', '‘curly’', 'tab\tinside', 'Ünïcödé', '€ 100', '100%'],
  external_id: ['000123', '12345678901234567890', '9007199254740993', '0', '00', 'EXT-1', '1E10', '-5'],
  zip: ['02134', '00501', '02134-0001', 'K1A 0B1', '01234-5678-01', '90210', '00000', '07030'],
  whiteboard: [
    'line1\nline2',
    'a\r\nb',
    'quote "inside", comma',
    'two\n\nbreaks',
    '😀😀',
    '<b>x</b>',
    'x',
    '',
  ],
};

function trickyRows(count: number, seed = 3): string[][] {
  const rows = generateContacts(count, { seed, errorRate: 0 }).rows;
  rows.forEach((row, r) => {
    for (const [header, values] of Object.entries(tricky)) row[col(header)] = values[r % values.length];
  });
  return rows;
}

describe('listprep export', () => {
  it('round-trips every cell of a tricky file through the template workbook, as text', async () => {
    const rows = trickyRows(300);
    const source = file('tricky.csv', toCsv(headers, rows));
    const before = sha(source);
    const out = join(dir, 'tricky.xlsx');
    const run = listprep('export', source, '-o', out);
    expect(run.stderr).toMatch(
      /^listprep export: \S+tricky\.csv: UTF-8, comma-delimited, header on line 1; mapping automatic: [^\n]+\n$/,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('300 rows written as the ClientTether template workbook');
    const book = await open(out);
    expect(book.worksheets.map((s) => s.name)).toEqual(clientTether.sheets);
    const sheet = book.worksheets[0];
    expect(Array.from({ length: width }, (_, c) => sheet.getRow(1).getCell(c + 1).value)).toEqual(headers);
    expect(noteText(sheet.getRow(1).getCell(col('phone') + 1))).toBe(
      clientTether.fields[col('phone')].hint.en,
    );
    expect(textRows(sheet, width)).toEqual(rows);
    expect(sha(source)).toBe(before);
  });

  it('round-trips every cell through the CSV: UTF-8, CRLF, RFC 4180, the template’s column order', () => {
    const rows = trickyRows(200, 4);
    const source = file('tricky2.csv', toCsv(headers, rows));
    const before = sha(source);
    const out = join(dir, 'tricky2-out.csv');
    expect(listprep('export', source, '-o', out).code).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')[0]).toBe(headers.join(','));
    expect(parseCsv(text)).toEqual([headers, ...rows]);
    expect(sha(source)).toBe(before);

    const withBom = join(dir, 'tricky2-bom.csv');
    expect(listprep('export', source, '-o', withBom, '--bom').code).toBe(0);
    const bomBytes = readFileSync(withBom);
    expect([...bomBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(bomBytes.subarray(3).toString('utf8'))).toEqual([headers, ...rows]);
  });

  it('neutralises formula-looking CSV cells only when asked, and says that it changed them', () => {
    const rows = trickyRows(8, 5);
    const source = file('formulas.csv', toCsv(headers, rows));
    const out = join(dir, 'formulas-out.csv');
    const run = listprep('export', source, '-o', out, '--neutralize-formulas');
    expect(run.code).toBe(0);
    const formulaCells = rows.flat().filter((v) => /^[=+\-@\t\r]/.test(v)).length;
    expect(formulaCells).toBeGreaterThan(3);
    expect(run.stdout).toContain(
      `${formulaCells} cells starting with = + - @, tab or CR now start with an apostrophe`,
    );
    expect(run.stdout).toContain('the CRM receives them changed');
    const back = parseCsv(readFileSync(out, 'utf8'));
    expect(back[1 + 3][col('firstName')]).toBe(`'${rows[3][col('firstName')]}`);
    expect(back[1 + 3][col('address')]).toBe(rows[3][col('address')]);
  });

  it('refuses a file with errors: exit 1, the count and the first problems, and no file written', () => {
    const { rows } = generateContacts(200, { seed: 9, errorRate: 0.02 });
    const source = file('dirty.csv', toCsv(headers, rows));
    const out = join(dir, 'dirty.xlsx');
    const run = listprep('export', source, '-o', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Not exported: \d+ errors in \d+ rows must be fixed first/);
    const lines = run.stderr.split('\n').filter((l) => /^ {2}row \d+, /.test(l));
    expect(lines).toHaveLength(10);
    expect(run.stderr).toContain(`listprep report ${source} -o report.xlsx`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('exports a file with warnings only, and mentions them', () => {
    const rows = generateContacts(20, { seed: 2, errorRate: 0 }).rows;
    rows[4][col('firstName')] = ' Ann';
    const out = join(dir, 'warned.xlsx');
    const run = listprep('export', file('warned.csv', toCsv(headers, rows)), '-o', out);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 warning (not blocking');
    expect(existsSync(out)).toBe(true);
  });

  it('maps the columns onto the template, keeps unknown ones as [import] notes and leaves out empty ones', async () => {
    const order = ['E-mail', 'Favourite colour', 'Surname', 'First name', 'Zip', 'Empty'];
    const source = file(
      'shuffled.csv',
      `${order.join(',')}\r\na@example.com,blue,Lee,Ann,02134,\r\nb@example.com,,Berg,Bob,,\r\n`,
    );
    const out = join(dir, 'shuffled.xlsx');
    const run = listprep('export', source, '-o', out);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('kept as [import] notes in whiteboard: Favourite colour');
    expect(run.stdout).toContain('left out, not in the template: Empty');
    const rows = textRows((await open(out)).worksheets[0], width + 1);
    const expected = headers.map(() => '');
    expected[col('firstName')] = 'Ann';
    expected[col('lastName')] = 'Lee';
    expected[col('email')] = 'a@example.com';
    expected[col('zip')] = '02134';
    expected[col('whiteboard')] = '[import] Favourite colour: blue';
    expect(rows[0]).toEqual([...expected, '']);
  });

  it('reads its own workbook back exactly: open, export, open again gives the same values', () => {
    const rows = trickyRows(120, 6);
    const first = join(dir, 'again.xlsx');
    expect(listprep('export', file('again.csv', toCsv(headers, rows)), '-o', first).code).toBe(0);
    const second = join(dir, 'again-out.csv');
    const run = listprep('export', first, '-o', second);
    expect(run.stderr).toMatch(
      /^listprep export: \S+again\.xlsx: sheet "[^"]+" \(of \d+\), header on row 1; mapping automatic: [^\n]+\n$/,
    );
    expect(run.code).toBe(0);
    expect(parseCsv(readFileSync(second, 'utf8'))).toEqual([headers, ...rows]);
  });

  it('refuses a cell too long for Excel as an error, in the workbook and the CSV alike, and writes nothing', () => {
    const rows = trickyRows(5, 7);
    rows[2][col('whiteboard')] = 'x'.repeat(40_000);
    const source = file('too-long.csv', toCsv(headers, rows));
    for (const out of [join(dir, 'too-long.xlsx'), join(dir, 'too-long.out.csv')]) {
      const run = listprep('export', source, '-o', out);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('row 3, whiteboard');
      expect(run.stderr).toContain('has more than 32,767 characters');
      expect(existsSync(out)).toBe(false);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('never writes over the source file', () => {
    const source = file('self.csv', toCsv(headers, trickyRows(3)));
    const before = sha(source);
    const run = listprep('export', source, '-o', source);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('that is the source file');
    expect(sha(source)).toBe(before);
  });

  it('refuses an output format it cannot write', () => {
    const run = listprep(
      'export',
      file('any.csv', 'firstName,lastName\r\nA,B\r\n'),
      '-o',
      join(dir, 'out.json'),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('use .xlsx or .csv');
  });
});

describe('listprep export --split-errors', () => {
  it('writes the rows without errors to the template and the rows with errors to the report, counts said first', async () => {
    const { rows } = generateContacts(150, { seed: 21, errorRate: 0.02 });
    rows[120][col('email')] = rows[7][col('email')].toUpperCase();
    const source = file('split-src.csv', toCsv(headers, rows));
    const checked = JSON.parse(listprep('check', source, '--json').stdout) as {
      issues: { row: number; severity: string }[];
    };
    const errorRows = new Set(checked.issues.filter((i) => i.severity === 'error').map((i) => i.row));
    expect(errorRows.has(8) && errorRows.has(121)).toBe(true);
    const out = join(dir, 'split.xlsx');
    const report = join(dir, 'split-errors.xlsx');
    const run = listprep('export', source, '-o', out, '--split-errors', report);
    // stderr says how the file was read and mapped; nothing else.
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.code).toBe(0);
    const clean = rows.filter((_, i) => !errorRows.has(i + 1));
    const bad = rows.filter((_, i) => errorRows.has(i + 1));
    expect(run.stdout.split('\n')[0]).toBe(
      `${source}: ${clean.length} rows without errors go to ${out}; ${bad.length} rows with errors to ${report}`,
    );
    expect(run.stdout).toContain(`${report}: ${bad.length} rows with errors, for the customer to fix`);
    // The CRM's file: the clean rows in file order, and no error in it.
    expect(textRows((await open(out)).getWorksheet('Header File')!, width)).toEqual(clean);
    expect(JSON.parse(listprep('check', out, '--json').stdout).errors).toBe(0);
    // The report: every other row, each with its problems, the duplicate pair pointing at each other.
    const sheet = (await open(report)).worksheets[0];
    const reported = textRows(sheet, width);
    expect(reported).toEqual(bad);
    for (let r = 0; r < reported.length; r++)
      expect(String(sheet.getRow(r + 2).getCell(width + 1).value ?? '')).not.toBe('');
    const first = bad.indexOf(rows[7]);
    const second = bad.indexOf(rows[120]);
    expect(String(sheet.getRow(second + 2).getCell(width + 1).value)).toContain(`row ${first + 2}`);
  });

  it('writes the CSV for the CRM too, and no report when no row has an error', () => {
    const { rows } = generateContacts(30, { seed: 22, errorRate: 0 });
    const source = file('split-clean-src.csv', toCsv(headers, rows));
    const out = join(dir, 'split-clean.csv');
    const report = join(dir, 'split-clean-errors.xlsx');
    const run = listprep('export', source, '-o', out, '--split-errors', report);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(
      `${source}: 30 rows without errors go to ${out}; 0 rows with errors to no report`,
    );
    expect(parseCsv(readFileSync(out, 'utf8')).slice(1)).toEqual(rows);
    expect(existsSync(report)).toBe(false);
  });

  it('refuses a report that is not a workbook, or the same file as the output, before reading anything', () => {
    const source = file('split-refuse.csv', toCsv(headers, generateContacts(5, { seed: 23 }).rows));
    const out = join(dir, 'split-refuse.xlsx');
    const csvReport = listprep('export', source, '-o', out, '--split-errors', join(dir, 'r.csv'));
    expect(csvReport.code).toBe(2);
    expect(csvReport.stderr).toContain('--split-errors writes the error report, a workbook');
    const same = listprep('export', source, '-o', out, '--split-errors', out);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('--split-errors and -o name the same file');
    expect(existsSync(out)).toBe(false);
  });
});

describe('listprep report', () => {
  function dirtyWithDuplicate() {
    const { rows } = generateContacts(120, { seed: 13, errorRate: 0.02 });
    rows[100][col('email')] = rows[10][col('email')].toUpperCase();
    return rows;
  }

  it('writes the rows with problems, painted and annotated, and exits 0 despite the errors', async () => {
    const rows = dirtyWithDuplicate();
    const source = file('report-src.csv', toCsv(headers, rows));
    const before = sha(source);
    const out = join(dir, 'report.xlsx');
    const run = listprep('report', source, '-o', out);
    expect(run.stderr).toMatch(/^listprep report: \S+report-src\.csv: [^\n]+; mapping automatic: [^\n]+\n$/);
    expect(run.code).toBe(0);
    const book = await open(out);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Rows to fix', 'Summary']);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(width + 1).value).toBe('Problems');
    const kept = textRows(sheet, width);
    expect(kept.length).toBeLessThan(rows.length);
    expect(run.stdout).toContain(`${kept.length} of ${rows.length} rows (the rows with problems)`);
    // Both rows of the duplicate pair are there, and each message names the other by its row in the report.
    const first = kept.findIndex((r) => r[col('email')] === rows[10][col('email')]);
    const second = kept.findIndex((r) => r[col('email')] === rows[100][col('email')]);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(second).toBeGreaterThan(first);
    const emailCell = sheet.getRow(first + 2).getCell(col('email') + 1);
    expect(noteText(emailCell)).toContain(`also used in row ${second + 2}.`);
    expect((emailCell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(String(sheet.getRow(second + 2).getCell(width + 1).value)).toContain(`row ${first + 2}`);
    expect(sha(source)).toBe(before);
  });

  it('opens a returned report mapped as the template, showing only what is still wrong', async () => {
    const rows = dirtyWithDuplicate();
    const out = join(dir, 'returned.xlsx');
    expect(listprep('report', file('returned-src.csv', toCsv(headers, rows)), '-o', out).code).toBe(0);
    const before = JSON.parse(listprep('check', out, '--json').stdout) as {
      errors: number;
      issues: unknown[];
    };
    const original = JSON.parse(listprep('check', join(dir, 'returned-src.csv'), '--json').stdout) as {
      errors: number;
    };
    expect(before.errors).toBe(original.errors);

    // The customer empties every painted email cell's duplicate and saves: those errors are gone.
    const book = await open(out);
    const sheet = book.worksheets[0];
    const second = textRows(sheet, width).findIndex((r) => r[col('email')] === rows[100][col('email')]);
    sheet.getRow(second + 2).getCell(col('email') + 1).value = 'someone.else@example.com';
    await book.xlsx.writeFile(out);
    const after = JSON.parse(listprep('check', out, '--json').stdout) as { errors: number };
    expect(after.errors).toBe(original.errors - 2);

    // The Problems column is dropped by the mapping: never a field, never an [import] note on export.
    const mapped = JSON.parse(listprep('map', out, '--json').stdout) as {
      mapping: { header: string; field: string | null; unmapped?: string }[];
    };
    expect(mapped.mapping.slice(0, width).map((c) => c.field)).toEqual(headers);
    expect(mapped.mapping[width]).toMatchObject({ header: 'Problems', field: null, unmapped: 'drop' });
  });

  it('writes every row with --all-rows', async () => {
    const rows = dirtyWithDuplicate();
    const out = join(dir, 'report-all.xlsx');
    const run = listprep('report', file('report-all.csv', toCsv(headers, rows)), '-o', out, '--all-rows');
    expect(run.code).toBe(0);
    expect(textRows((await open(out)).worksheets[0], width)).toEqual(rows);
  });
});

describe('listprep template', () => {
  it('writes the blank template, with the account’s ID lists when given', async () => {
    const lookups = file(
      'lookups.json',
      JSON.stringify({
        leadSources: [
          { id: '31', name: 'Trade show' },
          { id: '32', name: 'Website' },
        ],
      }),
    );
    const out = join(dir, 'blank.xlsx');
    const run = listprep('template', '-o', out, '--lookups', lookups);
    expect(run.code).toBe(0);
    const book = await open(out);
    expect(book.worksheets.map((s) => s.name)).toEqual(clientTether.sheets);
    expect(book.worksheets[0].rowCount).toBe(1);
    const sources = book.getWorksheet('Lead Source IDs')!;
    expect([sources.getCell('A3').value, sources.getCell('B3').value]).toEqual(['32', 'Website']);
    const letter = book.worksheets[0].getColumn(col('lead_source_id') + 1).letter;
    expect(book.worksheets[0].getCell(`${letter}2`).dataValidation?.formulae).toEqual([
      "'Lead Source IDs'!$A$2:$A$3",
    ]);
  });

  it('explains a bad lookups file in one line', () => {
    const run = listprep(
      'template',
      '-o',
      join(dir, 'x.xlsx'),
      '--lookups',
      file('bad.json', '{"plans": 1}'),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not a lookups file');
  });
});
