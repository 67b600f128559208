import type { Template } from './schema';

/**
 * Which CRM a list is prepared for: a template id, and for a template with a builder (Configio) the fields
 * the person chose. Plain data: remembered by the app, journaled with the list, given to the worker.
 */
export type TargetChoice = Readonly<{ id: string; fields?: readonly string[] }>;

/**
 * What is wrong with a choice of fields for a template, or null: fields are named by header or a whole group
 * by its id, and only a template with a builder can be cut down.
 */
export function chosenFieldsProblem(template: Template, chosen: readonly string[]): string | null {
  if (!template.builder) return `${template.crm}'s template has no field choice`;
  const known = new Set([...template.fields.map((f) => f.header), ...template.groups.map((g) => g.id)]);
  const unknown = chosen.filter((name) => !known.has(name));
  return unknown.length ? `no field or group ${unknown.map((n) => `"${n}"`).join(', ')}` : null;
}

/**
 * The template builder (Configio's Template section): the template holding only the chosen fields, whole
 * groups named by id, in the template's order. Key identifiers are always kept: those of a group that keeps
 * any field, and those of a group every row uses (a Lead's). Throws on a choice `chosenFieldsProblem` refuses.
 */
export function selectFields(template: Template, chosen: readonly string[]): Template {
  const problem = chosenFieldsProblem(template, chosen);
  if (problem) throw new RangeError(problem);
  const wanted = new Set(chosen);
  const keep = new Set(
    template.fields
      .filter((f) => wanted.has(f.header) || (f.group && wanted.has(f.group)))
      .map((f) => f.header),
  );
  for (const group of template.groups) {
    const used = group.always || template.fields.some((f) => f.group === group.id && keep.has(f.header));
    if (used) for (const key of group.keys) keep.add(key);
  }
  const fields = template.fields.filter((f) => keep.has(f.header));
  const groups = template.groups.filter((g) => fields.some((f) => f.group === g.id));
  const choices = template.choices.map((c) => ({
    ...c,
    options: c.options.filter((o) => !o.field || keep.has(o.field)),
  }));
  return { ...template, fields, groups, choices };
}
