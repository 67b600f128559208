import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createProfileStore,
  ProfileNameError,
  profileNameProblem,
  type ProfileStorage,
  type ProfileStore,
  type StoredEntry,
} from '../shared/mapping';
import { writeFileAtomic } from './atomic-write';

// Saved mapping profiles as files: one `NAME.json` per profile in a folder (configDir's `profiles`), written
// atomically, so the CLI and the desktop app's main process read and write the same profiles.

/** The file a profile of this name is kept in; throws ProfileNameError for a name that is not a plain file name. */
export function profileFile(dir: string, name: string): string {
  const problem = profileNameProblem(name);
  if (problem) throw new ProfileNameError(problem);
  return join(dir, `${name}.json`);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The profiles in `dir` (which need not exist yet: no folder, no profiles). */
export function profileFolder(dir: string): ProfileStorage {
  return {
    async entries() {
      let names: string[];
      try {
        names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
      } catch {
        return [];
      }
      const entries: StoredEntry[] = [];
      for (const name of names) {
        const where = join(dir, name);
        try {
          entries.push({ where, value: JSON.parse(await readFile(where, 'utf8')) as unknown });
        } catch (error) {
          entries.push({ where, unreadable: errorText(error) });
        }
      }
      return entries;
    },
    async put(profile) {
      const path = profileFile(dir, profile.name);
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(path, `${JSON.stringify(profile, null, 2)}\n`);
      return path;
    },
    async delete(name) {
      try {
        await unlink(profileFile(dir, name));
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    },
  };
}

/** The profile store over a folder of profile files. */
export function profileStoreAt(dir: string): ProfileStore {
  return createProfileStore(profileFolder(dir));
}
