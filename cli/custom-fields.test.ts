import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { chosenColumn, type ColumnTarget, profileFromMapping } from '../shared/mapping';
import { clientTether } from '../shared/template';
import { lookupsAnswer } from '../test/fixtures/lookups-answer';

// Custom-field columns checked as the account's custom fields, as the app and the import server check them,
// when `--lookups` is the server's lookups answer saved whole (it names the account's custom fields).

const dir = mkdtempSync(join(tmpdir(), 'listprep-custom-'));
const config = join(dir, 'config');

function listprep(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/listprep.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LISTPREP_CONFIG_DIR: config },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const headers = ['First Name', 'Last Name', 'Email', 'Skostørrelse', 'Medlem siden', 'Favorittfarge'];
const targets: ColumnTarget[] = [
  { kind: 'field', header: 'firstName' },
  { kind: 'field', header: 'lastName' },
  { kind: 'field', header: 'email' },
  { kind: 'custom', name: 'shoe_size' },
  // Named by the label people see in the CRM, which finds the field as well as its key.
  { kind: 'custom', name: 'Member since' },
  // The account has no such field: the column travels unchecked.
  { kind: 'custom', name: 'favourite_colour' },
];
const csv = file(
  'members.csv',
  [
    headers.join(','),
    'Ann,Lee,ann@example.com,41,2021-03-04,blue',
    'Bob,Ray,bob@example.com,forty-two,2021-02-30,green',
    'Cy,Orr,cy@example.com,44,03/14/2021,',
  ].join('\n'),
);
const mappingFile = file(
  'members-mapping.json',
  JSON.stringify(
    profileFromMapping('members', {
      template: clientTether.id,
      fields: clientTether.fields.map((f) => f.header),
      columns: headers.map((header, i) => chosenColumn(i, header, targets[i])),
      noteField: 'whiteboard',
    }),
  ),
);

const answer = lookupsAnswer({
  leadSources: [{ id: '3', name: 'Website' }],
  customFields: [
    { id: '1', key: 'shoe_size', label: 'Shoe size', kind: 'whole' },
    { id: '2', key: 'member_since', label: 'Member since', kind: 'date' },
  ],
});
const answerFile = file('account-lookups.json', JSON.stringify(answer, null, 2));
const listsOnly = file('lists-only.json', JSON.stringify(answer.lookups));

/** A command's stderr when it only said how it read the file and the mapping it used (the --mapping file). */
const onlyReadLine = (command: string) =>
  new RegExp(`^listprep ${command}: [^\\n]+; mapping from [^\\n]+\\n$`);

type JsonIssue = { row: number; column: string; field: string; code: string; fix: string | null };

describe('custom-field columns in listprep check', () => {
  it('are checked as the account’s custom fields when --lookups is the server’s answer', () => {
    const run = listprep('check', csv, '--mapping', mappingFile, '--lookups', answerFile, '--json');
    expect(run.stderr).toMatch(onlyReadLine('check'));
    expect(run.code).toBe(1);
    const issues = (JSON.parse(run.stdout).issues as JsonIssue[]).map((i) => [
      i.row,
      i.column,
      i.field,
      i.code,
      i.fix,
    ]);
    expect(issues).toEqual([
      [2, 'Skostørrelse', 'custom:shoe_size', 'whole.format', null],
      [2, 'Medlem siden', 'custom:member_since', 'date.invalid', null],
      [3, 'Medlem siden', 'custom:member_since', 'date.format', '2021-03-14'],
    ]);
  });

  it('are not checked without the account’s custom fields, and the text output says so', () => {
    for (const lookups of [[], ['--lookups', listsOnly]]) {
      const run = listprep('check', csv, '--mapping', mappingFile, ...lookups);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        'Not in the template, not checked: Skostørrelse, Medlem siden, Favorittfarge',
      );
    }
    const checked = listprep('check', csv, '--mapping', mappingFile, '--lookups', answerFile);
    expect(checked.stdout).toContain('Not in the template, not checked: Favorittfarge');
    expect(checked.stdout).toMatch(/custom:member_since +date\.invalid +1/);
  });

  it('refuses a lookups answer that is not the server’s, naming where', () => {
    const broken = file(
      'broken-answer.json',
      JSON.stringify({ ...answer, customFields: [{ id: '1', key: 'x', label: 'X', kind: 'colour' }] }),
    );
    const run = listprep('check', csv, '--lookups', broken);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /broken-answer\.json: not the server's lookups answer \(customFields\.0\.kind: .+\)$/,
    );
  });
});

describe('custom-field columns in fix, export and report', () => {
  it('are fixed where the fix is certain and counted when left for a person (fix)', () => {
    const out = join(dir, 'fixed.csv');
    const run = listprep('fix', csv, '-o', out, '--mapping', mappingFile, '--lookups', answerFile, '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.changes).toContainEqual(
      expect.objectContaining({ row: 3, field: 'custom:member_since', from: '03/14/2021', to: '2021-03-14' }),
    );
    expect(report.remaining).toEqual({ errors: 2, warnings: 0 });
  });

  it('stop an export while they have errors, and are painted in the error report', async () => {
    const refused = listprep(
      'export',
      csv,
      '-o',
      join(dir, 'import.csv'),
      '--mapping',
      mappingFile,
      '--lookups',
      answerFile,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('row 2, custom:shoe_size "forty-two"');
    const unchecked = listprep('export', csv, '-o', join(dir, 'import.csv'), '--mapping', mappingFile);
    expect(unchecked.stderr).toMatch(onlyReadLine('export'));
    expect(unchecked.code).toBe(0);

    const out = join(dir, 'report.xlsx');
    const run = listprep('report', csv, '-o', out, '--mapping', mappingFile, '--lookups', answerFile);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 of 3 rows (the rows with problems); 3 errors, 0 warnings');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.worksheets[0];
    const width = clientTether.fields.length;
    expect(sheet.getRow(1).values).toEqual(
      expect.arrayContaining(['shoe_size', 'Member since', 'favourite_colour', 'Problems']),
    );
    const shoe = sheet.getRow(2).getCell(width + 1);
    expect(shoe.value).toBe('forty-two');
    expect((shoe.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(String(sheet.getRow(2).getCell(width + 4).value)).toContain('Shoe size');
  });
});
