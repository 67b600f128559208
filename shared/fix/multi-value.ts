// Google Contacts writes several values of one kind into one cell, joined by " ::: " ("two phones ::: in one
// cell"). A one-value column keeps the first; the rest go where they fit: the sibling column when it is empty
// in that row (a second phone), else the notes, as an `[import]` line like any other kept value.

const separator = /\s+:::\s+/;

/** The values of a multi-value cell, or null when the cell holds one value. */
export function multiValues(value: string): string[] | null {
  if (!value.includes(':::')) return null;
  const parts = value
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return parts.length > 1 ? parts : null;
}

/** The `[import]` line that keeps a value in the notes, as the export writes kept columns. */
export function noteLine(label: string, value: string): string {
  return `[import] ${label}: ${value}`;
}

/** A notes cell with one more line. */
export function withNoteLine(notes: string, line: string): string {
  return notes.trim() === '' ? line : `${notes}\n${line}`;
}
