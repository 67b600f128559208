/** True when no cell holds anything but white space: such a row carries no text and is not data. */
export function isBlankRow(fields: readonly string[]): boolean {
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field.length === 0) continue;
    const first = field.charCodeAt(0);
    if (first > 32 && first < 127) return false; // the common case, without a trim
    if (field.trim().length !== 0) return false;
  }
  return true;
}

/** How many cells hold something other than white space. */
export function filledCount(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) if (field.trim() !== '') count++;
  return count;
}

/** A row as one line for people (a title or a footer): its non-empty cells, trimmed, joined by a space. */
export function rowText(fields: readonly string[]): string {
  return fields
    .map((field) => field.trim())
    .filter(Boolean)
    .join(' ');
}
