import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldOf, suggestMapping } from '../shared/mapping';
import { clientTether } from '../shared/template';
import {
  configDir,
  loadProfiles,
  profilePath,
  profilesDir,
  resolveMapping,
  saveProfile,
} from './mapping-profile';

const headers = ['Given Name', 'Family Name', 'E-mail 1 - Value'];
const rows = [['Ann', 'Lee', 'ann@example.com']];

describe('the configuration folder', () => {
  it('is LISTPREP_CONFIG_DIR, else $XDG_CONFIG_HOME/listprep, else ~/.config/listprep', () => {
    expect(configDir({ LISTPREP_CONFIG_DIR: '/x/lp', XDG_CONFIG_HOME: '/y' })).toBe('/x/lp');
    expect(configDir({ XDG_CONFIG_HOME: '/y' })).toBe('/y/listprep');
    expect(configDir({})).toBe(join(homedir(), '.config', 'listprep'));
    expect(profilesDir({ LISTPREP_CONFIG_DIR: '/x/lp' })).toBe('/x/lp/profiles');
  });

  it('refuses profile names that are not plain file names', () => {
    const env = { LISTPREP_CONFIG_DIR: '/x' };
    expect(profilePath('Google contacts 2024', env)).toBe('/x/profiles/Google contacts 2024.json');
    for (const bad of ['../evil', 'a/b', '', '.hidden', 'x'.repeat(65)])
      expect(() => profilePath(bad, env)).toThrow();
  });
});

describe('saved profiles', () => {
  it('saves a mapping, reads it back and skips files that are not profiles', async () => {
    const env = { LISTPREP_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'listprep-profiles-')) };
    const mapping = suggestMapping(clientTether, headers, rows);
    const path = await saveProfile('google', mapping, { env, dateOrders: { creation_date: 'dmy' } });
    expect(path).toBe(join(env.LISTPREP_CONFIG_DIR, 'profiles', 'google.json'));
    writeFileSync(join(profilesDir(env), 'broken.json'), '{ not json');
    writeFileSync(join(profilesDir(env), 'other.json'), '{"format":"something else"}');
    const loaded = await loadProfiles(env);
    expect(loaded.profiles.map((p) => p.name)).toEqual(['google']);
    expect(loaded.profiles[0].dateOrders).toEqual({ creation_date: 'dmy' });
    expect(loaded.paths.get(loaded.profiles[0])).toBe(path);
    expect(loaded.problems).toHaveLength(2);
  });

  it('finds nothing, and no problem, when the folder does not exist', async () => {
    expect(await loadProfiles({ LISTPREP_CONFIG_DIR: '/nonexistent/listprep' })).toMatchObject({
      profiles: [],
      problems: [],
    });
  });

  it('uses a saved profile for the same headers, an automatic mapping otherwise', async () => {
    const env = { LISTPREP_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'listprep-profiles-')) };
    mkdirSync(profilesDir(env), { recursive: true });
    const auto = await resolveMapping({ template: clientTether, headers, sampleRows: rows, env });
    expect(auto.source.kind).toBe('automatic');
    await saveProfile('google', auto.mapping, { env });
    const again = await resolveMapping({
      template: clientTether,
      headers: [...headers].reverse(),
      sampleRows: rows,
      env,
    });
    expect(again.source).toMatchObject({ kind: 'profile', profile: { name: 'google' } });
    expect(again.mapping.columns.map((c) => fieldOf(c.target))).toEqual(['email', 'lastName', 'firstName']);
    const ignored = await resolveMapping({
      template: clientTether,
      headers,
      sampleRows: rows,
      env,
      useSaved: false,
    });
    expect(ignored.source.kind).toBe('automatic');
  });
});
