import { type Lookups, lookupsSchema } from '../shared/template';
import { InputError } from './errors';
import { readJsonFile } from './read-json';

/** Reads and checks a lookups file (the account's ID lists); no path, no lookups. */
export async function readLookupsFile(path: string | undefined): Promise<Lookups | undefined> {
  if (!path) return undefined;
  const parsed = lookupsSchema.safeParse(await readJsonFile(path));
  if (!parsed.success)
    throw new InputError(`${path}: not a lookups file (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}
