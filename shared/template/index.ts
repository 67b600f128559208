import { clientTetherContacts } from './clienttether-contacts';
import { defineTemplate, type Template } from './schema';

export * from './schema';
export * from './lookups';

/** The ClientTether contacts template, checked and with its defaults filled. */
export const clientTether: Template = defineTemplate(clientTetherContacts);

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
