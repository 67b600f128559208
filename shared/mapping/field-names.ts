import { foldKey } from '../fix/fold';
import { headerWordList } from './header-words';
import type { Template } from '../template';
import type { MappingReason } from './types';
import { weakNames } from './vocabulary';

/**
 * A name a field answers to: how sure the match is (`score`) and how strongly it claims the field against
 * other columns (`rank`; lower than the score for generic names such as the template's own "phone").
 */
export type FieldName = Readonly<{
  field: number;
  score: number;
  rank: number;
  reason: MappingReason;
  name: string;
}>;

// Scores: the CRM's own header beats a label, a label beats a synonym; earlier synonyms win ties against
// later ones (the template lists the specific ones first: "mobile phone" before "phone number").
const headerScore = 1;
const labelScore = 0.97;
const synonymScore = 0.95;
const weakScore = 0.9;
const synonymStep = 0.001;

const indexes = new WeakMap<Template, Map<string, FieldName[]>>();
const wordIndexes = new WeakMap<Template, readonly NameWords[]>();

/** One folded name with its words, and the fields that answer to it. */
export type NameWords = Readonly<{ words: readonly string[]; names: readonly FieldName[] }>;

/** Every name of every field as its words: for headers that hold a name among other words. */
export function fieldNameWords(template: Template): readonly NameWords[] {
  let list = wordIndexes.get(template);
  if (list) return list;
  const index = fieldNameIndex(template);
  const byWords = new Map<string, FieldName[]>();
  template.fields.forEach((field, i) => {
    for (const raw of [field.header, field.label.en, field.label.nb, ...field.synonyms]) {
      // The index keeps one entry per folded key ("first name" and "firstName" are one key); its score holds.
      const entry = index.get(foldKey(raw))?.find((e) => e.field === i);
      const words = headerWordList(raw).join(' ');
      if (!entry || words === '') continue;
      const named = byWords.get(words) ?? [];
      if (!named.some((e) => e.field === i)) byWords.set(words, [...named, { ...entry, name: raw }]);
    }
  });
  list = [...byWords].map(([words, names]) => ({ words: words.split(' '), names }));
  wordIndexes.set(template, list);
  return list;
}

/** Every folded name of every field of the template, with its score. */
export function fieldNameIndex(template: Template): ReadonlyMap<string, readonly FieldName[]> {
  let index = indexes.get(template);
  if (index) return index;
  const built = new Map<string, FieldName[]>();
  const add = (field: number, name: string, score: number, reason: MappingReason) => {
    const key = foldKey(name);
    if (key === '') return;
    const weak = weakNames.has(key);
    // The CRM's own header is certain in meaning even when generic; it only claims less eagerly.
    const sure = weak && reason !== 'header' ? Math.min(score, weakScore) : score;
    const rank = weak ? Math.min(score, weakScore) : score;
    const entries = built.get(key) ?? [];
    const same = entries.find((e) => e.field === field);
    if (same && same.rank >= rank) return;
    built.set(key, [...entries.filter((e) => e.field !== field), { field, score: sure, rank, reason, name }]);
  };
  template.fields.forEach((field, i) => {
    add(i, field.header, headerScore, 'header');
    add(i, field.label.en, labelScore, 'label');
    add(i, field.label.nb, labelScore, 'label');
    field.synonyms.forEach((synonym, s) => {
      add(i, synonym, synonymScore - synonymStep * s, 'synonym');
    });
  });
  indexes.set(template, built);
  index = built;
  return index;
}

/**
 * Fields that can take a column another column beat them to: the same kind and the same role (phone and
 * second_Phone), or the same header apart from a number (anniversary_1 and anniversary_2).
 */
export function siblingFields(template: Template, field: number): number[] {
  const self = template.fields[field];
  const stem = (header: string) => header.toLowerCase().replace(/[_\s-]*\d+$/, '');
  return template.fields.flatMap((other, i) => {
    if (i === field || other.kind !== self.kind) return [];
    const sameRole = self.role !== undefined && other.role === self.role;
    const sameStem = stem(other.header) === stem(self.header) && /\d$/.test(other.header + self.header);
    return sameRole || sameStem ? [i] : [];
  });
}

/** The field people call notes: where `[import]` notes go unless the mapping says otherwise. */
export function defaultNoteField(template: Template): string | null {
  const field = template.fields.find(
    (f) => f.kind === 'text' && [f.header, ...f.synonyms].some((name) => foldKey(name) === 'notes'),
  );
  return field?.header ?? null;
}
