// The saved mapping profile's file format. Import it by path where a profile file is read (the CLI loads it
// only when there is one); the mapping index re-exports only its type, so `listprep check` loads no zod.
import { z } from 'zod';

const columnSchema = z
  .object({
    header: z.string(),
    field: z.string().nullable(),
    split: z.tuple([z.string(), z.string()]).optional(),
    unmapped: z.enum(['note', 'custom', 'drop']).optional(),
    customName: z.string().optional(),
    /** The field was guessed from the values and not confirmed when the profile was saved. */
    guess: z.literal(true).optional(),
    /** A person's translation of the column's values into the field's, by `valueKey`. */
    values: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/**
 * A saved mapping: reused automatically when a file with the same headers (in any order) is opened. Version 1
 * throughout: `guess` and `values` were added as optional keys, so every profile saved before reads the same.
 */
export const mappingProfileSchema = z
  .object({
    format: z.literal('listprep-mapping-profile'),
    version: z.literal(1),
    name: z.string().min(1),
    /** The template id the fields belong to. */
    template: z.string().min(1),
    /** `headersSignature` of the file the profile was made from. */
    signature: z.string().min(1),
    columns: z.array(columnSchema),
    noteField: z.string().nullable(),
    /** The day/month order the user picked per date field, when the values did not decide it. */
    dateOrders: z.record(z.string(), z.enum(['mdy', 'dmy'])).optional(),
    savedAt: z.string().optional(),
  })
  .strict();
export type MappingProfile = z.infer<typeof mappingProfileSchema>;
