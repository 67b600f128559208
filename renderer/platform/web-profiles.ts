import type { BridgeResult, Profiles } from '../../shared/bridge';
import {
  createProfileStore,
  type MappingProfile,
  ProfileNameError,
  type ProfileStorage,
  type ProfileStore,
  type StoredEntry,
} from '../../shared/mapping';
import { getTemplate } from '../../shared/template';
import {
  isLegacyProfile,
  type LegacyProfile,
  legacyProfileFor,
  upgradeLegacyProfile,
} from './legacy-profiles';

// Saved mappings in a browser: the profile store of shared/mapping over localStorage, one JSON array under
// one key, newest first. The entries are profiles in the format `listprep map --save` writes (the desktop
// app keeps them in the CLI's folder instead, through the main process), plus the app's first, order-bound
// profiles, which become profiles when a file with their headers comes back (legacy-profiles.ts).

const storageKey = 'listprep.mappingProfiles';

/** Every stored entry, as written (profiles, the app's older profiles, anything else). */
function storedEntries(storage: Storage): unknown[] {
  try {
    const parsed = JSON.parse(storage.getItem(storageKey) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** The name of an entry a profile of that name replaces: a profile of this format or an older profile. */
function replaceableName(entry: unknown): string | null {
  if (isLegacyProfile(entry)) return entry.name;
  if (typeof entry !== 'object' || entry === null) return null;
  const p = entry as Partial<MappingProfile>;
  return p.format === 'listprep-mapping-profile' && p.version === 1 && typeof p.name === 'string'
    ? p.name
    : null;
}

/** The profiles kept in one localStorage key, as the store's storage. */
export function localProfileStorage(storage: Storage): ProfileStorage {
  const keep = (entries: unknown[]) => storage.setItem(storageKey, JSON.stringify(entries));
  return {
    async entries() {
      const entries: StoredEntry[] = [];
      storedEntries(storage).forEach((value, i) => {
        // The older profiles are not profiles yet: they are looked at only for a file with their headers.
        if (!isLegacyProfile(value)) entries.push({ where: `${storageKey}[${i}]`, value });
      });
      return entries;
    },
    async put(profile) {
      const others = storedEntries(storage).filter((entry) => replaceableName(entry) !== profile.name);
      keep([profile, ...others]);
      return storageKey;
    },
    async delete(name) {
      const entries = storedEntries(storage);
      const rest = entries.filter((entry) => replaceableName(entry) !== name);
      if (rest.length === entries.length) return false;
      keep(rest);
      return true;
    },
  };
}

async function attempt<T>(work: () => Promise<T>): Promise<BridgeResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const code = error instanceof ProfileNameError ? 'profile.name' : 'profiles.failed';
    return { ok: false, error: { code, message: error instanceof Error ? error.message : String(error) } };
  }
}

/**
 * An older profile saved from a file with these headers, now stored as a profile (under its own name, which
 * this browser kept whatever it was), or null.
 */
async function upgradeLegacy(
  storage: Storage,
  headers: readonly string[],
  templateId: string,
): Promise<MappingProfile | null> {
  const template = getTemplate(templateId);
  const legacy = storedEntries(storage).find(
    (entry): entry is LegacyProfile => isLegacyProfile(entry) && legacyProfileFor(entry, headers),
  );
  if (!template || !legacy) return null;
  const profile = upgradeLegacyProfile(legacy, template, headers);
  await localProfileStorage(storage).put(profile);
  return profile;
}

/** Bridge.profiles in a browser (and for the desktop app, the profiles its windows kept before). */
export function webProfiles(storage: Storage): Profiles {
  const store: ProfileStore = createProfileStore(localProfileStorage(storage));
  return {
    list: () => attempt(async () => (await store.list()).profiles.map((saved) => saved.profile)),
    find: (headers, templateId) =>
      attempt(
        async () =>
          (await store.find(headers, templateId))?.profile ??
          (await upgradeLegacy(storage, headers, templateId)),
      ),
    save: (profile) =>
      attempt(async () => {
        await store.save(profile);
      }),
    remove: (name) => attempt(() => store.remove(name)),
  };
}
