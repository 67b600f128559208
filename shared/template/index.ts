import { clientTetherContacts } from './clienttether-contacts';
import { configioLeads } from './configio-leads';
import { dealerLeads } from './dealer-leads';
import { fillTemplateDefaults } from './defaults';
import { mainBrainerContacts } from './mainbrainer-contacts';
import type { Template } from './schema';

// This entry point loads no zod: the validator and `listprep check` import it, and zod costs about 90 ms of
// start-up. The schemas are imported by path where a file is parsed: `./schema` (defineTemplate,
// templateSchema) and `./lookups` (lookupsSchema). Their types are re-exported here; types cost nothing.
export * from './kinds';
export type {
  Choice,
  FieldDef,
  FieldGroup,
  ImportChoice,
  Localized,
  Region,
  SummaryPart,
  Template,
  TemplateInput,
} from './schema';
export type { LookupItem, Lookups, OptInWords } from './lookups';
export { isoCountryCodes } from './countries';
import { selectFields, type TargetChoice } from './builder';
export { type TargetChoice, chosenFieldsProblem, selectFields } from './builder';

/** The ClientTether contacts template with its defaults filled (template.test.ts checks it against the schema). */
export const clientTether: Template = fillTemplateDefaults(clientTetherContacts);
export const configio: Template = fillTemplateDefaults(configioLeads);
export const mainBrainer: Template = fillTemplateDefaults(mainBrainerContacts);
export const dealerCrm: Template = fillTemplateDefaults(dealerLeads);

/**
 * Every built-in target, in the order people are offered them. Another CRM is its data file (a
 * `TemplateInput`, checked against the schema by template.test.ts) and a line here.
 */
export const builtInTemplates: readonly Template[] = [clientTether, configio, mainBrainer, dealerCrm];

const builtIn = new Map<string, Template>(builtInTemplates.map((t) => [t.id, t]));

/** A built-in template by id, or undefined. */
export function getTemplate(id: string): Template | undefined {
  return builtIn.get(id);
}

/** The name people choose a target by (`listprep --target NAME`): the template's short name, or its id. */
export function targetName(template: Template): string {
  return template.short ?? template.id;
}

/**
 * The template a target choice names, cut down to the chosen fields when it has a builder; undefined for an
 * unknown id. Throws on a field choice the template refuses (`chosenFieldsProblem` says why beforehand).
 */
export function templateFor(choice: TargetChoice): Template | undefined {
  const template = getTemplate(choice.id);
  if (!template || !choice.fields) return template;
  return selectFields(template, choice.fields);
}

/** A built-in target by its short name, its id or its CRM's name, case aside; undefined if none. */
export function findTarget(name: string): Template | undefined {
  const wanted = name.trim().toLowerCase();
  return builtInTemplates.find(
    (t) => targetName(t) === wanted || t.id === wanted || t.crm.toLowerCase() === wanted,
  );
}

/** Index of each header (case-insensitive) for matching a file's columns to a template. */
export function headerIndex(template: Template): Map<string, number> {
  const map = new Map<string, number>();
  template.fields.forEach((field, i) => {
    map.set(field.header.toLowerCase(), i);
  });
  return map;
}
