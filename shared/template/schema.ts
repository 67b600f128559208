// The template contract as a zod schema: what a template file (a second CRM is a JSON file) must hold, and
// the defaults parsing fills. Import it by path where a file is parsed; the built-in ClientTether template is
// built without it (defaults.ts), so the check path never loads zod.
import { z } from 'zod';
import { fieldKinds, fieldRoles, lookupLists } from './kinds';

const localized = z.object({ en: z.string().min(1), nb: z.string().min(1) }).strict();

const choiceSchema = z
  .object({
    value: z.string().min(1),
    label: localized,
    /** Words people write for this value, matched case-insensitively by the fixes ("married", "gift"). */
    aliases: z.array(z.string()).default([]),
  })
  .strict();

export const fieldSchema = z
  .object({
    /** The exact header the CRM matches on. Never "corrected": the CRM's own spelling wins. */
    header: z.string().min(1),
    label: localized,
    /** One line for people: the hover note on the exported header cell. */
    hint: localized,
    kind: z.enum(fieldKinds),
    required: z.boolean().default(false),
    /** Unique in the file, compared case-insensitively. */
    unique: z.boolean().default(false),
    /** What the CRM uses when the cell is empty (documentation only; the file is not filled in). */
    default: z.string().optional(),
    choices: z.array(choiceSchema).optional(),
    lookup: z.enum(lookupLists).optional(),
    role: z.enum(fieldRoles).optional(),
    /** Other names this column goes by in exports, in any language; used by column mapping. */
    synonyms: z.array(z.string()).default([]),
  })
  .strict()
  .superRefine((field, ctx) => {
    if (field.kind === 'choice' && !field.choices?.length) {
      ctx.addIssue({ code: 'custom', message: `choice field ${field.header} needs choices` });
    }
    if (field.kind === 'idRef' && !field.lookup) {
      ctx.addIssue({ code: 'custom', message: `idRef field ${field.header} needs a lookup list` });
    }
  });

export const regionSchema = z
  .object({
    code: z.string().regex(/^[A-Z]{2}$/),
    country: z.enum(['US', 'CA']),
    name: z.string().min(1),
    /** Other names (French, abbreviations like "Calif.") that the region fix understands. */
    aliases: z.array(z.string()).default([]),
  })
  .strict();

export const templateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    crm: z.string().min(1),
    name: z.string().min(1),
    version: z.string().min(1),
    /** Sheet names of the exported workbook, in order; the first holds the data. */
    sheets: z.array(z.string().min(1)).min(1),
    fields: z.array(fieldSchema).min(1),
    regions: z.array(regionSchema).default([]),
  })
  .strict()
  .superRefine((template, ctx) => {
    const seen = new Set<string>();
    for (const field of template.fields) {
      const key = field.header.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `duplicate header ${field.header}` });
      seen.add(key);
    }
  });

export type TemplateInput = z.input<typeof templateSchema>;
export type Template = z.output<typeof templateSchema>;
export type FieldDef = Template['fields'][number];
export type Region = Template['regions'][number];
export type Choice = NonNullable<FieldDef['choices']>[number];
export type Localized = { en: string; nb: string };

/** Checks a template's data (a TS object or parsed JSON) and fills the defaults. Throws on a bad template. */
export function defineTemplate(input: unknown): Template {
  return templateSchema.parse(input);
}
