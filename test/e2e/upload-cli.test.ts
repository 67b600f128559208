import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../shared/api';
import { type Listener, listenForRequests, networkAddressOfThisMachine } from '../fixtures/listener';
import { startTestServer, type TestServer } from './upload-server';

// `listprep upload` as a user runs it (the bundle the test setup builds, in a child process) against the
// real import server on PGlite in this process. The child runs asynchronously: a blocking spawn would stall
// the server it calls.

const dir = mkdtempSync(join(tmpdir(), 'listprep-upload-'));
let server: TestServer;

type Run = { code: number | null; stdout: string; stderr: string };

function listprep(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/listprep.mjs', 'upload', ...args],
      { env: { ...process.env, LISTPREP_API_KEY: '', LISTPREP_CONFIG_DIR: dir, ...env }, encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const south = () => server.seed.subAccounts[1];
const api = () => server.client(south().apiKey);
const accountArgs = () => ['--server', server.url(), '--account', String(south().accountId)];

async function contacts() {
  const answer = await api().contacts(String(south().accountId), { limit: 100 });
  if (!answer.ok) throw new Error(answer.failure.message);
  return answer.value.contacts;
}

async function planId(name: string): Promise<string> {
  const lookups = await api().lookups(String(south().accountId));
  const plan = lookups.ok ? lookups.value.actionPlans.find((p) => p.name === name) : undefined;
  if (!plan) throw new Error(`no plan ${name}`);
  return plan.id;
}

const leads = [
  'First Name,Last Name,Mobile,E-mail,OK to text,Shoe size',
  'Ann,Archer,5551234567,ann@cli.example,1,41',
  'Bob,Baker,5559876543,bob@cli.example,0,',
].join('\n');

beforeAll(async () => {
  server = await startTestServer('Cli');
});

afterAll(async () => {
  await server?.close();
});

describe('listprep upload', () => {
  it('dry-runs: the counts, the warnings and each row’s outcome in JSON, and nothing imported', async () => {
    const run = await listprep([
      file('leads.csv', leads),
      ...accountArgs(),
      '--key',
      south().apiKey,
      '--dry-run',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({
      dryRun: true,
      imported: false,
      rowsSent: 2,
      counts: { created: 2, errors: 0 },
    });
    expect(out.outcomes.map((o: { action: string }) => o.action)).toEqual(['create', 'create']);
    expect(out.warnings.map((w: { code: string }) => w.code)).toEqual(['actionPlan.default']);
    expect(run.stderr).toContain('No action plan is chosen, so 2 new contacts go to "Default Action Plan"');
    expect(run.stderr).toContain('Shoe size: kept on each contact as an [import] note.');
    expect(await contacts()).toEqual([]);
  });

  it('imports with the key from LISTPREP_API_KEY: progress on stderr, counts and per-row outcomes on stdout', async () => {
    const callPlan = await planId('New Lead: Call Now');
    const run = await listprep(
      [
        file('leads.csv', leads),
        ...accountArgs(),
        '--action-plan',
        callPlan,
        '--consent-confirmed',
        '--yes',
        '--json',
      ],
      { LISTPREP_API_KEY: south().apiKey },
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({
      imported: true,
      import: { status: 'completed' },
      counts: { processed: 2, created: 2, immediateCalls: 2 },
      processedMatchesRowsSent: true,
    });
    expect(out.import.finishedAt).toEqual(expect.any(String));
    expect(out.outcomes.map((o: { row: number; action: string }) => [o.row, o.action])).toEqual([
      [1, 'create'],
      [2, 'create'],
    ]);
    expect(run.stderr).toContain('This will place 2 calls as soon as the import finishes.');
    expect(run.stderr).toMatch(/import \d+: completed/);
    const stored = await contacts();
    expect(stored.map((c) => c.fields.email).sort()).toEqual(['ann@cli.example', 'bob@cli.example']);
    expect(stored.every((c) => c.actionPlanId === callPlan)).toBe(true);
  });

  it('updates matched contacts field by field when the file wins', async () => {
    const changed = 'firstName,lastName,email,phone\nAnn,Archer-Lee,ann@cli.example,5551234567\n';
    const run = await listprep([
      file('changed.csv', changed),
      ...accountArgs(),
      '--key',
      south().apiKey,
      '--match',
      'email',
      '--on-match',
      'overwrite',
      '--consent-confirmed',
      '--yes',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.counts).toMatchObject({ created: 0, updated: 1 });
    expect(out.outcomes[0].changes).toEqual([{ field: 'lastName', from: 'Archer', to: 'Archer-Lee' }]);
  });

  it('exits 1 and lists the rows when the server rejects any, importing nothing', async () => {
    const before = (await contacts()).length;
    const bad = [
      'firstName,lastName,email,action_plan_id',
      'Cid,Cole,cid@cli.example,999999',
      'Dee,Dale,bob@cli.example,',
      'Eve,Evans,eve@cli.example,',
    ].join('\n');
    const run = await listprep([
      file('bad.csv', bad),
      ...accountArgs(),
      '--key',
      south().apiKey,
      '--match',
      'none',
      '--consent-confirmed',
      '--yes',
      '--json',
    ]);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.imported).toBe(false);
    expect(out.issues.map((i: { row: number; code: string }) => [i.row, i.code])).toEqual([
      [1, 'id.unknown'],
      [2, 'contact.emailTaken'],
    ]);
    expect(run.stderr).toContain('The server rejects 2 rows; nothing was imported');
    expect((await contacts()).length).toBe(before);
  });

  it('exits 2 with one line for a refused key, an unreachable server and a missing --yes', async () => {
    const path = file('leads.csv', leads);
    const badKey = await listprep([path, ...accountArgs(), '--key', 'lpk_0000000000000000_nope']);
    expect(badKey.code).toBe(2);
    expect(badKey.stderr.trim().split('\n')).toEqual([
      'listprep upload: the server refused the API key: The API key is not valid (mistyped, or revoked).',
    ]);
    const gone = await listprep([
      path,
      '--server',
      'http://127.0.0.1:9',
      '--account',
      '1',
      '--key',
      south().apiKey,
    ]);
    expect(gone.code).toBe(2);
    expect(gone.stderr.trim().split('\n')).toHaveLength(1);
    expect(gone.stderr).toContain('Cannot reach 127.0.0.1:9');
    const unconfirmed = await listprep([
      path,
      ...accountArgs(),
      '--key',
      south().apiKey,
      '--consent-confirmed',
    ]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('add --yes to import');
    const noKey = await listprep([path, ...accountArgs()]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('LISTPREP_API_KEY');
  });

  it('refuses to import rows with consent to be contacted until GDPR/TCPA consent is confirmed', async () => {
    const run = await listprep([
      file('leads.csv', leads),
      ...accountArgs(),
      '--key',
      south().apiKey,
      '--yes',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--consent-confirmed');
  });

  it('refuses an account the key does not reach', async () => {
    const run = await listprep([
      file('leads.csv', leads),
      '--server',
      server.url(),
      '--account',
      String(server.seed.subAccounts[0].accountId),
      '--key',
      south().apiKey,
      '--dry-run',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `account ${server.seed.subAccounts[0].accountId} is not reachable with this key`,
    );
  });

  it('sends only the rows without errors with --split-errors and writes the others to the error report, counts said first', async () => {
    const source = file(
      'split-leads.csv',
      [
        'First Name,Last Name,Mobile,E-mail,OK to text',
        'Cid,Cole,5551110001,cid@cli.example,1',
        'Dee,Dunn,12,dee@cli.example,1',
        'Eve,Eng,5551110003,eve@cli,0',
      ].join('\n'),
    );
    const report = join(dir, 'split-leads-errors.xlsx');
    const run = await listprep([
      source,
      ...accountArgs(),
      '--key',
      south().apiKey,
      '--split-errors',
      report,
      '--consent-confirmed',
      '--yes',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const lines = run.stderr.split('\n');
    const said = lines.findIndex((l) => l.startsWith(`${source}: 1 row without errors go to `));
    expect(said).toBeGreaterThanOrEqual(0);
    expect(lines[said]).toMatch(/; 2 rows with errors to .*split-leads-errors\.xlsx$/);
    // Said before the report was written and before anything was sent.
    expect(lines.findIndex((l) => l.includes('with errors, for the customer to fix'))).toBe(said + 1);
    expect(lines.findIndex((l) => l.includes('dry run'))).toBeGreaterThan(said + 1);
    expect(JSON.parse(run.stdout)).toMatchObject({ imported: true, rowsSent: 1, counts: { created: 1 } });
    const emails = (await contacts()).map((c) => c.fields.email);
    expect(emails).toContain('cid@cli.example');
    expect(emails).not.toContain('dee@cli.example');
    expect(emails).not.toContain('eve@cli');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(report);
    const sheet = book.worksheets[0];
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const first = headers.indexOf('firstName') + 1;
    expect([sheet.getRow(2).getCell(first).value, sheet.getRow(3).getCell(first).value]).toEqual([
      'Dee',
      'Eve',
    ]);
    expect(sheet.getRow(4).getCell(first).value ?? null).toBe(null);
  });
});

describe('listprep upload and where it sends the API key', () => {
  const key = 'lpk_secret_0123456789abcdef';
  let lab: Listener;
  let elsewhere: Listener;

  beforeAll(async () => {
    // "Another computer": a real listener on this machine's network address, so a sent request would be heard.
    lab = await listenForRequests(networkAddressOfThisMachine());
    elsewhere = await listenForRequests('127.0.0.1', () => [200, {}, '{}']);
  });

  afterAll(async () => {
    await lab?.close();
    await elsewhere?.close();
  });

  it('refuses plain http to another computer before sending anything, in one line that says why', async () => {
    const run = await listprep([
      file('leads.csv', leads),
      '--server',
      lab.url,
      '--account',
      '2',
      '--key',
      key,
    ]);
    expect(run.code).toBe(2);
    const host = lab.url.slice('http://'.length);
    expect(run.stderr.trim().split('\n')).toEqual([
      `listprep upload: --server: Plain http would send the API key and the list unencrypted to ${host}, readable by anyone on the network between. Use https:// (plain http is allowed only for a server on this computer). For a lab server you trust, add --insecure-http.`,
    ]);
    expect(run.stdout).toBe('');
    expect(lab.connections()).toBe(0);
  });

  it('sends to that lab server with --insecure-http, and warns that the key travels unencrypted', async () => {
    const run = await listprep([
      file('leads.csv', leads),
      '--server',
      lab.url,
      '--insecure-http',
      '--account',
      '2',
      '--key',
      key,
    ]);
    // The listener refuses the key (401): what matters is that it heard the request the refusal above kept back.
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `warning: the API key and the list go unencrypted to ${lab.url.slice('http://'.length)} (--insecure-http)`,
    );
    expect(lab.heard.map((h) => [h.method, h.url, h.headers.authorization])).toEqual([
      ['GET', apiPaths.me(), `Bearer ${key}`],
    ]);
  });

  it('refuses a user name in the address without repeating its password', async () => {
    const run = await listprep([
      file('leads.csv', leads),
      '--server',
      `http://admin:hunter2@${server.url().slice('http://'.length)}`,
      '--account',
      '2',
      '--key',
      key,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('without a user name, password');
    expect(run.stderr).not.toContain('hunter2');
  });

  it('does not follow a redirect to another server: exit 2, and the other server hears nothing', async () => {
    const redirecting = await listenForRequests('127.0.0.1', () => [
      308,
      { Location: `${elsewhere.url}${apiPaths.me()}` },
      '',
    ]);
    try {
      const run = await listprep([
        file('leads.csv', leads),
        '--server',
        redirecting.url,
        '--account',
        '2',
        '--key',
        key,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain('answered with a redirect, which ListPrep does not follow');
      expect(redirecting.heard).toHaveLength(1);
      expect(elsewhere.connections()).toBe(0);
    } finally {
      await redirecting.close();
    }
  });
});
