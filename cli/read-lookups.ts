import type { Lookups } from '../shared/template';
import { InputError } from './errors';
import { readJsonFile } from './read-json';

/** Reads and checks a lookups file (the account's ID lists); no path, no lookups. */
export async function readLookupsFile(path: string | undefined): Promise<Lookups | undefined> {
  if (!path) return undefined;
  const json = await readJsonFile(path);
  // Loaded only when there is a file to check: zod costs about 90 ms of every command's start-up.
  const { lookupsSchema } = await import('../shared/template/lookups');
  const parsed = lookupsSchema.safeParse(json);
  if (!parsed.success)
    throw new InputError(`${path}: not a lookups file (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}
