// The lookups file's schema. Import it by path where a lookups file or response is parsed; the template's
// index re-exports only its types, so `listprep check` without `--lookups` does not load zod.
import { z } from 'zod';
import type { LookupList } from './kinds';

/** One entry of an account list: the ID (or value) the template column holds and the name people know it by. */
export const lookupItemSchema = z.object({ id: z.string().min(1), name: z.string() }).strict();
export type LookupItem = z.infer<typeof lookupItemSchema>;

/** A list's own opt-in words (MainBrainer lets each list have them, e.g. OptIn and OptOut). */
export const optInWordsSchema = z.object({ yes: z.string().min(1), no: z.string().min(1) }).strict();
export type OptInWords = z.infer<typeof optInWordsSchema>;

const list = z.array(lookupItemSchema).optional();

/**
 * The account's lists that columns point at, and its own words. A list that is absent is unknown (IDs are
 * then only checked to be whole numbers, list items not at all, countries against ISO 3166); a present empty
 * list means the account has none, so every value is unknown.
 */
export const lookupsSchema = z
  .object({
    actionPlans: list,
    salesCycles: list,
    leadSources: list,
    users: list,
    countries: list,
    states: list,
    leadStatuses: list,
    communicationTypes: list,
    opportunityStages: list,
    optInWords: optInWordsSchema.optional(),
  })
  .strict();
export type Lookups = { [K in LookupList]?: LookupItem[] } & { optInWords?: OptInWords };
