import type { FieldDef } from '../../../shared/template';

// Finding a template field by what people type: its label in either language, its header, a synonym (the
// names columns go by), in any case and without the accents. Forty-six fields are too many to scroll.

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[_\s-]+/g, ' ')
    .trim();
}

/** The fields matching the query, best first: a name that starts with it before one that only contains it. */
export function searchFields(fields: readonly FieldDef[], query: string): FieldDef[] {
  const wanted = fold(query);
  if (wanted === '') return [...fields];
  const scored: { field: FieldDef; score: number; order: number }[] = [];
  fields.forEach((field, order) => {
    // A field's own names weigh more than the synonyms: "lead" finds Lead source before an ID called a lead ID.
    const named: [string, number][] = [
      ...[field.label.en, field.label.nb, field.header].map((n): [string, number] => [fold(n), 2]),
      ...field.synonyms.map((n): [string, number] => [fold(n), 0]),
    ];
    let score = 0;
    for (const [name, weight] of named) {
      if (name === wanted) score = Math.max(score, 4 + weight);
      else if (name.startsWith(wanted) || name.includes(` ${wanted}`)) score = Math.max(score, 3 + weight);
      else if (name.includes(wanted)) score = Math.max(score, 1 + weight);
    }
    if (score > 0) scored.push({ field, score, order });
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((s) => s.field);
}
