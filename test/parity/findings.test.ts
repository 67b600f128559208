import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, type LookupsResponse } from '../../shared/api';
import type { ColumnTarget } from '../../shared/mapping';
import { encodeWindows1252, messyHeaders, messyRows } from '../e2e/messy-file';
import { startTestServer, type TestServer } from '../e2e/upload-server';
import { utf8 } from '../fixtures/files/text-bytes';
import { xlsx } from '../fixtures/files/xlsx-bytes';
import { generateContacts, toCsv } from '../fixtures/generate-contacts';
import { appFindings, cliFindings, mappingOf, openInApp, serverFindings, sheetToSend } from './surfaces';

// One validator, one answer: the same messy files, with the same mapping and the same account lists, give
// the same findings cell for cell - (row, field, code, severity) - in the CLI's `check`, in the app's list
// engine and in the import server's dry run, custom-field columns included. The account has a whole-number
// and a date custom field (added with SQL), and the CLI reads the lookups the server answered, saved whole.

const dir = mkdtempSync(join(tmpdir(), 'listprep-parity-'));
let server: TestServer;
let accountId: string;
let apiKey: string;
let lookups: LookupsResponse;
let lookupsFile: string;

beforeAll(async () => {
  server = await startTestServer('Parity');
  const account = server.seed.subAccounts[0];
  accountId = String(account.accountId);
  apiKey = account.apiKey;
  await server.db.query(
    `INSERT INTO custom_fields (account_id, key, label, kind) VALUES
       ($1, 'shoe_size', 'Shoe size', 'whole'),
       ($1, 'member_since', 'Member since', 'date')`,
    [account.accountId],
  );
  // The lookups as `curl …/lookups > account-lookups.json` saves them: the server's answer, byte for byte.
  const answer = await fetch(`${server.url()}${apiPaths.lookups(accountId)}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  const text = await answer.text();
  expect(answer.status).toBe(200);
  lookupsFile = join(dir, 'account-lookups.json');
  writeFileSync(lookupsFile, text);
  lookups = JSON.parse(text) as LookupsResponse;
  expect(lookups.customFields.map((f) => [f.key, f.kind])).toEqual(
    expect.arrayContaining([
      ['shoe_size', 'whole'],
      ['member_since', 'date'],
    ]),
  );
});

afterAll(async () => {
  await server?.close();
});

type MessyFile = Readonly<{
  name: string;
  bytes: Uint8Array;
  /** Targets chosen by hand (custom fields, ID columns); the app's proposal for the other columns. */
  chosen: Readonly<Record<string, ColumnTarget>>;
}>;

const shoeSize: ColumnTarget = { kind: 'custom', name: 'shoe_size' };
// By the label people see in the CRM: found as the account's `member_since` all the same.
const memberSince: ColumnTarget = { kind: 'custom', name: 'Member since' };

/** The trade-show export of the e2e tests: Windows-1252, semicolons, title lines, Norwegian headers. */
function tradeShow(): MessyFile {
  const headers = [...messyHeaders, 'Medlem siden'];
  const since = ['2021-03-04', '03/04/2021', '2021-02-30', '', '2020-1-5', ' 2019-05-06', 'i fjor'];
  const rows = messyRows.map((row, i) => [...row, since[i]]);
  rows[1][messyHeaders.indexOf('Stilling hos kunde')] = 'Buyer ';
  rows[2][messyHeaders.indexOf('Skostørrelse')] = '39½';
  rows[4][messyHeaders.indexOf('Skostørrelse')] = '-3';
  const lines = [
    'Kontaktliste – messen i Oslo',
    'Eksportert 01.05.2024',
    '',
    ...[headers, ...rows].map((r) => r.join(';')),
  ];
  return {
    name: 'trade-show.csv',
    bytes: encodeWindows1252(`${lines.join('\r\n')}\r\n`),
    chosen: {
      Kundenr: { kind: 'field', header: 'external_id' },
      Skostørrelse: shoeSize,
      'Medlem siden': memberSince,
    },
  };
}

/** Generated contacts in the template's columns with planted errors, two duplicates and two custom fields. */
function generated(): MessyFile {
  const { headers, rows } = generateContacts(80, { seed: 11, errorRate: 0.06 });
  const col = (header: string) => headers.indexOf(header);
  rows[40][col('email')] = rows[3][col('email')].toUpperCase();
  // The same person twice: same name and phone, another email.
  rows[60] = [...rows[20]];
  rows[60][col('email')] = 'someone.else@example.com';
  rows[60][col('phone')] = rows[20][col('phone')] || '5551239876';
  rows[20][col('phone')] = rows[60][col('phone')];
  const sizes = rows.map((_, i) => (i % 17 === 3 ? 'XL' : i % 13 === 5 ? '' : String(36 + (i % 12))));
  const dates = rows.map((_, i) =>
    i % 11 === 2
      ? '2022-02-29'
      : i % 7 === 4
        ? '5/6/2021'
        : i % 5 === 0
          ? ''
          : `2020-0${1 + (i % 9)}-1${i % 10}`,
  );
  const text = toCsv(
    [...headers, 'Shoe size', 'Member since'],
    rows.map((r, i) => [...r, sizes[i], dates[i]]),
  );
  return {
    name: 'generated.csv',
    bytes: utf8(text, { bom: true }),
    chosen: { 'Shoe size': shoeSize, 'Member since': memberSince },
  };
}

/** A CRM export with a full-name column to split, ID columns of the account's lists and stray spaces. */
function crmExport(ids: { plan: string; source: string; user: string }): MessyFile {
  const header = ['Full Name', 'E-mail Address', 'Mobile Phone', 'State', 'Plan', 'Lead Source', 'Owner'];
  header.push('Customer since', 'Shoe', 'Notes', 'Tags', 'Comment');
  const rows = [
    ['Ann Lee', 'ann@crm.example', '555-123-4567', 'CA', ids.plan, ids.source, ids.user],
    ['Lee, Bob', 'bob@crm', '5551234568', 'Texas', '999999', ids.source, '77777'],
    ['Dr. Carla van der Berg', ' carla@crm.example', '(555) 123 4569', 'ON', 'plan A', '', ids.user],
    ['Dag', 'dag@crm.example', '+1 555 123 4570', 'NY', '', '0', ''],
    ['Ann Lee', 'ANN@crm.example', '5551234567', 'CA', ids.plan, ids.source, ids.user],
    ['Eve Brown', 'eve@crm.example', '555123457', 'ZZ', ids.plan, ids.source, ids.user],
  ].map((r, i) => [
    ...r,
    ['2021-03-04', '2021-13-01', '14.03.2021', '', '2019-11-31', '2020-02-29'][i],
    ['41', '41.5', '', '1e3', ' 42', '999999999999999999'][i],
    ['Met at the fair', '', 'Call back ', '', 'Prefers email', ''][i],
    ['vip', 'vip,,gold', ' newsletter', '', 'vip, gold', ''][i],
    ['', 'Left a voicemail ', '', 'ok', '', ''][i],
  ]);
  return {
    name: 'crm-export.csv',
    bytes: utf8(toCsv(header, rows)),
    chosen: {
      Plan: { kind: 'field', header: 'action_plan_id' },
      'Lead Source': { kind: 'field', header: 'lead_source_id' },
      Owner: { kind: 'field', header: 'assigned_user_id' },
      'Customer since': memberSince,
      Shoe: shoeSize,
      Comment: { kind: 'note' },
    },
  };
}

/**
 * A hand-edited CSV: a blank line between rows, rows shorter and longer than the header, a column without a
 * name and one named twice, cells holding line breaks, a report's footer after the last row.
 */
function handEdited(): MessyFile {
  const lines = [
    'First Name,Last Name,Email,Email,,Phone,Shoe size,Member since,Notes',
    'Ann,Lee,ann@hand.example,ann.lee@work.example,x,5551234567,41,2021-03-04,"two',
    'lines"',
    'Bob,Ray,bob@hand.example,,,555 123 4568,44,"2021-03-04',
    '"',
    '',
    'Cy,Orr,ann@hand.example',
    'Di,,di@hand.example,,,5551234569,L,2020-02-30,ok,extra,cells',
    '"Eve ""E"" Brown",,eve@hand.example,,,,,,',
    '',
    'Total: 5 contacts',
  ];
  return {
    name: 'hand-edited.csv',
    bytes: utf8(`${lines.join('\n')}\n`),
    chosen: { 'Shoe size': shoeSize, 'Member since': memberSince },
  };
}

/** A workbook with a title row, real Excel dates in a template and a custom date column, numbers as numbers. */
function workbook(): MessyFile {
  const dateCell = (serial: number) => ({ n: serial, fmt: 'dd/mm/yyyy' });
  return {
    name: 'members.xlsx',
    bytes: xlsx([
      {
        name: 'Members',
        rows: [
          ['Member list 2024'],
          ['First name', 'Last name', 'Email', 'Zip', 'Created', 'Member since', 'Shoe size', 'Age'],
          ['Ann', 'Lee', 'ann@xl.example', '02134', dateCell(44000), dateCell(43000), 41, 33],
          ['Bob', 'Ray', 'bob@xl.example', 2134, 'yesterday', '31/02/2020', 41.5, 'forty'],
          ['Cy', '', 'cy@xl', '1234', dateCell(45000), 'n/a', { n: 42, fmt: '0.00' }, -1],
          ['Ann', 'Lee', 'ann@xl.example', 'K1A 0B1', '', dateCell(1), '', ''],
        ],
      },
    ]),
    chosen: { 'Member since': memberSince, 'Shoe size': shoeSize },
  };
}

describe('the same findings from the CLI, the app and the import server', () => {
  const files = (): MessyFile[] => {
    const id = (list: readonly { id: string }[]) => list[0]?.id ?? '1';
    return [
      tradeShow(),
      generated(),
      crmExport({
        plan: id(lookups.lookups.actionPlans),
        source: id(lookups.lookups.leadSources),
        user: id(lookups.lookups.users),
      }),
      workbook(),
      handEdited(),
    ];
  };

  it.each(['trade-show.csv', 'generated.csv', 'crm-export.csv', 'members.xlsx', 'hand-edited.csv'])(
    'agree cell for cell on %s, custom-field columns included',
    async (name) => {
      const file = files().find((f) => f.name === name);
      if (!file) throw new Error(name);
      writeFileSync(join(dir, file.name), file.bytes);
      const { profile } = await mappingOf(file.bytes, file.chosen);

      const cli = await cliFindings(dir, file.name, profile, lookupsFile);
      const app = await openInApp(file.bytes, profile, lookups);
      const inApp = await appFindings(app, lookups.customFields);
      const client = server.client(apiKey);
      const onServer = await serverFindings(client, accountId, sheetToSend(app));

      // The files are messy enough to mean something, in the custom fields too.
      expect(cli.length).toBeGreaterThan(5);
      expect(cli.filter((f) => f.includes(' custom:')).length).toBeGreaterThan(1);
      expect(inApp).toEqual(cli);
      expect(onServer).toEqual(cli);
    },
  );
});
