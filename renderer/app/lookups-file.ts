import { type AccountLists, parseLookupsFile } from '../../shared/api/lookups-file';
import type { Lookups } from '../../shared/template';

/**
 * A lookups file's lists (a lookups file, or the server's lookups answer saved whole, which names the
 * account's custom fields too), or why it is not one (its first problem, for people).
 */
export function readLookupsFile(
  bytes: Uint8Array,
): { ok: true; lists: AccountLists } | { ok: false; reason: string } {
  try {
    return parseLookupsFile(JSON.parse(new TextDecoder().decode(bytes)) as unknown);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/** How many entries the lists hold, for the notice. */
export function lookupsCount(lookups: Lookups): number {
  return Object.values(lookups).reduce((n, list) => n + (Array.isArray(list) ? list.length : 0), 0);
}
