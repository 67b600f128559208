import type { FieldDef, Template, TemplateInput } from './schema';

type FieldInput = TemplateInput['fields'][number];

/**
 * Fills the defaults the template schema fills, without zod. Only for built-in templates, whose data is
 * ours and is checked against the schema by a test (template.test.ts: the result deep-equals
 * `defineTemplate`'s). Parsing it at run time cost every `listprep check` about 90 ms of start-up for zod.
 * Templates read from files go through `defineTemplate`, which also rejects bad data.
 */
export function fillTemplateDefaults(input: TemplateInput): Template {
  return {
    ...input,
    fields: input.fields.map(fillFieldDefaults),
    regions: (input.regions ?? []).map((region) => ({ ...region, aliases: region.aliases ?? [] })),
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
