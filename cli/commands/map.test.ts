import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'listprep-map-'));

function listprep(configDir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/listprep.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LISTPREP_CONFIG_DIR: configDir },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

const google = csv('google.csv', [
  'Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Address 1 - Postal Code,Address 1 - Country',
  'Ann Lee,Ann,Lee,* Home,ann@example.com,Mobile,(555) 123-4567,06103,US',
  'Bob Ray,Bob,Ray,* Home,bob@example.com,Mobile,555-123-4568,78701,US',
]);

type JsonMapping = {
  column: number;
  header: string;
  field: string | null;
  confidence: number;
  reason: string;
};

describe('listprep map', () => {
  it('prints { mapping: [{ column, header, field, confidence, reason }] } for a Google Contacts export', () => {
    const run = listprep(join(dir, 'cfg-none'), 'map', google, '--json');
    expect(run.stderr).toMatch(
      /^listprep map: \S+: UTF-8, comma-delimited, header on line 1; mapping automatic: Name -> \(dropped\), Given Name -> firstName, [^\n]+\n$/,
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      mapping: JsonMapping[];
      missingRequired: string[];
      source: string;
    };
    expect(report.source).toBe('automatic');
    expect(report.missingRequired).toEqual([]);
    expect(report.mapping.map((m) => [m.column, m.header, m.field])).toEqual([
      [1, 'Name', null],
      [2, 'Given Name', 'firstName'],
      [3, 'Family Name', 'lastName'],
      [4, 'E-mail 1 - Type', null],
      [5, 'E-mail 1 - Value', 'email'],
      [6, 'Phone 1 - Type', null],
      [7, 'Phone 1 - Value', 'phone'],
      [8, 'Address 1 - Postal Code', 'zip'],
      [9, 'Address 1 - Country', null],
    ]);
    expect(report.mapping[1]).toMatchObject({ confidence: 0.95, reason: 'synonym' });
  });

  it('explains each column for people and says when every required field is mapped', () => {
    const run = listprep(join(dir, 'cfg-none'), 'map', google);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('mapping automatic');
    expect(run.stdout).toMatch(/Phone 1 - Value\s+-> phone\s+0\.\d\d {2}label "Mobile phone", type mobile/);
    expect(run.stdout).toMatch(/Address 1 - Country\s+-> \(\[import\] note\)/);
    expect(run.stdout).toContain('All required fields are mapped.');
  });

  it('exits 1 and names the required fields no column holds', () => {
    const file = csv('no-names.csv', ['Email,Phone', 'ann@example.com,5551234567']);
    const run = listprep(join(dir, 'cfg-none'), 'map', file);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Missing required fields: firstName, lastName');
  });

  it('saves a profile with --save and reuses it for a file with the same headers in another order', () => {
    const config = mkdtempSync(join(tmpdir(), 'listprep-map-cfg-'));
    const file = csv('odd.csv', ['Who,Reach me at', 'Ann Lee,ann@example.com']);
    const first = JSON.parse(listprep(config, 'map', file, '--json').stdout);
    expect(first.mapping.map((m: JsonMapping) => m.field)).toEqual([null, 'email']);

    const profile = {
      format: 'listprep-mapping-profile',
      version: 1,
      name: 'odd',
      template: 'clienttether-contacts',
    };
    const columns = [
      { header: 'Who', field: null, split: ['firstName', 'lastName'] },
      { header: 'Reach me at', field: 'email' },
    ];
    const signatureRun = listprep(config, 'map', file, '--save', 'odd', '--json');
    expect(signatureRun.code).toBe(1);
    const savedPath = join(config, 'profiles', 'odd.json');
    expect(JSON.parse(signatureRun.stdout).saved).toBe(savedPath);
    const saved = JSON.parse(readFileSync(savedPath, 'utf8'));
    writeFileSync(savedPath, JSON.stringify({ ...saved, ...profile, columns }));

    const reordered = csv('odd-reordered.csv', ['REACH ME AT,who', 'bob@example.com,Bob Ray']);
    const reused = listprep(config, 'map', reordered, '--json');
    expect(reused.code).toBe(0);
    const report = JSON.parse(reused.stdout);
    expect(report).toMatchObject({ source: 'profile', profile: 'odd' });
    expect(
      report.mapping.map((m: JsonMapping & { split?: string[] }) => [m.field, m.split ?? null, m.reason]),
    ).toEqual([
      ['email', null, 'profile'],
      [null, ['firstName', 'lastName'], 'profile'],
    ]);
    const ignored = JSON.parse(listprep(config, 'map', reordered, '--json', '--ignore-profiles').stdout);
    expect(ignored.source).toBe('automatic');
  });

  it('takes a profile file with --mapping and refuses one that is not a profile', () => {
    const config = mkdtempSync(join(tmpdir(), 'listprep-map-cfg-'));
    expect(listprep(config, 'map', google, '--save', 'g').code).toBe(0);
    const path = join(config, 'profiles', 'g.json');
    const run = listprep(join(dir, 'cfg-none'), 'map', google, '--mapping', path, '--json');
    expect(JSON.parse(run.stdout)).toMatchObject({ source: 'file', profile: 'g' });
    const bad = join(dir, 'bad-profile.json');
    writeFileSync(bad, '{"mapping": []}');
    const refused = listprep(config, 'map', google, '--mapping', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^listprep map: .*bad-profile\.json: not a mapping profile/);
  });

  it('refuses a profile name that is not a plain file name, and a missing file, in one line', () => {
    const config = mkdtempSync(join(tmpdir(), 'listprep-map-cfg-'));
    const run = listprep(config, 'map', google, '--save', '../escape');
    expect(run.code).toBe(2);
    expect(existsSync(join(config, 'escape.json'))).toBe(false);
    const missing = listprep(config, 'map', join(dir, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});
