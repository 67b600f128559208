import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomBytes, utf8, utf16, windows1252 } from '../../test/fixtures/files/text-bytes';
import { billionLaughsXlsx, compoundFile, xlsx, zipBombXlsx } from '../../test/fixtures/files/xlsx-bytes';

const dir = mkdtempSync(join(tmpdir(), 'listprep-preview-'));

function listprep(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/listprep.mjs', ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function previewJson(...args: string[]) {
  const run = listprep('preview', ...args, '--json');
  // One line on stderr: how the file was read.
  expect(run.stderr).toMatch(/^listprep preview: [^\n]+, (header on (line|row) \d+|no header row)\n$/);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe('listprep preview', () => {
  it('prints encoding, delimiter, header row, headers and rows as JSON', () => {
    const path = file(
      'report.csv',
      utf8('Contacts report\r\n\r\nName;E-post;Postnummer\r\nKari;kari@x.no;0150\r\n', { bom: true }),
    );
    expect(previewJson(path)).toMatchObject({
      file: path,
      kind: 'csv',
      encoding: 'utf-8',
      bom: true,
      delimiter: ';',
      headerRow: 3,
      headers: ['Name', 'E-post', 'Postnummer'],
      rows: [['Kari', 'kari@x.no', '0150']],
      lines: [4],
      titles: ['Contacts report'],
      truncated: false,
    });
  });

  it('reads Windows-1252 and UTF-16 files and takes --encoding and --delimiter', () => {
    expect(previewJson(file('latin.csv', windows1252('navn,by\nMüller,Québec\n'))).rows).toEqual([
      ['Müller', 'Québec'],
    ]);
    expect(previewJson(file('unicode.txt', utf16('navn\tby\nÅse\tBodø\n', 'le'))).rows).toEqual([
      ['Åse', 'Bodø'],
    ]);
    const forced = previewJson(
      file('forced.csv', utf8('a|b\n1|2\n')),
      '--delimiter',
      'comma',
      '--encoding',
      'latin1',
    );
    expect([forced.encoding, forced.delimiter, forced.headers]).toEqual(['windows-1252', ',', ['a|b']]);
  });

  it('stops at --limit and says more rows follow', () => {
    const text = `name\n${Array.from({ length: 50 }, (_, i) => `n${i}`).join('\n')}\n`;
    const report = previewJson(file('long.csv', utf8(text)), '--limit', '2');
    expect([report.rows, report.truncated]).toEqual([[['n0'], ['n1']], true]);
  });

  it('lists the sheets of a workbook and reads the one named by --sheet', () => {
    const path = file(
      'book.xlsx',
      xlsx([
        {
          name: 'Header File',
          rows: [
            ['firstName', 'zip'],
            ['Ann', { n: 501, fmt: '00000' }],
          ],
        },
        { name: 'Other', rows: [['x'], ['y']] },
      ]),
    );
    const report = previewJson(path);
    expect([
      report.kind,
      report.sheet,
      report.sheets.map((s: { name: string }) => s.name),
      report.rows,
    ]).toEqual(['xlsx', 'Header File', ['Header File', 'Other'], [['Ann', '00501']]]);
    expect(previewJson(path, '--sheet', 'Other').rows).toEqual([['y']]);
  });

  it('prints a table for people by default', () => {
    const path = file('people.csv', utf8('name,city\nAnn,Oslo\n\nGrand Totals (1 record)\n'));
    const run = listprep('preview', path);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        `${path}: UTF-8, comma-delimited, header on line 1, 2 columns`,
        'line | name | city',
        '   2 | Ann  | Oslo',
        '1 data rows',
        'Footer, not data: Grand Totals (1 record)',
        '',
      ].join('\n'),
    );
  });

  it('exits 2 with a one-line reason for each unreadable or hostile file', () => {
    mkdirSync(join(dir, 'folder.csv'), { recursive: true });
    const cases: [string[], RegExp][] = [
      [['preview', join(dir, 'missing.csv')], /missing\.csv: no such file$/],
      [['preview', join(dir, 'folder.csv')], /is a folder, not a file$/],
      [['preview', file('empty.csv', new Uint8Array(0))], /the file is empty$/],
      [['preview', file('noise.xlsx', randomBytes(5000))], /named like an Excel workbook but is neither/],
      [
        ['preview', file('noise.csv', randomBytes(5000))],
        /not text in UTF-8, UTF-16 or Windows-1252.*choose its encoding$/,
      ],
      [['preview', file('old.xls', compoundFile(['Workbook']))], /Excel 97-2003 .*save it as \.xlsx or CSV$/],
      [['preview', file('locked.xlsx', compoundFile(['EncryptionInfo', 'EncryptedPackage']))], /password/],
      [['preview', file('bomb.xlsx', zipBombXlsx(32 * 1024 * 1024))], /refused to protect this computer$/],
      [['preview', file('laughs.xlsx', billionLaughsXlsx())], /DOCTYPE or ENTITY/],
      [['preview', file('ok.csv', utf8('a\n1\n')), '--encoding', 'ebcdic'], /--encoding must be/],
      [['preview', file('ok2.csv', utf8('a\n1\n')), '--limit', 'ten'], /--limit must be a whole number/],
      [['preview'], /usage: listprep preview FILE/],
    ];
    for (const [args, reason] of cases) {
      const run = listprep(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n').length, run.stderr).toBe(1);
      expect(run.stderr.trimEnd()).toMatch(reason);
    }
  });
});
