import { profilesDir } from '../node-shared/config-dir';
import { mkdir } from 'node:fs/promises';
import { profileFile, profileStoreAt } from '../node-shared/profile-folder';
import {
  checkProfile,
  confirmed,
  findSavedProfile,
  isGuess,
  type Mapping,
  type MappingProfile,
  mappingFromProfile,
  ProfileNameError,
  profileFromMapping,
  type ProfileList,
  suggestMapping,
} from '../shared/mapping';
import type { Template } from '../shared/template';
import { InputError, UsageError } from './errors';
import { readJsonFile } from './read-json';

// The CLI's side of the profile store (shared/mapping/profile-store.ts over node-shared/profile-folder.ts):
// the same folder the desktop app keeps its profiles in, so each offers what the other saved.

type Env = Readonly<Record<string, string | undefined>>;

/** Every saved profile; unreadable or invalid files are skipped and named in `problems`, never fatal. */
export function loadProfiles(env: Env = process.env): Promise<ProfileList> {
  return profileStoreAt(profilesDir(env)).list();
}

/** "permission denied" for people, else the system's code. */
function fileProblem(error: NodeJS.ErrnoException): string {
  return error.code === 'EACCES' || error.code === 'EPERM'
    ? 'permission denied'
    : (error.code ?? error.message);
}

/**
 * Checks a profile name and makes the profiles folder, or says in one line why not: before `map --save`
 * reads a file for nothing.
 */
export async function ensureProfilesDir(name: string, env: Env = process.env): Promise<void> {
  const dir = profilesDir(env);
  try {
    profileFile(dir, name);
  } catch (error) {
    if (error instanceof ProfileNameError) throw new UsageError(error.message);
    throw error;
  }
  await mkdir(dir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(
      `the profile "${name}" cannot be saved: ${dir} cannot be made (${fileProblem(error)}); set LISTPREP_CONFIG_DIR to another folder`,
    );
  });
}

/** Saves a mapping as a named profile (atomically, replacing one of the same name); returns the path. */
export async function saveProfile(
  name: string,
  mapping: Mapping,
  options: { dateOrders?: MappingProfile['dateOrders']; env?: Env } = {},
): Promise<string> {
  const profile = profileFromMapping(name, mapping, {
    dateOrders: options.dateOrders,
    savedAt: new Date().toISOString(),
  });
  try {
    return await profileStoreAt(profilesDir(options.env)).save(profile);
  } catch (error) {
    if (error instanceof ProfileNameError) throw new UsageError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code))
      throw new InputError(
        `the profile "${name}" cannot be saved: ${fileProblem(error as NodeJS.ErrnoException)}`,
      );
    throw error;
  }
}

/** Reads a profile file given with `--mapping FILE.json`. */
export async function readProfileFile(path: string): Promise<MappingProfile> {
  const checked = await checkProfile(await readJsonFile(path));
  if (!checked.ok) throw new InputError(`${path}: not a mapping profile (${checked.reason})`);
  return checked.profile;
}

export type MappingSource =
  | Readonly<{ kind: 'file'; path: string; profile: MappingProfile }>
  | Readonly<{ kind: 'profile'; path: string; profile: MappingProfile }>
  | Readonly<{ kind: 'automatic' }>;

export type ResolvedMapping = Readonly<{ mapping: Mapping; source: MappingSource; problems: string[] }>;

/**
 * The mapping with the columns a person confirmed (`--confirm HEADER`): a field guessed from the values
 * becomes a sure one, and its fixes run. A header the file does not have is a usage error.
 */
export function confirmColumns(mapping: Mapping, headers: readonly string[] = []): Mapping {
  if (headers.length === 0) return mapping;
  const wanted = new Set(headers.map((h) => h.trim().toLowerCase()));
  for (const header of headers) {
    if (!mapping.columns.some((c) => c.header.trim().toLowerCase() === header.trim().toLowerCase())) {
      throw new UsageError(`--confirm: the file has no column "${header}"`);
    }
  }
  return {
    ...mapping,
    columns: mapping.columns.map((c) =>
      wanted.has(c.header.trim().toLowerCase()) && isGuess(c.target)
        ? {
            ...c,
            target: confirmed(c.target),
            reason: 'user',
            confidence: 1,
            detail: 'confirmed with --confirm',
          }
        : c,
    ),
  };
}

/**
 * The mapping for a file: the profile given with `--mapping`, else a saved profile for these headers, else
 * an automatic one from the headers and sample rows. `useSaved: false` skips the saved profiles.
 */
export async function resolveMapping(options: {
  template: Template;
  headers: readonly string[];
  sampleRows: readonly (readonly string[])[];
  mappingFile?: string;
  useSaved?: boolean;
  env?: Env;
  /** Headers of columns guessed from their values that the person confirms (`--confirm`). */
  confirm?: readonly string[];
}): Promise<ResolvedMapping> {
  const resolved = await resolveUnconfirmed(options);
  return { ...resolved, mapping: confirmColumns(resolved.mapping, options.confirm) };
}

async function resolveUnconfirmed(options: {
  template: Template;
  headers: readonly string[];
  sampleRows: readonly (readonly string[])[];
  mappingFile?: string;
  useSaved?: boolean;
  env?: Env;
}): Promise<ResolvedMapping> {
  const { template, headers } = options;
  if (options.mappingFile) {
    const profile = await readProfileFile(options.mappingFile);
    if (profile.template !== template.id) {
      throw new InputError(
        `${options.mappingFile}: a profile for template "${profile.template}", not "${template.id}"`,
      );
    }
    return {
      mapping: mappingFromProfile(profile, headers, template),
      source: { kind: 'file', path: options.mappingFile, profile },
      problems: [],
    };
  }
  const automatic = (problems: string[]): ResolvedMapping => ({
    mapping: suggestMapping(template, headers, options.sampleRows),
    source: { kind: 'automatic' },
    problems,
  });
  if (options.useSaved === false) return automatic([]);
  // One read of the folder: the problems it met are reported whichever profile (if any) applies.
  const { profiles, problems } = await loadProfiles(options.env);
  const found = findSavedProfile(profiles, headers, template.id);
  if (!found) return automatic([...problems]);
  return {
    mapping: mappingFromProfile(found.profile, headers, template),
    source: { kind: 'profile', path: found.where, profile: found.profile },
    problems: [...problems],
  };
}
