import { describe, expect, it } from 'vitest';
import {
  type ColumnTarget,
  headersSignature,
  profileFromMapping,
  setColumnTarget,
  suggestMapping,
} from '../../shared/mapping';
import type { DateOrder } from '../../shared/fix';
import { clientTether } from '../../shared/template';
import { findSavedMapping as findInProfiles, mappingProfileOf } from '../mapping/profiles';
import { withEarlierProfiles } from './earlier-profiles';
import { webProfiles } from './web-profiles';

// The browser's saved mappings (Bridge.profiles over localStorage) as the app uses them. Here over an
// in-memory Storage, one per test; test/e2e/profiles-web.test.ts runs the same in Chromium's localStorage.

/** The Storage interface over a Map, so each test has its own. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

async function saveMappingProfile(
  name: string,
  template: typeof clientTether,
  headers: readonly string[],
  targets: readonly ColumnTarget[],
  options: { dateOrders?: Record<string, DateOrder>; storage: Storage; now?: Date },
) {
  const saved = await webProfiles(options.storage).save(
    mappingProfileOf(name, template, headers, targets, options),
  );
  if (!saved.ok) throw new Error(saved.error.message);
}

async function loadProfiles(storage: Storage) {
  const listed = await webProfiles(storage).list();
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.value;
}

async function findSavedMapping(template: typeof clientTether, headers: readonly string[], storage: Storage) {
  const found = await findInProfiles(webProfiles(storage), template, headers);
  if (!found.ok) throw new Error(found.error.message);
  return found.value;
}

const headers = ['Fornavn', 'Etternavn', 'E-post', 'Kundenr', 'Skostørrelse', 'Navn'];
const targets: ColumnTarget[] = [
  { kind: 'field', header: 'firstName' },
  { kind: 'field', header: 'lastName' },
  { kind: 'field', header: 'email' },
  { kind: 'field', header: 'external_id' },
  { kind: 'custom', name: 'shoe_size' },
  { kind: 'skip' },
];

/** The same columns in another order (and another case): the same export, rearranged. */
const reordered = [4, 0, 3, 5, 2, 1];
const reorderedHeaders = reordered.map((i) => headers[i].toUpperCase());

describe('saved mappings in shared/mapping’s profile format', () => {
  it('saves the Map screen’s choices as a profile the CLI reads, with the date orders chosen', async () => {
    const storage = memoryStorage();
    const now = new Date('2025-01-02T03:04:05Z');
    await saveMappingProfile('Oslo', clientTether, headers, targets, {
      dateOrders: { anniversary_1: 'dmy' },
      storage,
      now,
    });
    const [profile] = await loadProfiles(storage);
    expect(profile).toMatchObject({
      format: 'listprep-mapping-profile',
      version: 1,
      name: 'Oslo',
      template: clientTether.id,
      signature: headersSignature(headers),
      noteField: 'whiteboard',
      dateOrders: { anniversary_1: 'dmy' },
      savedAt: '2025-01-02T03:04:05.000Z',
    });
    expect(profile.columns).toEqual([
      { header: 'Fornavn', field: 'firstName' },
      { header: 'Etternavn', field: 'lastName' },
      { header: 'E-post', field: 'email' },
      { header: 'Kundenr', field: 'external_id' },
      { header: 'Skostørrelse', field: null, unmapped: 'custom', customName: 'shoe_size' },
      { header: 'Navn', field: null, unmapped: 'drop' },
    ]);
  });

  it('offers the mapping for the same headers in another order, each target on its own column', async () => {
    const storage = memoryStorage();
    await saveMappingProfile('Oslo', clientTether, headers, targets, { storage });
    const saved = await findSavedMapping(clientTether, reorderedHeaders, storage);
    expect(saved?.name).toBe('Oslo');
    expect(saved?.targets).toEqual(reordered.map((i) => targets[i]));
  });

  it('offers nothing for a file with other columns', async () => {
    const storage = memoryStorage();
    await saveMappingProfile('Oslo', clientTether, headers, targets, { storage });
    expect(await findSavedMapping(clientTether, [...headers, 'Telefon'], storage)).toBeNull();
    expect(await findSavedMapping(clientTether, headers.slice(1), storage)).toBeNull();
  });

  it('replaces a profile saved again under the same name, and offers the newest of two for the same headers', async () => {
    const storage = memoryStorage();
    const early = new Date('2025-01-01T00:00:00Z');
    const late = new Date('2025-02-01T00:00:00Z');
    await saveMappingProfile('Oslo', clientTether, headers, targets, { storage, now: early });
    const skipped = targets.map((t, i): ColumnTarget => (i === 3 ? { kind: 'skip' } : t));
    await saveMappingProfile('Oslo', clientTether, headers, skipped, { storage, now: early });
    expect(await loadProfiles(storage)).toHaveLength(1);
    await saveMappingProfile('Bergen', clientTether, headers, targets, { storage, now: late });
    expect((await findSavedMapping(clientTether, headers, storage))?.name).toBe('Bergen');
  });

  it('uses a profile made by the command line for the same headers', async () => {
    const storage = memoryStorage();
    const suggested = suggestMapping(clientTether, headers, [
      ['Åse', 'Økland', 'ase@example.com', 'K-1', '41', ''],
    ]);
    const mapping = setColumnTarget(suggested, 3, { kind: 'field', header: 'external_id' });
    storage.setItem('listprep.mappingProfiles', JSON.stringify([profileFromMapping('cli', mapping)]));
    const saved = await findSavedMapping(clientTether, reorderedHeaders, storage);
    expect(saved?.targets[reordered.indexOf(3)]).toEqual({ kind: 'field', header: 'external_id' });
    expect(saved?.targets[reordered.indexOf(2)]).toEqual({ kind: 'field', header: 'email' });
  });

  it('turns the app’s older, order-bound profiles into the shared format when their file comes back', async () => {
    const storage = memoryStorage();
    const oldSignature = ['fornavn', 'etternavn', 'epost', 'kundenr', 'skostorrelse', 'navn'].join('\u0001');
    storage.setItem(
      'listprep.mappingProfiles',
      JSON.stringify([{ name: 'Old', signature: oldSignature, targets }]),
    );
    expect(await findSavedMapping(clientTether, reorderedHeaders, storage)).toBeNull();
    expect((await findSavedMapping(clientTether, headers, storage))?.targets).toEqual(targets);
    const [upgraded] = await loadProfiles(storage);
    expect(upgraded).toMatchObject({ name: 'Old', signature: headersSignature(headers) });
    expect((await findSavedMapping(clientTether, reorderedHeaders, storage))?.targets).toEqual(
      reordered.map((i) => targets[i]),
    );
  });

  it('ignores stored entries it does not know', async () => {
    const storage = memoryStorage();
    storage.setItem('listprep.mappingProfiles', JSON.stringify([{ format: 'something-newer' }, 42]));
    expect(await findSavedMapping(clientTether, headers, storage)).toBeNull();
    storage.setItem('listprep.mappingProfiles', '{not json');
    expect(await loadProfiles(storage)).toEqual([]);
  });

  it('refuses a name no profile file can have, keeping nothing', async () => {
    const storage = memoryStorage();
    const profile = mappingProfileOf('Kunder/Oslo', clientTether, headers, targets);
    expect(await webProfiles(storage).save(profile)).toMatchObject({
      ok: false,
      error: { code: 'profile.name' },
    });
    expect(storage.getItem('listprep.mappingProfiles')).toBeNull();
  });

  it('forgets a profile by name, so it is offered no more', async () => {
    const storage = memoryStorage();
    await saveMappingProfile('Oslo', clientTether, headers, targets, { storage });
    expect(await webProfiles(storage).remove('Oslo')).toEqual({ ok: true, value: true });
    expect(await webProfiles(storage).remove('Oslo')).toEqual({ ok: true, value: false });
    expect(await findSavedMapping(clientTether, headers, storage)).toBeNull();
  });
});

