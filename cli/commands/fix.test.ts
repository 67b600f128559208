import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'listprep-fix-'));
const config = join(dir, 'config');

function listprep(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/listprep.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LISTPREP_CONFIG_DIR: config },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

const source = [
  'Name,E-mail,Mobile Phone,State,Zip,Created,Gender,Deal Size,Country',
  'Ann Lee,Ann Lee <ann@example.com>,(555) 123-4567,Connecticut,6103,13/04/2021,female,"$12,500.00",Norway',
  '"Lee, Bob",bob@example.com,+47 912 34 567,ontario,k1a0b1,03/04/2021,M,12.5,',
  'Cy Dee,cy@example.com,1-555-123-4569,TX,78701,2021-01-02,,,',
];

type Change = { row: number; field: string; from: string; to: string; fix: string };
type Report = {
  rows: number;
  fixed: number;
  changes: Change[];
  byField: { field: string; fix: string; count: number; examples: { from: string; to: string }[] }[];
  dateOrders: Record<string, string>;
  remaining: { errors: number; warnings: number };
};

function readCsvRows(path: string): string[][] {
  // The fixed files hold no quoted commas except in the notes column, which the tests do not read.
  return readFileSync(path, 'utf8')
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('listprep fix', () => {
  const file = csv('messy.csv', source);

  it('maps the file, applies every certain fix and writes the template columns', () => {
    const out = join(dir, 'clean.csv');
    const run = listprep('fix', file, '-o', out);
    expect(run.stderr).toMatch(/^listprep fix: \S+messy\.csv: [^\n]+; mapping automatic: [^\n]+\n$/);
    expect(run.code).toBe(0);
    const [headers, ann, bob, cy] = readCsvRows(out);
    const cell = (row: string[], header: string) => row[headers.indexOf(header)];
    expect(headers.slice(0, 3)).toEqual(['firstName', 'lastName', 'phone']);
    expect([
      cell(ann, 'firstName'),
      cell(ann, 'lastName'),
      cell(bob, 'firstName'),
      cell(bob, 'lastName'),
    ]).toEqual(['Ann', 'Lee', 'Bob', 'Lee']);
    expect(cell(ann, 'phone')).toBe('5551234567');
    expect(cell(cy, 'phone')).toBe('5551234569');
    expect(cell(bob, 'phone')).toBe('+47 912 34 567');
    expect(cell(ann, 'email')).toBe('ann@example.com');
    expect([cell(ann, 'state'), cell(bob, 'state')]).toEqual(['CT', 'ON']);
    expect([cell(ann, 'zip'), cell(bob, 'zip')]).toEqual(['06103', 'K1A 0B1']);
    expect([cell(ann, 'creation_date'), cell(bob, 'creation_date')]).toEqual(['2021-04-13', '2021-04-03']);
    expect([cell(ann, 'gender'), cell(ann, 'deal_size'), cell(bob, 'deal_size')]).toEqual([
      'F',
      '12500',
      '12.5',
    ]);
  });

  it('prints per column what it changed, with examples, the date order and what is left', () => {
    const run = listprep('fix', file, '-o', join(dir, 'clean-text.csv'));
    expect(run.stdout).toContain('3 rows, 11 cells fixed (mapping automatic)');
    expect(run.stdout).toMatch(
      /phone\s+phone\.digits\s+2 {2}"\(555\) 123-4567" -> "5551234567", "1-555-123-4569" -> "5551234569"/,
    );
    expect(run.stdout).toMatch(/state\s+region\.code\s+2 {2}"Connecticut" -> "CT", "ontario" -> "ON"/);
    expect(run.stdout).toContain('Date order: creation_date day-first');
    expect(run.stdout).toContain('Left for a person: 2 errors');
  });

  it('lists every change with --json, and what is left matches listprep check on the output', () => {
    const out = join(dir, 'clean-json.csv');
    const report = JSON.parse(listprep('fix', file, '-o', out, '--json').stdout) as Report;
    expect(report.rows).toBe(3);
    expect(report.fixed).toBe(report.changes.length);
    expect(report.changes).toContainEqual({
      row: 1,
      field: 'zip',
      from: '6103',
      to: '06103',
      fix: 'postal.zeroPad',
    });
    expect(report.changes).toContainEqual({
      row: 2,
      field: 'zip',
      from: 'k1a0b1',
      to: 'K1A 0B1',
      fix: 'postal.canada',
    });
    expect(report.byField.find((t) => t.field === 'email')).toEqual({
      field: 'email',
      fix: 'email.address',
      count: 1,
      examples: [{ from: 'Ann Lee <ann@example.com>', to: 'ann@example.com' }],
    });
    expect(report.dateOrders).toEqual({ creation_date: 'dmy' });
    const check = JSON.parse(listprep('check', out, '--json').stdout) as { errors: number; warnings: number };
    expect(report.remaining).toEqual({ errors: check.errors, warnings: check.warnings });
  });

  it('leaves ambiguous dates as errors until the order is decided, and takes --date-order', () => {
    const ambiguous = csv('ambiguous.csv', [
      'First Name,Last Name,Created',
      'Ann,Lee,03/04/2021',
      'Bob,Ray,05/06/2021',
    ]);
    const undecided = listprep('fix', ambiguous, '-o', join(dir, 'amb.csv'));
    expect(undecided.stdout).toContain('0 cells fixed');
    expect(undecided.stdout).toContain('Date order undecided for creation_date');
    const decided = JSON.parse(
      listprep('fix', ambiguous, '-o', join(dir, 'amb2.csv'), '--date-order', 'mdy', '--json').stdout,
    );
    expect(decided.changes.map((c: Change) => c.to)).toEqual(['2021-03-04', '2021-05-06']);
  });

  it('turns lookup names into IDs when given the account’s lists', () => {
    const lookups = join(dir, 'lookups.json');
    writeFileSync(lookups, JSON.stringify({ actionPlans: [{ id: '12', name: 'New lead nurture' }] }));
    const plans = csv('plans.csv', ['First Name,Last Name,Action Plan', 'Ann,Lee,new lead nurture']);
    const report = JSON.parse(
      listprep('fix', plans, '-o', join(dir, 'plans-out.csv'), '--lookups', lookups, '--json').stdout,
    );
    expect(report.changes).toEqual([
      { row: 1, field: 'action_plan_id', from: 'new lead nurture', to: '12', fix: 'id.name' },
    ]);
  });

  it('writes the template workbook for an .xlsx output, which reads back with the fixed values', () => {
    const out = join(dir, 'clean.xlsx');
    expect(listprep('fix', file, '-o', out).code).toBe(0);
    const preview = JSON.parse(listprep('preview', out, '--json').stdout) as {
      headers: string[];
      rows: string[][];
    };
    const zip = preview.headers.indexOf('zip');
    expect(preview.rows.map((row) => row[zip])).toEqual(['06103', 'K1A 0B1', '78701']);
  });

  it('never writes the source, refuses formats it cannot write, and writes nothing without the required fields', () => {
    const sameFile = listprep('fix', file, '-o', file);
    expect(sameFile.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(`${source.join('\r\n')}\r\n`);
    expect(listprep('fix', file, '-o', join(dir, 'out.pdf')).code).toBe(2);
    const nameless = csv('nameless.csv', ['Email', 'ann@example.com']);
    const out = join(dir, 'nameless-out.csv');
    const run = listprep('fix', nameless, '-o', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('firstName, lastName');
    expect(existsSync(out)).toBe(false);
  });
});
