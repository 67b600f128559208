import { foldWords } from '../fix/fold';

// A vCard's N property is "family;given;additional;prefix;suffix", and converters write its first part under
// the header "Name" with the given names in a column of their own. Read as a full name, every contact would
// get their surname as a first name; read beside the given names, it is plainly the family name.

// At most this share of rows may repeat the given name inside `Name` (a full name) for it to be a family name.
const fullNameShare = 0.2;

/**
 * Of the full-name-looking columns, the one that holds family names next to the given-name column: in the
 * rows where both have a value, `Name` almost never contains the given name. Null when none does (a real
 * full name, or no row to judge by).
 */
export function familyNameColumn(
  columns: readonly number[],
  givenColumn: number,
  rows: readonly (readonly string[])[],
  limit: number,
): number | null {
  for (const column of columns) {
    let pairs = 0;
    let full = 0;
    for (let r = 0; r < Math.min(rows.length, limit); r++) {
      const name = foldWords(rows[r][column] ?? '');
      const given = foldWords(rows[r][givenColumn] ?? '');
      if (name === '' || given === '') continue;
      pairs++;
      if (` ${name} `.includes(` ${given.split(' ')[0]} `)) full++;
    }
    if (pairs > 0 && full / pairs <= fullNameShare) return column;
  }
  return null;
}
