// The template contract as a zod schema: what a template file (another CRM is a data file) must hold, and
// the defaults parsing fills. Import it by path where a file is parsed; the built-in templates are built
// without it (defaults.ts), so the check path never loads zod.
import { z } from 'zod';
import {
  csvDelimiters,
  exportFormats,
  fieldKinds,
  fieldRoles,
  keyRules,
  lookupLists,
  sheetContents,
} from './kinds';

const localized = z.object({ en: z.string().min(1), nb: z.string().min(1) }).strict();

const choiceSchema = z
  .object({
    value: z.string().min(1),
    label: localized,
    /** Words people write for this value, matched case-insensitively by the fixes ("married", "gift"). */
    aliases: z.array(z.string()).default([]),
  })
  .strict();

/**
 * The words an opt-in column takes by default, yes words first, then no words; the first of each is what a
 * fix writes. A list may have its own pair instead (the account's `optInWords`, e.g. OptIn/OptOut).
 */
const optInSchema = z
  .object({ yes: z.array(z.string().min(1)).min(1), no: z.array(z.string().min(1)).min(1) })
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
    /** The group of columns this field belongs to (`groups`), e.g. Configio's Contact fields. */
    group: z.string().optional(),
    /** An `optIn` column's words. */
    optIn: optInSchema.optional(),
  })
  .strict()
  .superRefine((field, ctx) => {
    if (field.kind === 'choice' && !field.choices?.length) {
      ctx.addIssue({ code: 'custom', message: `choice field ${field.header} needs choices` });
    }
    if ((field.kind === 'idRef' || field.kind === 'listItem') && !field.lookup) {
      ctx.addIssue({ code: 'custom', message: `${field.kind} field ${field.header} needs a lookup list` });
    }
    if (field.kind === 'optIn' && !field.optIn) {
      ctx.addIssue({ code: 'custom', message: `optIn field ${field.header} needs its yes and no words` });
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

/**
 * Columns that belong together and the key identifiers that make a row of them (Configio's Lead, Contact,
 * Communication and Opportunity). A group is used by a row when any of its fields is filled, or always;
 * a used group needs its keys (`keyRule`: all of them, or at least one).
 */
export const groupSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    label: localized,
    keys: z.array(z.string().min(1)).default([]),
    keyRule: z.enum(keyRules).default('all'),
    always: z.boolean().default(false),
  })
  .strict();

const choiceOptionSchema = z
  .object({
    value: z.string().min(1),
    label: localized,
    /** What choosing it does in the CRM, said in the export's summary. */
    explain: localized.optional(),
    /** The template column the option stands for (a duplicate key: the email column). */
    field: z.string().optional(),
  })
  .strict();

/**
 * A choice the person makes for the CRM's import that is not in the file (MainBrainer's duplicate keys, the
 * dealer CRM's Merge or Create): asked at export and said in the export's summary.
 */
export const importChoiceSchema = z
  .object({
    id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
    label: localized,
    hint: localized,
    options: z.array(choiceOptionSchema).min(1),
    default: z.string().min(1),
  })
  .strict();

/** What the export's summary counts (kinds.ts `summaryKinds`; words in shared/export). */
export const summarySchema = z.discriminatedUnion('kind', [
  /** Rows with at least one value: what the CRM's import status column (`column`) should show. */
  z.object({ kind: z.literal('rowsWithData'), column: z.string().min(1) }).strict(),
  /** Rows with the ID filled may update an existing record; the others are created. */
  z.object({ kind: z.literal('updateKey'), field: z.string().min(1) }).strict(),
  /** The primary and secondary duplicate keys and the master-data choice (choice ids). */
  z
    .object({
      kind: z.literal('matchKeys'),
      primary: z.string().min(1),
      secondary: z.string().min(1),
      master: z.string().min(1),
    })
    .strict(),
  /** Rows that agree on two of name, phone and email; `merge` is the option of `choice` that merges them. */
  z
    .object({ kind: z.literal('twoOfNamePhoneEmail'), choice: z.string().min(1), merge: z.string().min(1) })
    .strict(),
]);

const csvSchema = z
  .object({
    /** The delimiters the CRM takes; the first is the default, and with more than one the person chooses. */
    delimiters: z.array(z.enum(csvDelimiters)).min(1),
    /** A UTF-8 byte order mark, as Excel's "CSV UTF-8" writes it. */
    bom: z.boolean(),
  })
  .strict();

const exportSchema = z
  .object({
    /** The files the CRM imports, the usual one first. */
    formats: z.array(z.enum(exportFormats)).min(1),
    csv: csvSchema,
  })
  .strict();

export const defaultExport = { formats: ['xlsx', 'csv'], csv: { delimiters: [','], bom: false } } as const;

export const templateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** The name to choose it by (`listprep --target NAME`); the id when absent. */
    short: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
    crm: z.string().min(1),
    name: z.string().min(1),
    version: z.string().min(1),
    /** Where the CRM's contacts are by default: national phone numbers are read as this country's. */
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    /** Sheet names of the exported workbook, in order; the first holds the data. */
    sheets: z.array(z.string().min(1)).min(1),
    /** What each reference sheet shows, by name (ClientTether's sheets are known by their names). */
    sheetContents: z.record(z.string(), z.enum(sheetContents)).default({}),
    fields: z.array(fieldSchema).min(1),
    regions: z.array(regionSchema).default([]),
    groups: z.array(groupSchema).default([]),
    /** The person may choose which fields the template holds (whole groups at once, keys always kept). */
    builder: z.boolean().default(false),
    /** Columns may go to custom fields the CRM creates (MainBrainer) or the account has (ClientTether). */
    customFields: z.boolean().default(false),
    /** Lists can be uploaded to ListPrep's import server (ClientTether's); others are exported as files. */
    upload: z.boolean().default(false),
    /** One bad row and the CRM imports nothing (ClientTether): the instructions say so. */
    allOrNothing: z.boolean().default(false),
    export: exportSchema.default({
      formats: [...defaultExport.formats],
      csv: { delimiters: [...defaultExport.csv.delimiters], bom: false },
    }),
    choices: z.array(importChoiceSchema).default([]),
    summary: z.array(summarySchema).default([]),
  })
  .strict()
  .superRefine((template, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    const seen = new Set<string>();
    for (const field of template.fields) {
      const key = field.header.toLowerCase();
      if (seen.has(key)) issue(`duplicate header ${field.header}`);
      seen.add(key);
    }
    const fieldOf = new Map(template.fields.map((f) => [f.header, f]));
    const groupIds = new Set(template.groups.map((g) => g.id));
    for (const field of template.fields) {
      if (field.group && !groupIds.has(field.group)) issue(`${field.header}: no group ${field.group}`);
    }
    for (const group of template.groups) {
      for (const key of group.keys) {
        if (fieldOf.get(key)?.group !== group.id)
          issue(`group ${group.id}: key ${key} is not one of its fields`);
      }
    }
    const choiceOf = new Map(template.choices.map((c) => [c.id, c]));
    for (const choice of template.choices) {
      if (!choice.options.some((o) => o.value === choice.default))
        issue(`choice ${choice.id}: default ${choice.default} is not an option`);
      for (const option of choice.options) {
        if (option.field && !fieldOf.has(option.field))
          issue(`choice ${choice.id}: no field ${option.field}`);
      }
    }
    for (const part of template.summary) {
      const ids =
        part.kind === 'matchKeys'
          ? [part.primary, part.secondary, part.master]
          : part.kind === 'twoOfNamePhoneEmail'
            ? [part.choice]
            : [];
      for (const id of ids) if (!choiceOf.has(id)) issue(`summary ${part.kind}: no choice ${id}`);
      if (part.kind === 'updateKey' && !fieldOf.has(part.field))
        issue(`summary updateKey: no field ${part.field}`);
    }
    for (const name of Object.keys(template.sheetContents)) {
      if (!template.sheets.includes(name)) issue(`sheetContents: no sheet ${name}`);
    }
  });

export type TemplateInput = z.input<typeof templateSchema>;
export type Template = z.output<typeof templateSchema>;
export type FieldDef = Template['fields'][number];
export type Region = Template['regions'][number];
export type Choice = NonNullable<FieldDef['choices']>[number];
export type FieldGroup = Template['groups'][number];
export type ImportChoice = Template['choices'][number];
export type SummaryPart = Template['summary'][number];
export type Localized = { en: string; nb: string };

/** Checks a template's data (a TS object or parsed JSON) and fills the defaults. Throws on a bad template. */
export function defineTemplate(input: unknown): Template {
  return templateSchema.parse(input);
}
