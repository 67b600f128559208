import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Mapping, profileFromMapping, setColumnTarget, suggestMapping } from '../shared/mapping';
import { clientTether } from '../shared/template';
import { profileFile, profileStoreAt } from './profile-folder';

const headers = ['Given Name', 'Family Name', 'E-mail 1 - Value', 'Skostørrelse'];
const rows = [['Ann', 'Lee', 'ann@example.com', '41']];
const mapping: Mapping = setColumnTarget(suggestMapping(clientTether, headers, rows), 3, {
  kind: 'custom',
  name: 'shoe_size',
});
const profile = (name: string, savedAt = '2025-01-01T00:00:00.000Z') =>
  profileFromMapping(name, mapping, { savedAt, dateOrders: { anniversary_1: 'dmy' } });

const folder = () => mkdtempSync(join(tmpdir(), 'listprep-profile-folder-'));

describe('the profile store over a folder of files', () => {
  it('saves a profile as NAME.json and lists it back as it was saved', async () => {
    const dir = folder();
    const store = profileStoreAt(dir);
    const where = await store.save(profile('Google contacts 2024'));
    expect(where).toBe(join(dir, 'Google contacts 2024.json'));
    expect(JSON.parse(readFileSync(where, 'utf8'))).toEqual(profile('Google contacts 2024'));
    const listed = await store.list();
    expect(listed.problems).toEqual([]);
    expect(listed.profiles).toEqual([{ profile: profile('Google contacts 2024'), where }]);
  });

  it('finds the profile for the same headers in any order and case, and none for other headers', async () => {
    const store = profileStoreAt(folder());
    await store.save(profile('google'));
    const reordered = ['SKOSTØRRELSE', 'e-mail 1 - value', 'Given Name', 'Family  Name'];
    expect((await store.find(reordered, clientTether.id))?.profile.name).toBe('google');
    expect(await store.find([...headers, 'Extra'], clientTether.id)).toBeNull();
    expect(await store.find(headers, 'another-template')).toBeNull();
  });

  it('offers the most recently saved of two profiles for the same headers', async () => {
    const store = profileStoreAt(folder());
    await store.save(profile('older', '2025-01-01T00:00:00.000Z'));
    await store.save(profile('newer', '2025-02-01T00:00:00.000Z'));
    await store.save(profile('oldest', '2024-01-01T00:00:00.000Z'));
    expect((await store.find(headers, clientTether.id))?.profile.name).toBe('newer');
  });

  it('replaces a profile saved again under its name, leaving no temporary file behind', async () => {
    const dir = folder();
    const store = profileStoreAt(dir);
    await store.save(profile('google', '2025-01-01T00:00:00.000Z'));
    await store.save(profile('google', '2025-03-01T00:00:00.000Z'));
    expect(readdirSync(dir)).toEqual(['google.json']);
    expect((await store.list()).profiles.map((p) => p.profile.savedAt)).toEqual(['2025-03-01T00:00:00.000Z']);
  });

  it('removes a profile by name, and says when there was none', async () => {
    const store = profileStoreAt(folder());
    await store.save(profile('google'));
    expect(await store.remove('google')).toBe(true);
    expect(await store.remove('google')).toBe(false);
    expect(await store.remove('../escape')).toBe(false);
    expect((await store.list()).profiles).toEqual([]);
  });

  it('skips files that are not profiles and names them as problems, never failing', async () => {
    const dir = folder();
    const store = profileStoreAt(dir);
    await store.save(profile('google'));
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    writeFileSync(join(dir, 'newer.json'), JSON.stringify({ ...profile('newer'), version: 2 }));
    writeFileSync(join(dir, 'notes.txt'), 'not a profile, not a .json file');
    const listed = await store.list();
    expect(listed.profiles.map((p) => p.profile.name)).toEqual(['google']);
    expect(listed.problems).toEqual([
      expect.stringMatching(/broken\.json: cannot be read \(/),
      expect.stringMatching(/newer\.json: not a mapping profile \(/),
    ]);
  });

  it('has no profiles, and no problem, before its folder exists; saving creates the folder', async () => {
    const dir = join(folder(), 'config', 'profiles');
    const store = profileStoreAt(dir);
    expect(await store.list()).toEqual({ profiles: [], problems: [] });
    await store.save(profile('first'));
    expect(readdirSync(dir)).toEqual(['first.json']);
  });

  it('refuses a name that is not a plain file name, writing nothing', async () => {
    const dir = folder();
    const store = profileStoreAt(dir);
    for (const bad of ['../evil', 'a/b', 'a\\b', '', '.hidden', 'x'.repeat(65)]) {
      await expect(store.save(profile(bad))).rejects.toThrow(/a profile name is up to 64/);
      expect(() => profileFile(dir, bad)).toThrow();
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});
