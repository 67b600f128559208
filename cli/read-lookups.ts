import type { CustomField } from '../shared/api';
import type { Lookups } from '../shared/template';
import { InputError } from './errors';
import { readJsonFile } from './read-json';

/** What `--lookups` gives a command: the account's ID lists (none without a file) and its custom fields. */
export type LookupsOption = Readonly<{ lookups?: Lookups; customFields: readonly CustomField[] }>;

/**
 * Reads and checks a lookups file: the account's ID lists, or the server's `GET …/lookups` answer saved
 * whole, which also names the account's custom fields.
 */
export async function readLookupsFile(path: string | undefined): Promise<LookupsOption> {
  if (!path) return { customFields: [] };
  const json = await readJsonFile(path);
  // Loaded only when there is a file to check: zod costs about 90 ms of every command's start-up.
  const { parseLookupsFile } = await import('../shared/api/lookups-file');
  const parsed = parseLookupsFile(json);
  if (!parsed.ok) throw new InputError(`${path}: ${parsed.reason}`);
  return parsed.lists;
}
