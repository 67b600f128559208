import { describe, expect, it } from 'vitest';
import {
  type ColumnTarget,
  headersSignature,
  profileFromMapping,
  setColumnTarget,
  suggestMapping,
} from '../../shared/mapping';
import { clientTether } from '../../shared/template';
import { findSavedMapping, loadProfiles, saveMappingProfile } from './profiles';

/** localStorage's interface over a Map, so each test has its own. */
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
  it('saves the Map screen’s choices as a profile the CLI reads, with the date orders chosen', () => {
    const storage = memoryStorage();
    const now = new Date('2025-01-02T03:04:05Z');
    saveMappingProfile('Oslo', clientTether, headers, targets, {
      dateOrders: { anniversary_1: 'dmy' },
      storage,
      now,
    });
    const [profile] = loadProfiles(storage);
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

  it('offers the mapping for the same headers in another order, each target on its own column', () => {
    const storage = memoryStorage();
    saveMappingProfile('Oslo', clientTether, headers, targets, { storage });
    const saved = findSavedMapping(clientTether, reorderedHeaders, storage);
    expect(saved?.name).toBe('Oslo');
    expect(saved?.targets).toEqual(reordered.map((i) => targets[i]));
  });

  it('offers nothing for a file with other columns', () => {
    const storage = memoryStorage();
    saveMappingProfile('Oslo', clientTether, headers, targets, { storage });
    expect(findSavedMapping(clientTether, [...headers, 'Telefon'], storage)).toBeNull();
    expect(findSavedMapping(clientTether, headers.slice(1), storage)).toBeNull();
  });

  it('replaces a profile saved again under the same name, and offers the newest of two for the same headers', () => {
    const storage = memoryStorage();
    const early = new Date('2025-01-01T00:00:00Z');
    const late = new Date('2025-02-01T00:00:00Z');
    saveMappingProfile('Oslo', clientTether, headers, targets, { storage, now: early });
    const skipped = targets.map((t, i): ColumnTarget => (i === 3 ? { kind: 'skip' } : t));
    saveMappingProfile('Oslo', clientTether, headers, skipped, { storage, now: early });
    expect(loadProfiles(storage)).toHaveLength(1);
    saveMappingProfile('Bergen', clientTether, headers, targets, { storage, now: late });
    expect(findSavedMapping(clientTether, headers, storage)?.name).toBe('Bergen');
  });

  it('uses a profile made by the command line for the same headers', () => {
    const storage = memoryStorage();
    const suggested = suggestMapping(clientTether, headers, [
      ['Åse', 'Økland', 'ase@example.com', 'K-1', '41', ''],
    ]);
    const mapping = setColumnTarget(suggested, 3, { kind: 'field', header: 'external_id' });
    storage.setItem('listprep.mappingProfiles', JSON.stringify([profileFromMapping('cli', mapping)]));
    const saved = findSavedMapping(clientTether, reorderedHeaders, storage);
    expect(saved?.targets[reordered.indexOf(3)]).toEqual({ kind: 'field', header: 'external_id' });
    expect(saved?.targets[reordered.indexOf(2)]).toEqual({ kind: 'field', header: 'email' });
  });

  it('turns the app’s older, order-bound profiles into the shared format when their file comes back', () => {
    const storage = memoryStorage();
    const oldSignature = ['fornavn', 'etternavn', 'epost', 'kundenr', 'skostorrelse', 'navn'].join('\u0001');
    storage.setItem(
      'listprep.mappingProfiles',
      JSON.stringify([{ name: 'Old', signature: oldSignature, targets }]),
    );
    expect(findSavedMapping(clientTether, reorderedHeaders, storage)).toBeNull();
    expect(findSavedMapping(clientTether, headers, storage)?.targets).toEqual(targets);
    const [upgraded] = loadProfiles(storage);
    expect(upgraded).toMatchObject({ name: 'Old', signature: headersSignature(headers) });
    expect(findSavedMapping(clientTether, reorderedHeaders, storage)?.targets).toEqual(
      reordered.map((i) => targets[i]),
    );
  });

  it('ignores stored entries it does not know', () => {
    const storage = memoryStorage();
    storage.setItem('listprep.mappingProfiles', JSON.stringify([{ format: 'something-newer' }, 42]));
    expect(findSavedMapping(clientTether, headers, storage)).toBeNull();
    storage.setItem('listprep.mappingProfiles', '{not json');
    expect(loadProfiles(storage)).toEqual([]);
  });
});
