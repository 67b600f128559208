import { clientTetherContacts } from './clienttether-contacts';
import { fillTemplateDefaults } from './defaults';
import type { Template } from './schema';

// This entry point loads no zod: the validator and `listprep check` import it, and zod costs about 90 ms of
// start-up. The schemas are imported by path where a file is parsed: `./schema` (defineTemplate,
// templateSchema) and `./lookups` (lookupsSchema). Their types are re-exported here; types cost nothing.
export * from './kinds';
export type { Choice, FieldDef, Localized, Region, Template, TemplateInput } from './schema';
export type { LookupItem, Lookups } from './lookups';

/** The ClientTether contacts template with its defaults filled (template.test.ts checks it against the schema). */
export const clientTether: Template = fillTemplateDefaults(clientTetherContacts);

const builtIn = new Map<string, Template>([[clientTether.id, clientTether]]);

/** A built-in template by id, or undefined. */
export function getTemplate(id: string): Template | undefined {
  return builtIn.get(id);
}

/** Index of each header (case-insensitive) for matching a file's columns to a template. */
export function headerIndex(template: Template): Map<string, number> {
  const map = new Map<string, number>();
  template.fields.forEach((field, i) => {
    map.set(field.header.toLowerCase(), i);
  });
  return map;
}
