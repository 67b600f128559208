import { findProfile } from './profile';
import type { MappingProfile } from './profile-schema';

// The one store of saved mappings, for every surface: the CLI and the desktop app keep profiles as files in
// the configuration folder (node-shared/profile-folder.ts), the browser in localStorage (the web bridge).
// The format and the rules (names, which profile a file gets, what counts as a profile) are written here once.

/** One stored entry as the storage read it: its JSON value, or why it could not be read. */
export type StoredEntry =
  | Readonly<{ where: string; value: unknown }>
  | Readonly<{ where: string; unreadable: string }>;

/**
 * Where profiles are kept, as the store sees it: JSON values under a profile's name. `where` names an entry
 * for people (a file's path, a storage key).
 */
export type ProfileStorage = Readonly<{
  entries(): Promise<readonly StoredEntry[]>;
  /** Stores the profile under its name, replacing one of the same name; returns where it went. */
  put(profile: MappingProfile): Promise<string>;
  /** Removes the profile of that name; false when there was none. */
  delete(name: string): Promise<boolean>;
}>;

export type SavedProfile = Readonly<{ profile: MappingProfile; where: string }>;

/** Every readable profile; entries that are not profiles are skipped and named in `problems`, never fatal. */
export type ProfileList = Readonly<{ profiles: readonly SavedProfile[]; problems: readonly string[] }>;

export type ProfileStore = Readonly<{
  list(): Promise<ProfileList>;
  /** The profile for a file with these headers (in any order) and template: the most recently saved. */
  find(headers: readonly string[], templateId: string): Promise<SavedProfile | null>;
  /** Saves a profile, replacing one of the same name; returns where it went. Refuses a name no store takes. */
  save(profile: MappingProfile): Promise<string>;
  remove(name: string): Promise<boolean>;
}>;

// A name becomes a file name in the configuration folder, which the desktop app and the CLI share: it is
// kept to characters every file system takes, wherever the profile is saved.
const namePattern = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,63}$/;

/** Why a profile name cannot be used, or null when it can. */
export function profileNameProblem(name: string): string | null {
  return namePattern.test(name) && !name.includes('..')
    ? null
    : `a profile name is up to 64 letters, digits, spaces, dots, dashes or underscores, not "${name}"`;
}

export class ProfileNameError extends Error {
  override readonly name = 'ProfileNameError';
}

// The schema loads zod (about 90 ms of the CLI's start-up), so it is loaded only when there is an entry to
// check: `listprep check` with no saved profiles never needs it.
async function profileSchema() {
  return (await import('./profile-schema')).mappingProfileSchema;
}

export type ProfileCheck =
  | Readonly<{ ok: true; profile: MappingProfile }>
  | Readonly<{ ok: false; reason: string }>;

/** Whether a JSON value is a mapping profile this version reads (a newer format, a damaged file: not). */
export async function checkProfile(value: unknown): Promise<ProfileCheck> {
  const parsed = (await profileSchema()).safeParse(value);
  return parsed.success
    ? { ok: true, profile: parsed.data }
    : { ok: false, reason: parsed.error.issues[0]?.message ?? 'invalid' };
}

/** Of saved profiles, the one for a file's headers and template (see findProfile), or null. */
export function findSavedProfile(
  profiles: readonly SavedProfile[],
  headers: readonly string[],
  templateId: string,
): SavedProfile | null {
  const found = findProfile(
    profiles.map((saved) => saved.profile),
    headers,
    templateId,
  );
  return profiles.find((saved) => saved.profile === found) ?? null;
}

export function createProfileStore(storage: ProfileStorage): ProfileStore {
  const list = async (): Promise<ProfileList> => {
    const entries = await storage.entries();
    const profiles: SavedProfile[] = [];
    const problems: string[] = [];
    for (const entry of entries) {
      if ('unreadable' in entry) {
        problems.push(`${entry.where}: cannot be read (${entry.unreadable})`);
        continue;
      }
      const checked = await checkProfile(entry.value);
      if (checked.ok) profiles.push({ profile: checked.profile, where: entry.where });
      else problems.push(`${entry.where}: not a mapping profile (${checked.reason})`);
    }
    return { profiles, problems };
  };

  return {
    list,
    find: async (headers, templateId) => findSavedProfile((await list()).profiles, headers, templateId),
    async save(profile) {
      const problem = profileNameProblem(profile.name);
      if (problem) throw new ProfileNameError(problem);
      return storage.put(profile);
    },
    remove: (name) => (profileNameProblem(name) ? Promise.resolve(false) : storage.delete(name)),
  };
}
