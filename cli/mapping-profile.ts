import { mkdir, readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  findProfile,
  type Mapping,
  type MappingProfile,
  mappingFromProfile,
  profileFromMapping,
  suggestMapping,
} from '../shared/mapping';
import type { Template } from '../shared/template';
import { writeFileAtomic } from '../node-shared/atomic-write';
import { InputError, UsageError } from './errors';
import { readJsonFile } from './read-json';

type Env = Readonly<Record<string, string | undefined>>;

// The profile schema loads zod (about 90 ms of start-up), so it is loaded only when there is a profile file
// to check: `listprep check` with no saved profiles and no `--mapping` never needs it.
async function profileSchema() {
  return (await import('../shared/mapping/profile-schema')).mappingProfileSchema;
}

/**
 * The CLI's configuration folder: `LISTPREP_CONFIG_DIR` (tests, portable installs), else
 * `$XDG_CONFIG_HOME/listprep`, else `~/.config/listprep`.
 */
export function configDir(env: Env = process.env): string {
  if (env.LISTPREP_CONFIG_DIR) return env.LISTPREP_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'listprep');
}

/** Where saved mapping profiles live: one JSON file per profile. */
export function profilesDir(env: Env = process.env): string {
  return join(configDir(env), 'profiles');
}

// A profile name becomes a file name: keep it to characters every file system takes.
const profileName = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,63}$/;

/** The file a profile of this name is saved in. */
export function profilePath(name: string, env: Env = process.env): string {
  if (!profileName.test(name) || name.includes('..')) {
    throw new UsageError(
      `a profile name is up to 64 letters, digits, spaces, dots, dashes or underscores, not "${name}"`,
    );
  }
  return join(profilesDir(env), `${name}.json`);
}

export type LoadedProfiles = Readonly<{
  profiles: MappingProfile[];
  /** The file each profile was read from. */
  paths: ReadonlyMap<MappingProfile, string>;
  problems: string[];
}>;

/** Every saved profile; unreadable or invalid files are skipped and named in `problems`, never fatal. */
export async function loadProfiles(env: Env = process.env): Promise<LoadedProfiles> {
  const dir = profilesDir(env);
  let names: string[] = [];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    // No folder yet: no profiles.
  }
  if (names.length === 0) return { profiles: [], paths: new Map(), problems: [] };
  const schema = await profileSchema();
  const profiles: MappingProfile[] = [];
  const paths = new Map<MappingProfile, string>();
  const problems: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      const parsed = schema.safeParse(JSON.parse(await readFile(path, 'utf8')));
      if (parsed.success) {
        profiles.push(parsed.data);
        paths.set(parsed.data, path);
      } else problems.push(`${path}: not a mapping profile (${parsed.error.issues[0]?.message})`);
    } catch (error) {
      problems.push(`${path}: cannot be read (${(error as Error).message})`);
    }
  }
  return { profiles, paths, problems };
}

/** Saves a mapping as a named profile (atomically, replacing one of the same name); returns the path. */
export async function saveProfile(
  name: string,
  mapping: Mapping,
  options: { dateOrders?: MappingProfile['dateOrders']; env?: Env } = {},
): Promise<string> {
  const path = profilePath(name, options.env);
  await mkdir(profilesDir(options.env), { recursive: true });
  const profile = profileFromMapping(name, mapping, {
    dateOrders: options.dateOrders,
    savedAt: new Date().toISOString(),
  });
  await writeFileAtomic(path, [`${JSON.stringify(profile, null, 2)}\n`]);
  return path;
}

/** Reads a profile file given with `--mapping FILE.json`. */
export async function readProfileFile(path: string): Promise<MappingProfile> {
  const json = await readJsonFile(path);
  const parsed = (await profileSchema()).safeParse(json);
  if (!parsed.success) {
    throw new InputError(`${path}: not a mapping profile (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  }
  return parsed.data;
}

export type MappingSource =
  | Readonly<{ kind: 'file'; path: string; profile: MappingProfile }>
  | Readonly<{ kind: 'profile'; path: string; profile: MappingProfile }>
  | Readonly<{ kind: 'automatic' }>;

export type ResolvedMapping = Readonly<{ mapping: Mapping; source: MappingSource; problems: string[] }>;

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
  if (options.useSaved !== false) {
    const { profiles, paths, problems } = await loadProfiles(options.env);
    const profile = findProfile(profiles, headers, template.id);
    if (profile) {
      return {
        mapping: mappingFromProfile(profile, headers, template),
        source: { kind: 'profile', path: paths.get(profile) ?? '', profile },
        problems,
      };
    }
    return {
      mapping: suggestMapping(template, headers, options.sampleRows),
      source: { kind: 'automatic' },
      problems,
    };
  }
  return {
    mapping: suggestMapping(template, headers, options.sampleRows),
    source: { kind: 'automatic' },
    problems: [],
  };
}