describe('the desktop app’s profiles with those its windows kept before', () => {
  /** The desktop's store (the configuration folder in the app; here a Profiles of its own) and the window's. */
  function desktop() {
    const folder = webProfiles(memoryStorage());
    const window = memoryStorage();
    return { folder, window, profiles: withEarlierProfiles(folder, webProfiles(window)) };
  }

  it('offers a profile the window kept, and moves it to the desktop store the first time', async () => {
    const { folder, window, profiles } = desktop();
    await saveMappingProfile('Oslo', clientTether, headers, targets, { storage: window });
    const found = await findInProfiles(profiles, clientTether, reorderedHeaders);
    expect(found).toMatchObject({ ok: true, value: { name: 'Oslo' } });
    expect(await folder.find(headers, clientTether.id)).toMatchObject({ ok: true, value: { name: 'Oslo' } });
    expect(await webProfiles(window).list()).toEqual({ ok: true, value: [] });
  });

  it('moves an older, order-bound profile once its file comes back', async () => {
    const { folder, window, profiles } = desktop();
    const oldSignature = ['fornavn', 'etternavn', 'epost', 'kundenr', 'skostorrelse', 'navn'].join('\u0001');
    window.setItem(
      'listprep.mappingProfiles',
      JSON.stringify([{ name: 'Old', signature: oldSignature, targets }]),
    );
    expect((await findInProfiles(profiles, clientTether, headers)).ok).toBe(true);
    const moved = await folder.find(reorderedHeaders, clientTether.id);
    expect(moved).toMatchObject({ ok: true, value: { name: 'Old', signature: headersSignature(headers) } });
  });

  it('keeps offering one whose name no file can have from where it was', async () => {
    const { folder, window, profiles } = desktop();
    const odd = mappingProfileOf('Kunder/Oslo', clientTether, headers, targets);
    window.setItem('listprep.mappingProfiles', JSON.stringify([odd]));
    expect(await profiles.find(headers, clientTether.id)).toEqual({ ok: true, value: odd });
    expect(await profiles.find(headers, clientTether.id)).toEqual({ ok: true, value: odd });
    expect(await folder.list()).toEqual({ ok: true, value: [] });
  });

  it('lists both, the desktop store’s first, and saves only to the desktop store', async () => {
    const { folder, window, profiles } = desktop();
    await saveMappingProfile('Kept', clientTether, headers, targets, { storage: window });
    const saved = await profiles.save(mappingProfileOf('New', clientTether, headers, targets));
    expect(saved.ok).toBe(true);
    const listed = await profiles.list();
    expect(listed.ok && listed.value.map((p) => p.name)).toEqual(['New', 'Kept']);
    expect(await folder.list()).toMatchObject({ ok: true, value: [{ name: 'New' }] });
    expect(await profiles.remove('Kept')).toEqual({ ok: true, value: true });
  });
});
