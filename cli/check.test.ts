import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateContacts, toCsv } from '../test/fixtures/generate-contacts';

const dir = mkdtempSync(join(tmpdir(), 'listprep-check-'));

function listprep(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/listprep.mjs', ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function writeFile(name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

type JsonIssue = {
  row: number;
  column: string;
  field: string;
  code: string;
  severity: string;
  value: string;
  message: string;
  fix: string | null;
};

describe('listprep check', () => {
  it('finds exactly the planted errors in a generated file, no more and no fewer', () => {
    const { headers, rows, planted } = generateContacts(2_000, { seed: 11 });
    const file = writeFile('planted.csv', toCsv(headers, rows));
    const run = listprep('check', file, '--json');
    // stderr holds one line: how the file was read and the mapping used.
    expect(run.stderr).toMatch(
      /^listprep check: \S+planted\.csv: UTF-8, comma-delimited, header on line 1; mapping automatic: firstName -> firstName, [^\n]+\n$/,
    );
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      file: string;
      rows: number;
      errors: number;
      warnings: number;
      issues: JsonIssue[];
    };
    expect(report.rows).toBe(2_000);
    const found = report.issues
      .filter((i) => i.severity === 'error')
      .map((i) => `${i.row}|${i.field}|${i.code}|${i.value}`);
    const expected = planted.map((p) => `${p.row}|${p.field}|${p.code}|${p.value}`);
    expect(found.sort()).toEqual(expected.sort());
    expect(report.errors).toBe(planted.length);
    expect(report.warnings).toBe(0);
  });

  it('reports each issue with the row, column, field, code, value, message and fix', () => {
    const file = writeFile(
      'one.csv',
      'firstName,lastName,phone,email\r\nAnn,Lee,+1 555.123.4567,ann@example.com\r\n',
    );
    const report = JSON.parse(listprep('check', file, '--json').stdout);
    expect(report).toEqual({
      file,
      rows: 1,
      errors: 1,
      warnings: 0,
      duplicateGroups: [],
      issues: [
        {
          row: 1,
          column: 'phone',
          field: 'phone',
          code: 'phone.digits',
          severity: 'error',
          value: '+1 555.123.4567',
          message: expect.stringContaining('exactly 10 digits'),
          fix: '5551234567',
        },
      ],
      guessed: [],
      deadEnds: [],
    });
  });

  it('exits 0 on a clean file and prints a summary for people', () => {
    const file = writeFile(
      'clean.csv',
      'firstName,lastName,email\nAnn,Lee,ann@example.com\nBob,Ray,bob@example.com\n',
    );
    const run = listprep('check', file);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 rows, 0 errors, 0 warnings');
  });

  it('points duplicate emails at each other and words messages in Norwegian on request', () => {
    const file = writeFile(
      'dupes.csv',
      'firstName,lastName,email\nAnn,Lee,ann@example.com\nBob,Ray,ANN@example.com\n',
    );
    const report = JSON.parse(listprep('check', file, '--json', '--lang', 'nb').stdout);
    expect(
      report.issues.map((i: JsonIssue & { groups: number[] }) => [i.row, i.code, i.groups, i.value]),
    ).toEqual([
      [1, 'email.duplicate', [0], 'ann@example.com'],
      [2, 'email.duplicate', [0], 'ANN@example.com'],
    ]);
    expect(report.duplicateGroups).toEqual([
      { id: 0, field: 'email', code: 'email.duplicate', match: 'value', size: 2, firstRows: [1, 2] },
    ]);
    expect(report.issues[0].message).toContain('Denne e-posten brukes også på rad 2');
  });

  it('describes 10,000 rows sharing one email as one group, and each row points at it', () => {
    const lines = ['firstName,lastName,email'];
    for (let r = 0; r < 10_000; r++) lines.push(`First${r},Last${r},noemail@company.com`);
    const file = writeFile('placeholder.csv', `${lines.join('\n')}\n`);
    const run = listprep('check', file, '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.errors).toBe(10_000);
    expect(report.duplicateGroups).toEqual([
      {
        id: 0,
        field: 'email',
        code: 'email.duplicate',
        match: 'value',
        size: 10_000,
        firstRows: [1, 2, 3, 4, 5, 6],
      },
    ]);
    expect(report.issues.every((i: { groups: number[] }) => i.groups.join() === '0')).toBe(true);
    expect(report.issues[9_999].message).toContain('also used in rows 1, 2, 3, 4, 5 and 9994 more.');
    const text = listprep('check', file).stdout;
    expect(text).toContain(
      'Duplicate groups (1):\n  email: 10000 rows with the same value (rows 1, 2, 3, 4, 5, …)\n',
    );
  });

  it('describes 10,000 rows with one name and phone (an office line) as one likely-duplicate group, a warning each', () => {
    const lines = ['firstName,lastName,phone,email'];
    for (let r = 0; r < 10_000; r++) lines.push(`Pat,Office,5035550199,pat${r}@company.com`);
    const file = writeFile('office-line.csv', `${lines.join('\n')}\n`);
    const run = listprep('check', file, '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect([report.errors, report.warnings]).toEqual([0, 10_000]);
    expect(report.duplicateGroups).toEqual([
      expect.objectContaining({ code: 'contact.likelyDuplicate', match: 'namePhone', size: 10_000 }),
    ]);
    const id = report.duplicateGroups[0].id;
    expect(
      report.issues.every(
        (i: { code: string; groups: number[] }) =>
          i.code === 'contact.likelyDuplicate' && i.groups.join() === String(id),
      ),
    ).toBe(true);
    expect(report.issues[9_999].message).toContain(
      'looks like rows 1, 2, 3, 4, 5 and 9994 more: two of name, phone and email are the same.',
    );
  });

  it('exits 2 with a one-line reason when the file cannot be read or the call is wrong', () => {
    for (const [args, reason] of [
      [['check', join(dir, 'missing.csv')], /no such file/],
      [['check', writeFile('empty.csv', '')], /empty/],
      [['check', writeFile('alien.csv', 'a,b,c\n1,2,3\n')], /no column matches/],
      [['check', 'x.csv', '--date-order', 'ymd'], /--date-order must be mdy or dmy/],
      [['check'], /usage/],
      [['frobnicate'], /unknown command/],
      [['constructor'], /unknown command/],
    ] as const) {
      const run = listprep(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(reason);
      expect(run.stderr).not.toMatch(/\n\s+at /); // never a stack trace
    }
  });

  it('reads a header named __proto__ as an ordinary column', () => {
    const file = writeFile('proto.csv', '__proto__,constructor,firstName,lastName\n{"x":1},y,Ann,Lee\n');
    const run = listprep('check', file, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).errors).toBe(0);
  });
});

describe('listprep check on files that are not the template', () => {
  it('maps a Google Contacts export automatically and names the source column of each issue', () => {
    const file = writeFile(
      'google.csv',
      [
        'Given Name,Family Name,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Anniversary,Notes',
        'Ann,Lee,ann@example.com,Mobile,(555) 123-4567,1980-02-30,met at the fair',
        'Bob,Ray,bob@example,Mobile,5559876543,,',
      ].join('\n'),
    );
    const run = listprep('check', file, '--json', '--ignore-profiles');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.issues.map((i: JsonIssue) => [i.row, i.column, i.field, i.code, i.fix])).toEqual([
      [1, 'Phone 1 - Value', 'phone', 'phone.digits', '5551234567'],
      [1, 'Anniversary', 'anniversary_1', 'date.invalid', null],
      [2, 'E-mail 1 - Value', 'email', 'email.format', null],
    ]);
  });

  it('decides a date column’s day/month order from its values and suggests ISO dates', () => {
    const file = writeFile(
      'dates.csv',
      'firstName,lastName,creation_date\nAnn,Lee,25/12/2020\nBob,Ray,03/04/2021\n',
    );
    const report = JSON.parse(listprep('check', file, '--json', '--ignore-profiles').stdout);
    expect(report.issues.map((i: JsonIssue) => [i.row, i.code, i.fix])).toEqual([
      [1, 'date.format', '2020-12-25'],
      [2, 'date.format', '2021-04-03'],
    ]);
    const forced = JSON.parse(
      listprep('check', file, '--json', '--ignore-profiles', '--date-order', 'mdy').stdout,
    );
    expect(forced.issues.map((i: JsonIssue) => i.fix)).toEqual([null, '2021-03-04']);
  });

  it('says which required field has no column and still lists every row it affects', () => {
    const file = writeFile('nolast.csv', 'First Name,Email\nAnn,ann@example.com\n');
    const run = listprep('check', file, '--json', '--ignore-profiles');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no column for the required field\(s\) lastName/);
    expect(JSON.parse(run.stdout).issues.map((i: JsonIssue) => i.code)).toEqual(['required.missing']);
  });
});
