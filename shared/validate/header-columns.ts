import { type FieldDef, headerIndex, type Template } from '../template';

/** The template field of each header, matched exactly (case-insensitively); null for an unknown header. */
export function columnsFromHeaders(template: Template, headers: readonly string[]): (FieldDef | null)[] {
  const index = headerIndex(template);
  const taken = new Set<number>();
  return headers.map((header) => {
    const at = index.get(header.trim().toLowerCase());
    if (at === undefined || taken.has(at)) return null;
    taken.add(at);
    return template.fields[at];
  });
}
