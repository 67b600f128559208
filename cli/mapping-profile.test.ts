import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldOf, suggestMapping } from '../shared/mapping';
import { clientTether } from '../shared/template';
import { profilesDir } from '../node-shared/config-dir';
import { loadProfiles, resolveMapping, saveProfile } from './mapping-profile';

const headers = ['Given Name', 'Family Name', 'E-mail 1 - Value'];
const rows = [['Ann', 'Lee', 'ann@example.com']];

describe('saved profiles', () => {
  it('saves a mapping, reads it back and skips files that are not profiles', async () => {
    const env = { LISTPREP_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'listprep-profiles-')) };
    const mapping = suggestMapping(clientTether, headers, rows);
    const path = await saveProfile('google', mapping, { env, dateOrders: { creation_date: 'dmy' } });
    expect(path).toBe(join(env.LISTPREP_CONFIG_DIR, 'profiles', 'google.json'));
    writeFileSync(join(profilesDir(env), 'broken.json'), '{ not json');
    writeFileSync(join(profilesDir(env), 'other.json'), '{"format":"something else"}');
    const loaded = await loadProfiles(env);
    expect(loaded.profiles.map((p) => p.profile.name)).toEqual(['google']);
    expect(loaded.profiles[0].profile.dateOrders).toEqual({ creation_date: 'dmy' });
    expect(loaded.profiles[0].where).toBe(path);
    expect(loaded.problems).toHaveLength(2);
  });

  it('refuses a profile name that is not a plain file name, as a mistake in the call', async () => {
    const env = { LISTPREP_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'listprep-profiles-')) };
    const mapping = suggestMapping(clientTether, headers, rows);
    await expect(saveProfile('../evil', mapping, { env })).rejects.toThrow(/a profile name is up to 64/);
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
