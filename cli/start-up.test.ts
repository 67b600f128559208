import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// zod costs about 90 ms of start-up, so `listprep check` loads it only for a file that needs a schema (a
// lookups file, a mapping profile). To prove it, the built CLI runs from a copy whose node_modules holds
// every package but a zod that throws when it is imported.
const dir = mkdtempSync(join(tmpdir(), 'listprep-start-up-'));
const cliCopy = join(dir, 'dist', 'cli');
const configDir = join(dir, 'config');

beforeAll(() => {
  cpSync('dist/cli', cliCopy, { recursive: true });
  mkdirSync(join(dir, 'node_modules', 'zod'), { recursive: true });
  for (const name of readdirSync('node_modules')) {
    if (name !== 'zod' && !name.startsWith('.'))
      symlinkSync(resolve('node_modules', name), join(dir, 'node_modules', name));
  }
  writeFileSync(
    join(dir, 'node_modules', 'zod', 'package.json'),
    JSON.stringify({ name: 'zod', type: 'module', exports: './index.js' }),
  );
  // It exports `z` so that importing modules link, then throws as it runs.
  writeFileSync(
    join(dir, 'node_modules', 'zod', 'index.js'),
    "export const z = undefined;\nthrow new Error('zod was loaded');\n",
  );
  mkdirSync(configDir);
});

function listprep(...args: string[]) {
  return listprepWith(configDir, ...args);
}

function listprepWith(config: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [join(cliCopy, 'listprep.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, LISTPREP_CONFIG_DIR: config },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function writeFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('listprep check start-up', () => {
  it('checks a file without loading zod when no lookups or profiles are given', () => {
    const file = writeFile('tiny.csv', 'first_name,last_name,email\nAnn,Lee,ann@example.com\n');
    const run = listprep('check', file);
    expect(run.stderr).toMatch(
      /^listprep check: \S+tiny\.csv: UTF-8, comma-delimited, header on line 1; mapping automatic: first_name -> firstName, last_name -> lastName, email -> email\n$/,
    );
    expect(run.stdout).toContain('1 rows, 0 errors, 0 warnings');
    expect(run.code).toBe(0);
  });

  it('loads zod when a lookups file is given (the stand-in zod is really in the way)', () => {
    const file = writeFile('tiny.csv', 'first_name,last_name\nAnn,Lee\n');
    const lookups = writeFile('lookups.json', '{"users":[]}');
    const run = listprep('check', file, '--lookups', lookups);
    expect(run.stderr).toContain('zod was loaded');
    expect(run.code).toBe(2);
  });

  it('loads zod when a saved profile is there to check', () => {
    const file = writeFile('tiny.csv', 'first_name,last_name\nAnn,Lee\n');
    const withProfile = join(dir, 'config-with-profile');
    mkdirSync(join(withProfile, 'profiles'), { recursive: true });
    writeFileSync(join(withProfile, 'profiles', 'saved.json'), '{}');
    const run = listprepWith(withProfile, 'check', file);
    expect(run.stderr).toContain('zod was loaded');
    expect(run.code).toBe(2);
  });
});
