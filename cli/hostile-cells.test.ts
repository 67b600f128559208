import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/codec';
import { xlsx } from '../test/fixtures/files/xlsx-bytes';

// Files built by hand with what the CRM would choke on, run through the built CLI as people run it: each test
// names the finding, its fix, and the exit code.

const dir = mkdtempSync(join(tmpdir(), 'listprep-hostile-'));

function listprep(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/listprep.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LISTPREP_CONFIG_DIR: join(dir, 'config') },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function writeFile(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

type JsonIssue = {
  row: number;
  line?: number;
  column: string;
  field: string;
  code: string;
  severity: string;
  value: string;
  fix: string | null;
  groups?: number[];
};

function check(file: string, ...args: string[]) {
  const run = listprep('check', file, '--json', ...args);
  return {
    code: run.code,
    stderr: run.stderr,
    report: JSON.parse(run.stdout) as { issues: JsonIssue[]; errors: number; warnings: number },
  };
}

const summary = (issues: JsonIssue[]) => issues.map((i) => [i.row, i.field, i.code, i.severity, i.fix]);

describe('cells that pass no more', () => {
  it('flags a cell over 32,767 characters as an error with no fix, and export refuses it', () => {
    const file = writeFile(
      'long.csv',
      `firstName,lastName,whiteboard\nAnn,Lee,${'x'.repeat(32_768)}\nBob,Ray,${'y'.repeat(32_767)}\n`,
    );
    const { code, report } = check(file);
    expect(code).toBe(1);
    expect(summary(report.issues)).toEqual([[1, 'whiteboard', 'cell.tooLong', 'error', null]]);
    expect(listprep('export', file, '-o', join(dir, 'long.out.csv')).code).toBe(1);
  });

  it('flags NUL and ESC read through --encoding windows-1252, and fix removes them', () => {
    const bytes = Uint8Array.from([
      ...Buffer.from('firstName,lastName,email\r\nAnn', 'latin1'),
      0x00,
      ...Buffer.from(',L\xf8e', 'latin1'),
      0x1b,
      ...Buffer.from(',ann@example.com\r\nBob,Ray,bob@example.com\r\n', 'latin1'),
    ]);
    const file = writeFile('controls.csv', bytes);
    const { code, report } = check(file, '--encoding', 'windows-1252');
    expect(code).toBe(1);
    expect(summary(report.issues)).toEqual([
      [1, 'firstName', 'text.control', 'error', 'Ann'],
      [1, 'lastName', 'text.control', 'error', 'Løe'],
    ]);
    const out = join(dir, 'controls.out.csv');
    const fixed = listprep('fix', file, '--encoding', 'windows-1252', '-o', out);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/firstName\s+text\.controls\s+1\s+"Ann\\u0000" -> "Ann"/);
    const written = readFileSync(out, 'utf8');
    expect(written.includes('\u0000') || written.includes('\u001b')).toBe(false);
    const [header, first] = parseCsv(written);
    expect(['firstName', 'lastName', 'email'].map((h) => first[header.indexOf(h)])).toEqual([
      'Ann',
      'Løe',
      'ann@example.com',
    ]);
    expect(check(out).code).toBe(0);
  });

  it('flags NUL and ESC in a workbook cell (Excel writes them as _x0000_ and _x001B_), and fix removes them', () => {
    const book = xlsx([
      {
        name: 'Contacts',
        rows: [
          ['firstName', 'lastName', 'email'],
          ['Ann_x0000_', 'Lee_x001B_', 'ann@example.com'],
          ['Bob', 'Ray', 'bob@example.com'],
        ],
      },
    ]);
    const file = writeFile('controls.xlsx', book);
    const { code, report } = check(file);
    expect(code).toBe(1);
    expect(summary(report.issues)).toEqual([
      [1, 'firstName', 'text.control', 'error', 'Ann'],
      [1, 'lastName', 'text.control', 'error', 'Lee'],
    ]);
    const out = join(dir, 'controls-book.out.csv');
    expect(listprep('fix', file, '-o', out).code).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written.includes('\u0000') || written.includes('\u001b')).toBe(false);
    expect(parseCsv(written)[1].slice(0, 2)).toEqual(['Ann', 'Lee']);
    expect(check(out).code).toBe(0);
  });

  it('warns about direction overrides and zero-width characters inside a value, shows them escaped, and fix removes them', () => {
    const file = writeFile(
      'bidi.csv',
      'firstName,lastName,compName\nAnn,Lee\u202eeeL,Acme\u200bCorp\nBob,Ray,Plain\n',
    );
    const { code, report } = check(file);
    expect(code).toBe(0);
    expect(summary(report.issues)).toEqual([
      [1, 'lastName', 'text.invisible', 'warning', 'LeeeeL'],
      [1, 'compName', 'text.invisible', 'warning', 'AcmeCorp'],
    ]);
    // The JSON keeps the value exact, with the invisible characters written as escapes.
    const json = listprep('check', file, '--json').stdout;
    expect(json).toContain('"value":"Lee\\u202eeeL"');
    expect(json).not.toMatch(/[\u202e\u200b]/);
    const text = listprep('check', file);
    expect(text.stdout).toContain('row 1, lastName "Lee\\u202eeeL":');
    expect(text.stdout).not.toMatch(/[\u202e\u200b]/);
    const out = join(dir, 'bidi.out.csv');
    expect(listprep('fix', file, '-o', out).code).toBe(0);
    expect(parseCsv(readFileSync(out, 'utf8'))[1].slice(0, 2)).toEqual(['Ann', 'LeeeeL']);
  });

  it('finds emails that differ only by Unicode normalisation as duplicates, and warns about a mixed-script address', () => {
    const file = writeFile(
      'unicode.csv',
      'firstName,lastName,email\nAnn,Lee,jos\u00e9@example.com\nBob,Ray,JOSE\u0301@example.com\nCy,Day,p\u0430ypal@example.com\n',
    );
    const { code, report } = check(file);
    expect(code).toBe(1);
    expect(summary(report.issues)).toEqual([
      [3, 'email', 'email.mixedScript', 'warning', null],
      [1, 'email', 'email.duplicate', 'error', null],
      [2, 'email', 'email.duplicate', 'error', null],
    ]);
  });

  it('warns in check about numbers Excel cut to 15 digits, at their row', () => {
    const book = xlsx([
      {
        name: 'Contacts',
        rows: [
          ['firstName', 'lastName', 'external_id'],
          ['Ann', 'Lee', { n: 1234567890123456 }],
          ['Bob', 'Ray', 'EXT-2'],
        ],
      },
    ]);
    const { code, report } = check(writeFile('long-number.xlsx', book));
    expect(code).toBe(0);
    expect(report.issues.map((i) => [i.row, i.line, i.column, i.field, i.code, i.severity, i.value])).toEqual(
      [[1, 2, 'external_id', 'external_id', 'xlsx.precision', 'warning', '1234567890123460']],
    );
    expect(report.warnings).toBe(1);
  });

  it('reports ragged rows at their rows instead of padding them silently', () => {
    const file = writeFile(
      'ragged.csv',
      'firstName,lastName,email\nAnn,Lee,a@x.com\nBob,Ray\nCy,Day,c@x.com,extra\n',
    );
    const { code, report } = check(file);
    expect(code).toBe(0);
    expect(report.issues.map((i) => [i.row, i.line, i.code, i.severity])).toEqual([
      [2, 3, 'row.ragged', 'warning'],
      [3, 4, 'row.ragged', 'warning'],
    ]);
    expect(report.warnings).toBe(2);
    expect(listprep('check', file).stdout).toContain(
      'row 2: Line 3 has 2 cells where the header has 3: the missing cells are read as empty.',
    );
  });

  it('reports a quote that never closes at its row and reads every other row', () => {
    const file = writeFile(
      'quote.csv',
      'firstName,lastName,email\nAnn,Lee,a@x.com\nBob,"Ray,b@x.com\nCy,Day,not-an-email\nDi,Fox,d@x.com\n',
    );
    const { code, stderr, report } = check(file);
    expect(code).toBe(1);
    expect(report.issues.map((i) => [i.row, i.line, i.field, i.code, i.severity, i.value])).toEqual([
      [3, undefined, 'email', 'email.format', 'error', 'not-an-email'],
      [2, 3, '', 'csv.unclosedQuote', 'warning', ''],
    ]);
    expect(stderr).toMatch(
      /^listprep check: \S+quote\.csv: UTF-8, comma-delimited, header on line 1; mapping automatic: [^\n]+\n$/,
    );
    expect(listprep('preview', file).stdout).toContain('Line 3 opens a quote that never closes');
  });

  it('never turns a tab-prefixed =1+2 into a formula', () => {
    const file = writeFile('formula.csv', 'firstName,lastName,whiteboard\nAnn,Lee,\t=1+2\nBob,Ray, note \n');
    const out = join(dir, 'formula.out.csv');
    const run = listprep('fix', file, '-o', out);
    expect(run.code).toBe(0);
    const [header, ann, bob] = parseCsv(readFileSync(out, 'utf8'));
    const notes = header.indexOf('whiteboard');
    expect([ann[notes], bob[notes]]).toEqual(['\t=1+2', 'note']);
    expect(check(out).report.issues.map((i) => [i.row, i.code, i.fix])).toEqual([
      [1, 'text.whitespace', null],
    ]);
  });

  it('escapes control characters of a file name when it echoes it', () => {
    const file = writeFile('bad\n\u001b[31mname.csv', 'firstName,lastName\nAnn,Lee\n');
    const run = listprep('check', file);
    expect(run.code).toBe(0);
    for (const text of [run.stdout, run.stderr]) {
      expect(text).toContain('bad\\n\\x1b[31mname.csv');
      expect(text).not.toContain('\u001b');
    }
    const missing = listprep('check', join(dir, 'gone\u001b]0;title\u0007.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`listprep check: ${join(dir, 'gone\\x1b]0;title\\x07.csv')}: no such file\n`);
  });
});
