import { choiceFor } from '../fix/choice';
import { lookupNameToId } from '../fix/lookup';
import { cleanCell } from '../fix/text';
import type { FieldDef, Lookups, Template } from '../template';

// A person's translation of a column's values into a field's (`Web site` -> lead source `12`, `J` -> `1`),
// chosen on the Map screen or saved in a profile. Keys are the values as written, ignoring case, edge spaces
// and runs of spaces, so the next export from the same system reads the same; a value the map does not name
// stays as written (and the validator says what is wrong with it).

/** The key a value is looked up by: `  Trade  Show ` and `trade show` are one value. */
export function valueKey(value: string): string {
  return cleanCell(value).toLowerCase().replace(/\s+/g, ' ');
}

/** The value a map gives a cell, or the cell as written when the map does not name it. */
export function mapValue(values: Readonly<Record<string, string>> | undefined, value: string): string {
  if (!values || value === '') return value;
  const key = valueKey(value);
  // Own keys only: a cell reading "constructor" is not the object's constructor.
  return Object.hasOwn(values, key) ? values[key] : value;
}

/** One distinct value of a column: as first written, how many rows hold it, and the field's value it surely means. */
export type DistinctValue = Readonly<{
  value: string;
  key: string;
  count: number;
  /** The field's value this one names beyond doubt (a choice's word, a list entry's exact name), or null. */
  match: string | null;
}>;

export type ColumnValues = Readonly<{
  distinct: readonly DistinctValue[];
  /** Distinct values beyond the ones listed (a column of free text is no list to map). */
  more: number;
  /** Rows with a value. */
  filled: number;
}>;

// More distinct values than this, and the column is no list of choices to map value by value.
const listedLimit = 200;

/**
 * The distinct values of a column with their counts, most frequent first, each with the field's value it names
 * for certain: the step where a person maps `Web`, `Trade show`… to the template's words or the account's IDs.
 */
export function distinctValues(
  field: FieldDef,
  values: Iterable<string>,
  lookups: Lookups | undefined,
  template: Template,
): ColumnValues {
  const byKey = new Map<string, { value: string; count: number }>();
  let filled = 0;
  for (const value of values) {
    if (cleanCell(value) === '') continue;
    filled++;
    const key = valueKey(value);
    const seen = byKey.get(key);
    if (seen) seen.count++;
    else byKey.set(key, { value: cleanCell(value), count: 1 });
  }
  const sorted = [...byKey].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
  const distinct = sorted.slice(0, listedLimit).map(([key, { value, count }]) => ({
    value,
    key,
    count,
    match: certainMatch(field, value, lookups, template),
  }));
  return { distinct, more: Math.max(0, sorted.length - listedLimit), filled };
}

function certainMatch(
  field: FieldDef,
  value: string,
  lookups: Lookups | undefined,
  template: Template,
): string | null {
  if (field.kind === 'idRef') return lookupNameToId(value, field, { template, lookups })?.value ?? null;
  return choiceFor(field, value) ?? null;
}
