// The lookups file's schema. Import it by path where a lookups file or response is parsed; the template's
// index re-exports only its types, so `listprep check` without `--lookups` does not load zod.
import { z } from 'zod';
import type { LookupList } from './kinds';

/** One entry of an account list: the ID the template column holds and the name people know it by. */
export const lookupItemSchema = z.object({ id: z.string().min(1), name: z.string() }).strict();
export type LookupItem = z.infer<typeof lookupItemSchema>;

/**
 * The account's lists that ID columns point at. A list that is absent is unknown (IDs are then only checked
 * to be whole numbers); a present empty list means the account has none, so every ID is unknown.
 */
export const lookupsSchema = z
  .object({
    actionPlans: z.array(lookupItemSchema).optional(),
    salesCycles: z.array(lookupItemSchema).optional(),
    leadSources: z.array(lookupItemSchema).optional(),
    users: z.array(lookupItemSchema).optional(),
  })
  .strict();
export type Lookups = { [K in LookupList]?: LookupItem[] };
