import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientTether } from '../shared/template';
import { awkwardValues } from '../test/fixtures/files/awkward-values';
import { claimingWorkbooks, refusedWorkbooks } from '../test/fixtures/files/crafted-workbooks';
import { xlsx } from '../test/fixtures/files/xlsx-bytes';
import { generateContacts, toCsv, toCsvLine } from '../test/fixtures/generate-contacts';

// The CLI on workbooks as people bring them: ListPrep's own exports at any size, Excel's error values and
// formulas, hidden sheets, and workbooks crafted to attack the reader (one line and exit 2, in bounded memory).

const dir = mkdtempSync(join(tmpdir(), 'listprep-workbook-'));
const bin = resolve('bin/listprep.mjs');
const headers = clientTether.fields.map((f) => f.header);
const col = (header: string) => headers.indexOf(header);

/**
 * Runs the CLI; `peakMb` is the process's peak resident memory (VmHWM: getrusage's maxRSS would count the
 * test runner's memory too, which the child starts from before it runs node).
 */
function listprep(...args: string[]) {
  const wrapper =
    "import { readFileSync } from 'node:fs';" +
    "process.on('exit', () => process.stderr.write('\\npeak-rss-kib ' + /VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1] + '\\n'));" +
    `process.argv = [process.argv[0], ${JSON.stringify(bin)}, ...${JSON.stringify(args)}];` +
    `await import(${JSON.stringify(bin)});`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', wrapper], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const peak = /\n?peak-rss-kib (\d+)\n$/.exec(run.stderr);
  return {
    code: run.status,
    stdout: run.stdout,
    stderr: peak ? run.stderr.slice(0, peak.index) : run.stderr,
    peakMb: peak ? Number(peak[1]) / 1024 : Number.NaN,
  };
}

/**
 * What a command said on stderr after its first line, which names how it read the file (the sheet, the
 * header row and, once chosen, the mapping): asserted here, so the rest is what reading found.
 */
function afterReadLine(run: { stderr: string }, command: string, path: string): string {
  const [first, ...rest] = run.stderr.split('\n');
  expect(first).toMatch(`listprep ${command}: ${path}: sheet "`);
  return rest.join('\n');
}

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function templateRow(values: Record<string, string>): string[] {
  const row = headers.map(() => '');
  for (const [header, value] of Object.entries(values)) row[col(header)] = value;
  return row;
}

