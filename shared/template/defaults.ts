import type { FieldDef, FieldGroup, Template, TemplateInput } from './schema';

type FieldInput = TemplateInput['fields'][number];
type GroupInput = NonNullable<TemplateInput['groups']>[number];

/**
 * Fills the defaults the template schema fills, without zod. Only for built-in templates, whose data is
 * ours and is checked against the schema by a test (template.test.ts: the result deep-equals
 * `defineTemplate`'s). Parsing it at run time cost every `listprep check` about 90 ms of start-up for zod.
 * Templates read from files go through `defineTemplate`, which also rejects bad data.
 */
export function fillTemplateDefaults(input: TemplateInput): Template {
  const exported = input.export ?? { formats: ['xlsx', 'csv'], csv: { delimiters: [','], bom: false } };
  return {
    ...input,
    sheetContents: input.sheetContents ?? {},
    fields: input.fields.map(fillFieldDefaults),
    regions: (input.regions ?? []).map((region) => ({ ...region, aliases: region.aliases ?? [] })),
    groups: (input.groups ?? []).map(fillGroupDefaults),
    builder: input.builder ?? false,
    customFields: input.customFields ?? false,
    upload: input.upload ?? false,
    allOrNothing: input.allOrNothing ?? false,
    export: {
      formats: [...exported.formats],
      csv: { ...exported.csv, delimiters: [...exported.csv.delimiters] },
    },
    choices: input.choices ?? [],
    summary: input.summary ?? [],
  };
}

function fillFieldDefaults(input: FieldInput): FieldDef {
  // `choices` is left out when absent, as the schema leaves it, rather than set to undefined.
  const { choices, ...field } = input;
  return {
    ...field,
    required: field.required ?? false,
    unique: field.unique ?? false,
    synonyms: field.synonyms ?? [],
    ...(choices && { choices: choices.map((choice) => ({ ...choice, aliases: choice.aliases ?? [] })) }),
  };
}

function fillGroupDefaults(input: GroupInput): FieldGroup {
  return { ...input, keys: input.keys ?? [], keyRule: input.keyRule ?? 'all', always: input.always ?? false };
}
