import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * ListPrep's configuration folder, the same for the CLI and the desktop app so each sees what the other
 * saved: `LISTPREP_CONFIG_DIR` (tests, portable installs), else `$XDG_CONFIG_HOME/listprep`, else
 * `~/.config/listprep`.
 */
export function configDir(env: Env = process.env): string {
  if (env.LISTPREP_CONFIG_DIR) return env.LISTPREP_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'listprep');
}

/** Where saved mapping profiles live: one JSON file per profile. */
export function profilesDir(env: Env = process.env): string {
  return join(configDir(env), 'profiles');
}
