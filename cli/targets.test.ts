import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { configio, dealerCrm, mainBrainer } from '../shared/template';
import { minParallelBytes } from './check-parallel';

// Every target through the CLI, as a success manager uses it: `--target NAME` on a messy real-style file,
// `fix`, then `export` to that CRM's own file, opened and checked here byte for byte or cell by cell.

const dir = mkdtempSync(join(tmpdir(), 'listprep-targets-'));

function listprep(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, ['bin/listprep.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const out = (name: string) => join(dir, name);

// A Norwegian team's list: +47 phones written every way, postcodes that lost their zero or carry a prefix,
// countries by name, opt-ins as the words people type, and a column MainBrainer has no field for.
const norwegian = [
  'Fornavn,Etternavn,E-post,Mobil,Postnr,Sted,Land,Nyhetsbrev,SMS,Kommentar',
  'Kari,Nordmann,kari@example.no,+47 912 34 567,150,Oslo,Norge,ja,nei,VIP',
  'Ola,Hansen,OLA@EXAMPLE.NO,41234567,5003,Bergen,NO,Sant,Usant,',
  'Per,Berg,per@example.no,0047 98765432,NO-7010,Trondheim,Norway,yes,no,',
  'Åse,Ødegård,ase@example.no,+4722334455,0010,Oslo,Sverige,Ja,Nei,',
].join('\n');

describe('listprep targets', () => {
  it('lists every target with one line each, and as JSON', () => {
    const run = listprep(['targets']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual([
      'clienttether',
      'configio',
      'mainbrainer',
      'dealer',
    ]);
    expect(lines[0]).toContain('upload to the import server');
    expect(lines[2]).toContain('csv file to import');
    const json = JSON.parse(listprep(['targets', '--json']).stdout) as { name: string; upload: boolean }[];
    expect(json.filter((t) => t.upload).map((t) => t.name)).toEqual(['clienttether']);
  });

  it('refuses an unknown target, naming the ones there are, and a field choice on a target without a builder', () => {
    const list = file('any.csv', 'First Name,Last Name\nAnn,Lee\n');
    const unknown = listprep(['check', list, '--target', 'salesforce']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--target must be one of clienttether, configio, mainbrainer, dealer');
    const fields = listprep(['check', list, '--target', 'dealer', '--fields', 'Email']);
    expect(fields.code).toBe(2);
    expect(fields.stderr).toContain("--fields: Dealer CRM's template has no field choice");
  });
});

describe('MainBrainer', () => {
  it('checks a Norwegian list by its rules, fixes it with certainty, and exports the exact UTF-8 CSV with no errors', () => {
    const source = file('norsk.csv', norwegian);
    const check = listprep(['check', source, '--target', 'mainbrainer', '--lang', 'nb']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      'Mobilnummer "+47 912 34 567": Mobilnummer må være et telefonnummer på internasjonal form',
    );
    expect(check.stdout).toContain('Suggested: "+4791234567"');
    expect(check.stdout).toMatch(/norsk\.csv: 4 rows, 12 errors, 0 warnings/);

    const fixed = out('norsk-fixed.csv');
    // SMS is mapped from its values (opt-in words), a guess a person confirms.
    const fix = listprep(['fix', source, '--target', 'mainbrainer', '--confirm', 'SMS', '-o', fixed]);
    expect(fix.stdout).toContain('"0047 98765432" -> "+4798765432"');
    expect(fix.stdout).toContain('No errors left.');
    expect(fix.code).toBe(0);

    const exported = out('mainbrainer.csv');
    const run = listprep([
      'export',
      fixed,
      '--target',
      'mainbrainer',
      '--choice',
      'secondaryKey=mobile',
      '--choice',
      'masterData=file',
      '-o',
      exported,
    ]);
    // stderr says how the file was read and mapped; nothing about errors.
    expect(run.stderr).not.toMatch(/error|not exported/i);
    expect(run.code).toBe(0);
    const bytes = readFileSync(exported);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      [
        mainBrainer.fields.map((f) => f.header).join(','),
        'Kari,Nordmann,kari@example.no,+4791234567,,,,,0150,Oslo,NO,,Ja,Nei,',
        'Ola,Hansen,OLA@EXAMPLE.NO,+4741234567,,,,,5003,Bergen,NO,,Sant,Usant,',
        'Per,Berg,per@example.no,+4798765432,,,,,7010,Trondheim,NO,,Ja,Nei,',
        'Åse,Ødegård,ase@example.no,+4722334455,,,,,0010,Oslo,SE,,Ja,Nei,',
        '',
      ].join('\r\n'),
    );
    expect(run.stdout).toContain('4 rows written as MainBrainer CSV');
    expect(run.stdout).toContain('Secondary key: Mobile number.');
    expect(run.stdout).toContain('Master data: My uploaded file is the master data.');
    expect(run.stdout).toContain('Matched by Email address: 4 rows.');
    expect(run.stdout).toContain("listprep upload sends lists to ClientTether's import server only");
  });

  it('takes a list’s own opt-in words from the lookups file and refuses the defaults there', () => {
    const lookups = file('optin.json', JSON.stringify({ optInWords: { yes: 'OptIn', no: 'OptOut' } }));
    const source = file(
      'optin.csv',
      'Fornavn,Etternavn,E-post,Nyhetsbrev\nKari,Nordmann,kari@example.no,Ja\n',
    );
    const check = listprep(['check', source, '--target', 'mainbrainer', '--lookups', lookups]);
    expect(check.stdout).toContain('Email marketing must be OptIn (yes) or OptOut (no). Suggested: "OptIn".');
    expect(check.code).toBe(1);
  });

  it('refuses a workbook, which MainBrainer does not import, and an upload to ClientTether’s server', () => {
    const source = file('ok.csv', 'Fornavn,Etternavn\nKari,Nordmann\n');
    const xlsx = listprep(['export', source, '--target', 'mainbrainer', '-o', out('mb.xlsx')]);
    expect(xlsx.code).toBe(2);
    expect(xlsx.stderr).toContain('MainBrainer imports .csv files');
    const upload = listprep(['upload', source, '--target', 'mainbrainer', '--server', 'https://example.com']);
    expect(upload.code).toBe(2);
    expect(upload.stderr).toContain(
      'the import server takes ClientTether lists only; MainBrainer imports a file',
    );
  });

  it('checks a large list in several threads exactly as in one, the phone rules loaded in each', () => {
    const lines = ['Fornavn,Etternavn,E-postadresse,Mobilnummer,Postnummer,Land'];
    let size = 0;
    for (let i = 0; size < minParallelBytes * 1.05; i++) {
      const phone =
        i % 97 === 0
          ? `+47 9${String(i % 10_000_000).padStart(7, '0')}`
          : `+479${String(i % 10_000_000).padStart(7, '0')}`;
      const line = `Navn${i},Etternavn${i},person${i}@example.no,${phone},${String(i % 10_000).padStart(4, '0')},NO`;
      lines.push(line);
      size += line.length + 1;
    }
    const big = file('big-mb.csv', `${lines.join('\n')}\n`);
    const env = { LISTPREP_TRACE: '1', LISTPREP_CHECK_WAIT: '1' };
    const one = listprep(['check', big, '--target', 'mainbrainer', '--threads', '1'], env);
    const two = listprep(['check', big, '--target', 'mainbrainer', '--threads', '2'], env);
    expect(two.stderr).toContain('read in 2 threads');
    expect(two.stdout).toBe(one.stdout);
    // Every 97th phone has spaces: an error each, in either way of reading.
    const errors = Math.ceil((lines.length - 1) / 97);
    expect(one.stdout).toContain(`big-mb.csv: ${lines.length - 1} rows, ${errors} errors, 0 warnings`);
  });
});

describe('the dealer CRM', () => {
  it('exports CSV with the chosen delimiter, unmapped data as [import] notes, and counts Merge and Processed', () => {
    const source = file(
      'dealer.csv',
      [
        'First Name,Last,E-mail,Cell,City,ST,Zip,Vehicle,Salesperson',
        'Ann,Lee,ann@example.com,(555) 123-4567,Austin,tx,73301,2019 Civic,Bob',
        'Ann,Lee,ANN@example.com,,Austin,TX,73301,,',
        'Bob,Ray,,555.987.6543,Dallas,Texas,75201,F-150,',
      ].join('\n'),
    );
    const fixed = out('dealer-fixed.csv');
    // ST is mapped from its values (state codes), a guess a person confirms.
    expect(listprep(['fix', source, '--target', 'dealer', '--confirm', 'ST', '-o', fixed]).code).toBe(0);
    const exported = out('dealer-out.csv');
    const run = listprep([
      'export',
      fixed,
      '--target',
      'dealer',
      '--choice',
      'rule=merge',
      '--out-delimiter',
      ';',
      '-o',
      exported,
    ]);
    expect(run.code).toBe(0);
    expect(readFileSync(exported, 'utf8')).toBe(
      [
        dealerCrm.fields.map((f) => f.header).join(';'),
        'Ann;Lee;ann@example.com;5551234567;;;;Austin;TX;73301;;;2019 Civic;;;[import] Salesperson: Bob',
        'Ann;Lee;ANN@example.com;;;;;Austin;TX;73301;;;;;;',
        'Bob;Ray;;5559876543;;;;Dallas;TX;75201;;;F-150;;;',
        '',
      ].join('\r\n'),
    );
    expect(run.stdout).toContain(
      '2 rows share two of name, phone number and email with another row, in 1 group: with Merge, Dealer CRM merges each group into one lead (1 lead instead of 2).',
    );
    expect(run.stdout).toContain(
      '3 rows with data: when the import has finished, Dealer CRM\'s "Processed" column should show 3.',
    );
    const bad = listprep(['export', fixed, '--target', 'dealer', '--out-delimiter', ':', '-o', out('x.csv')]);
    expect(bad.stderr).toContain('--out-delimiter: Dealer CRM takes , ; tab |, not ":"');
    const choice = listprep([
      'export',
      fixed,
      '--target',
      'dealer',
      '--choice',
      'rule=overwrite',
      '-o',
      out('x.csv'),
    ]);
    expect(choice.stderr).toContain('--choice: rule must be one of create, merge, not "overwrite"');
  });
});

describe('Configio Leads', () => {
  const lookups = () =>
    file(
      'configio-lookups.json',
      JSON.stringify({
        countries: [
          { id: 'US', name: 'United States' },
          { id: 'NO', name: 'Norway' },
        ],
        states: [{ id: 'TX', name: 'Texas' }],
        leadStatuses: [
          { id: 'New', name: 'New' },
          { id: 'Qualified', name: 'Qualified' },
        ],
      }),
    );

  it('enforces the key identifiers of each group used, the account’s countries and list items', () => {
    const source = file(
      'configio.csv',
      [
        'Company,Account CRM ID,E-mail,City,State,Country,Lead Status,Contact First Name,Contact Last Name',
        'Acme Inc,,info@acme.com,Austin,TX,USA,new,Ann,Lee',
        ',,x@y.com,Dallas,TX,US,Lost,Bob,',
      ].join('\n'),
    );
    const run = listprep(['check', source, '--target', 'configio', '--lookups', lookups()]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'row 1, Country "USA": Country must be one of this account\'s countries: US (United States), NO (Norway). Suggested: "US".',
    );
    expect(run.stdout).toContain('row 1, Lead Status "new"');
    expect(run.stdout).toContain(
      'row 2, Lead Name: Fill in at least one of Lead name, Account CRM ID or Export value',
    );
    expect(run.stdout).toContain(
      'row 2, Contact Last Name: Contact last name is required on a row with other Contact data',
    );
    expect(run.stdout).toContain(
      'row 2, Lead Status "Lost": Lead status must be one of this account\'s list items: New, Qualified.',
    );
  });

  it('exports its workbook with the account’s lists, says what is created and updated, and builds a smaller template', async () => {
    const source = file(
      'configio-ok.csv',
      [
        'Company,Account CRM ID,E-mail,Country,Lead Status,Contact First Name,Contact Last Name',
        'Acme Inc,,info@acme.com,USA,new,Ann,Lee',
        'Birch AS,1017,post@birch.no,Norway,Qualified,,',
      ].join('\n'),
    );
    const fixed = out('configio-fixed.csv');
    expect(listprep(['fix', source, '--target', 'configio', '--lookups', lookups(), '-o', fixed]).code).toBe(
      0,
    );
    const xlsx = out('configio.xlsx');
    const run = listprep(['export', fixed, '--target', 'configio', '--lookups', lookups(), '-o', xlsx]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'To be created: 1 row without Account CRM ID. May be updated: 1 row with Account CRM ID',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(configio.sheets);
    const leads = workbook.getWorksheet('Leads');
    if (!leads) throw new Error('no Leads sheet');
    const row = (r: number) =>
      configio.fields.map((_, c) => String(leads.getRow(r).getCell(c + 1).value ?? ''));
    expect(row(1)).toEqual(configio.fields.map((f) => f.header));
    const at = (header: string) => configio.fields.findIndex((f) => f.header === header);
    expect([row(2)[at('Lead Name')], row(2)[at('Country')], row(2)[at('Lead Status')]]).toEqual([
      'Acme Inc',
      'US',
      'New',
    ]);
    expect([row(3)[at('Account CRM ID')], row(3)[at('Country')]]).toEqual(['1017', 'NO']);
    const countries = workbook.getWorksheet('Countries');
    expect(countries?.getRow(2).getCell(1).value).toBe('US');

    const small = out('configio-small.csv');
    const built = listprep([
      'export',
      fixed,
      '--target',
      'configio',
      '--fields',
      'Email,contact',
      '--lookups',
      lookups(),
      '-o',
      small,
    ]);
    expect(built.code).toBe(0);
    expect(readFileSync(small, 'utf8').split('\r\n')[0]).toBe(
      'Account CRM ID,Lead Name,Export Value,Email,Contact First Name,Contact Last Name,Contact Email,Contact Phone,Contact Title',
    );
  });
});