describe('workbooks ListPrep exported', () => {
  it('read back exactly: export, then preview returns every value as it was', () => {
    // Control characters other than tab and line breaks are errors an export refuses (hostile-cells.test.ts):
    // every other awkward value goes through the CSV, the export and back.
    const control = (v: string) =>
      Array.from(v).some((c) => {
        const code = c.charCodeAt(0);
        return (code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127;
      });
    const values = awkwardValues.filter(
      (v) => !control(v) && !/[\ud800-\udfff]/.test(v.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')),
    );
    const rows = values.map((value, i) =>
      templateRow({ firstName: value, lastName: 'Lee', email: `p${i}@example.com` }),
    );
    const source = file('awkward.csv', `\uFEFF${toCsv(headers, rows)}`);
    const out = join(dir, 'awkward.xlsx');
    const exported = listprep('export', source, '-o', out);
    expect([exported.code, exported.stderr]).toEqual([0, expect.not.stringMatching(/error/)]);
    const preview = listprep('preview', out, '--json', '--limit', '1000');
    expect([preview.code, afterReadLine(preview, 'preview', out)]).toEqual([0, '']);
    const read = JSON.parse(preview.stdout) as { headers: string[]; rows: string[][] };
    expect(read.headers).toEqual(headers);
    expect(read.rows.map((row) => row[col('firstName')])).toEqual(values);
  });

  it('opens a 100,000-row workbook (unpacked, more than the 100 MB refused before) with check and preview', () => {
    const count = 100_000;
    const { rows } = generateContacts(count, { seed: 5, errorRate: 0 });
    const lines = [toCsvLine(headers)];
    rows.forEach((row, i) => {
      // Unique emails and phones, or the rows would (rightly) be duplicates.
      row[col('email')] = `contact${i}@example.com`;
      for (const c of [col('phone'), col('second_Phone')])
        if (row[c]) row[c] = `${2 + (i % 8)}${String(i).padStart(9, '0')}`;
      lines.push(toCsvLine(row));
    });
    const source = file('big.csv', `${lines.join('\r\n')}\r\n`);
    const out = join(dir, 'big.xlsx');
    expect(listprep('export', source, '-o', out).code).toBe(0);
    const check = listprep('check', out);
    expect([check.code, afterReadLine(check, 'check', out)]).toEqual([0, '']);
    expect(check.stdout.trimEnd().split('\n').at(-1)).toBe(`${out}: ${count} rows, 0 errors, 0 warnings`);
    const preview = listprep('preview', out, '--json', '--limit', '2');
    const read = JSON.parse(preview.stdout) as { rows: string[][]; truncated: boolean };
    expect([read.rows.length, read.truncated, read.rows[1][col('email')]]).toEqual([
      2,
      true,
      'contact1@example.com',
    ]);
  }, 240_000);
});

describe("Excel's error values and formulas", () => {
  const book = xlsx([
    {
      name: 'Contacts',
      rows: [
        ['firstName', 'lastName', 'email', 'phone'],
        ['Ann', 'Lee', 'ann@example.com', { f: 'VLOOKUP(A2,B:C,2,0)', v: '#N/A', t: 'e' }],
        ['Bob', 'Ray', { error: '#REF!' }, '5551234567'],
        ['Cy', 'Fox', { f: 'LOWER("CY@EXAMPLE.COM")' }, '5559876543'],
      ],
    },
  ]);

  it('check reports each error value as an error of its cell, and says which formulas have no saved result', () => {
    const path = file('errors.xlsx', book);
    const run = listprep('check', path, '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      issues: { row: number; field: string; code: string; value: string }[];
    };
    expect(report.issues.filter((i) => i.code === 'value.excelError')).toEqual([
      expect.objectContaining({ row: 1, field: 'phone', value: '#N/A' }),
      expect.objectContaining({ row: 2, field: 'email', value: '#REF!' }),
    ]);
    expect(afterReadLine(run, 'check', path)).toBe(
      'listprep check: 1 formula cell has no saved result and reads as empty (row 4, email); open the file in Excel and save it to keep the results\n',
    );
    const nb = listprep('check', path, '--lang', 'nb');
    expect(nb.stdout).toContain('inneholder regnearkfeilen #N/A, ikke en verdi');
  });

  it('export refuses a workbook with error values and writes nothing', () => {
    const path = file('errors-export.xlsx', book);
    const out = join(dir, 'errors-out.xlsx');
    const run = listprep('export', path, '-o', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Not exported: \d+ errors? in \d+ rows?/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('hidden sheets', () => {
  const book = xlsx([
    { name: 'Cover', rows: [] },
    {
      name: 'Data',
      rows: [
        ['firstName', 'lastName'],
        ['Ann', 'Lee'],
      ],
      state: 'veryHidden',
    },
  ]);

  it('are never read by default, and read when named, saying so', () => {
    const path = file('hidden.xlsx', book);
    const refused = listprep('check', path);
    expect([refused.code, refused.stdout]).toEqual([2, '']);
    expect(refused.stderr).toBe(
      `listprep check: ${path}: the workbook's visible sheets are empty; its data is in the very hidden sheet "Data": unhide it in Excel, or ask for it by its name\n`,
    );
    const named = listprep('check', path, '--sheet', 'Data');
    expect([named.code, afterReadLine(named, 'check', path)]).toEqual([
      0,
      'listprep check: read the very hidden sheet "Data", as asked\n',
    ]);
    const preview = listprep('preview', path, '--sheet', 'Data');
    expect(preview.stdout).toContain('Sheets: "Cover" 0 rows, "Data" (very hidden) 2 rows');
  });
});

describe('workbooks crafted to attack the reader', () => {
  it('are refused with one line and exit 2, in bounded memory', () => {
    for (const { name, bytes, reason } of refusedWorkbooks()) {
      const path = file(name, bytes);
      for (const command of ['check', 'preview']) {
        const run = listprep(command, path);
        expect([name, command, run.code, run.stdout]).toEqual([name, command, 2, '']);
        expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
        expect(run.stderr.trimEnd()).toMatch(reason);
        expect(run.peakMb, `${name}: ${run.peakMb} MB`).toBeLessThan(250);
      }
    }
  }, 120_000);

  it('are read within what they hold, not what they claim: merges over the whole grid, 50,000 merges, defined names', () => {
    for (const { name, bytes } of claimingWorkbooks()) {
      const path = file(name, bytes);
      const run = listprep('check', path, '--json');
      expect([name, run.code, afterReadLine(run, 'check', path)]).toEqual([name, 0, '']);
      expect(JSON.parse(run.stdout)).toMatchObject({ rows: 2, errors: 0 });
      expect(run.peakMb, `${name}: ${run.peakMb} MB`).toBeLessThan(250);
    }
  });
});
