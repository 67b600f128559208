import type { Lookups } from '../../shared/template';
import { lookupsSchema } from '../../shared/template/lookups';

/** A lookups file's lists, or why it is not one (its first problem, for people). */
export function parseLookupsFile(
  bytes: Uint8Array,
): { ok: true; lookups: Lookups } | { ok: false; reason: string } {
  try {
    const json = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    const parsed = lookupsSchema.safeParse(json);
    if (!parsed.success)
      return { ok: false, reason: parsed.error.issues[0]?.message ?? 'not a lookups file' };
    return { ok: true, lookups: parsed.data };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/** How many IDs the lists hold, for the notice. */
export function lookupsCount(lookups: Lookups): number {
  return Object.values(lookups).reduce((n, list) => n + (list?.length ?? 0), 0);
}
