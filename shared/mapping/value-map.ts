import { cleanCell } from '../fix/text';

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
