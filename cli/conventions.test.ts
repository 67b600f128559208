import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateContacts, toCsv } from '../test/fixtures/generate-contacts';
import { commandHelp } from './help';

// The CLI as people expect a well-made tool to behave: --version, help for every command, one line and exit
// 2 for every failure, and files written so that neither a crash nor an overwrite leaves a surprise.

const dir = mkdtempSync(join(tmpdir(), 'listprep-conventions-'));
chmodSync(dir, 0o755);
// Folders root may write anyway: run as nobody there, so that "permission denied" is real.
const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

function listprep(args: string[], options: { env?: NodeJS.ProcessEnv; nobody?: boolean } = {}) {
  const run = spawnSync(process.execPath, ['bin/listprep.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LISTPREP_CONFIG_DIR: join(dir, 'config'), ...options.env },
    ...(options.nobody ? asNobody : {}),
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function writeFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  chmodSync(path, 0o644);
  return path;
}

const contacts = writeFile('contacts.csv', 'firstName,lastName,email\nAnn,Lee,ann@example.com\n');
const packageVersion = JSON.parse(readFileSync('package.json', 'utf8')).version;
const commandNames = Object.keys(commandHelp);

describe('version and help', () => {
  it('prints its version', () => {
    expect(listprep(['--version'])).toEqual({ code: 0, stdout: `listprep ${packageVersion}\n`, stderr: '' });
  });

  it('lists every command with one line each', () => {
    const run = listprep(['help']);
    expect(run.code).toBe(0);
    for (const name of commandNames) expect(run.stdout).toMatch(new RegExp(`^  ${name} +\\S.+$`, 'm'));
  });

  it.each(commandNames)(
    'explains %s with its options, one line each, and examples, both ways of asking',
    (name) => {
      const asked = listprep(['help', name]);
      expect(asked.code).toBe(0);
      expect(asked.stderr).toBe('');
      const text = asked.stdout;
      expect(text).toMatch(new RegExp(`^listprep ${name}: \\S`));
      expect(text).toContain(`\nusage: listprep ${name} `);
      const options = text.slice(text.indexOf('\noptions:\n') + 10, text.indexOf('\n\nexamples:\n'));
      const lines = options.split('\n');
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) expect(line).toMatch(/^ {2}-\S*.* {2}\S/);
      expect(lines.some((line) => line.includes('--help'))).toBe(true);
      expect(text).toMatch(new RegExp(`\\nexamples:\\n {2}listprep ${name} `));
      expect(listprep([name, '--help'])).toEqual(asked);
      expect(listprep([name, 'some-file.csv', '-h'])).toEqual(asked);
    },
  );

  it('checks a file named --help after --', () => {
    const file = writeFile('--help', 'firstName,lastName\nAnn,Lee\n');
    const run = listprep(['check', '--', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 rows, 0 errors');
  });
});

describe('failures', () => {
  const oneLine = (run: { code: number | null; stderr: string }, pattern: RegExp) => {
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^[^\n]+\n$/);
    expect(run.stderr).toMatch(pattern);
  };

  it('says an unknown option, an unknown command and a dashed value in one line each, exit 2', () => {
    oneLine(
      listprep(['check', contacts, '--frobnicate']),
      /^listprep check: unknown option --frobnicate \(see listprep check --help\)/,
    );
    oneLine(listprep(['frobnicate']), /^listprep: unknown command "frobnicate" \(listprep help lists them\)/);
    oneLine(listprep(['help', 'frobnicate']), /no command "frobnicate"/);
    oneLine(
      listprep(['preview', contacts, '--limit', '-5']),
      /--limit needs a value; a value starting with "-" is written --limit=VALUE/,
    );
    oneLine(listprep(['preview', contacts, '--limit=-5']), /--limit must be a whole number, not "-5"/);
    oneLine(listprep(['check', contacts, '--lang']), /--lang needs a value/);
  });

  it('says in one line that an output folder is missing or cannot be written, before reading the file', () => {
    oneLine(
      listprep(['export', contacts, '-o', join(dir, 'no-such-folder', 'out.csv')]),
      /^listprep export: \S+out\.csv cannot be written: no such folder\n$/,
    );
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(locked, 0o555);
    for (const args of [
      ['export', contacts, '-o', join(locked, 'out.csv')],
      ['report', contacts, '-o', join(locked, 'out.xlsx')],
      ['fix', contacts, '-o', join(locked, 'out.csv')],
      ['template', '-o', join(locked, 'out.xlsx')],
    ]) {
      const run = listprep(args, { nobody: true });
      oneLine(run, /cannot be written: permission denied in /);
      expect(run.stderr).not.toMatch(/unexpected|\.tmp/);
    }
  });

  it('says in one line that map --save cannot make its profile folder', () => {
    const locked = join(dir, 'locked-config');
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(locked, 0o555);
    const run = listprep(['map', contacts, '--save', 'google'], {
      env: { LISTPREP_CONFIG_DIR: join(locked, 'listprep') },
      nobody: true,
    });
    oneLine(
      run,
      /^listprep map: the profile "google" cannot be saved: \S+ cannot be made \(permission denied\); set LISTPREP_CONFIG_DIR/,
    );
  });

  it('says that --sheet means nothing for a CSV file', () => {
    const run = listprep(['check', contacts, '--sheet', 'Contacts']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      `listprep check: --sheet "Contacts" ignored: ${contacts} is a CSV text file, which has no sheets\n`,
    );
  });
});

describe('what every command that reads a file says on stderr', () => {
  it('names the sheet, the header row and the mapping used', () => {
    const book = join(dir, 'book.xlsx');
    expect(listprep(['export', contacts, '-o', book]).code).toBe(0);
    for (const args of [
      ['check', book],
      ['map', book],
      ['fix', book, '-o', join(dir, 'book-fixed.csv')],
      ['export', book, '-o', join(dir, 'book.csv')],
      ['report', book, '-o', join(dir, 'book-report.xlsx')],
    ]) {
      const run = listprep(args);
      expect(run.stderr, args[0]).toMatch(
        new RegExp(
          `^listprep ${args[0]}: \\S+book\\.xlsx: sheet "[^"]+" \\(of \\d+\\), header on row 1; mapping automatic: firstName -> firstName, lastName -> lastName, [^\\n]*email -> email`,
        ),
      );
    }
    expect(listprep(['preview', book]).stderr).toMatch(
      /^listprep preview: \S+book\.xlsx: sheet "[^"]+" \(of \d+\), header on row 1\n$/,
    );
  });
});

describe('writing files', () => {
  it('keeps the permissions of a file it overwrites', () => {
    const out = join(dir, 'private.csv');
    writeFileSync(out, 'old');
    chmodSync(out, 0o600);
    expect(listprep(['export', contacts, '-o', out]).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toContain('Ann,Lee');
  });

  it('leaves no temporary file behind after an export killed mid-write, once the next run is done', async () => {
    const folder = join(dir, 'killed');
    mkdirSync(folder);
    const { headers, rows } = generateContacts(60_000, { seed: 3, errorRate: 0 });
    const source = join(folder, 'big.csv');
    writeFileSync(source, toCsv(headers, rows));
    const out = join(folder, 'big.out.csv');
    const temps = () => readdirSync(folder).filter((name) => name.endsWith('.tmp'));

    const child = spawn(process.execPath, ['bin/listprep.mjs', 'export', source, '-o', out], {
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // The temporary file appears once the first pass has checked every row and the writing begins.
    const deadline = Date.now() + 60_000;
    while (temps().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await exited;
    expect(temps(), 'the killed export left its partial file').toHaveLength(1);

    const again = listprep(['export', source, '-o', out]);
    expect(again.code).toBe(0);
    expect(temps()).toEqual([]);
    expect(readFileSync(out, 'utf8').split('\r\n')).toHaveLength(60_002);
  }, 180_000);
});
