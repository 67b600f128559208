import { filledCount } from './row-text';

/**
 * Finds the header among the first rows of a sheet (blank rows left out): the first row that fills most of
 * the table's width. Report titles, sign-in sheet titles and "Generated on" lines above it fill one or two
 * cells, so they are passed over. The width is the fullest row but one in ten, so a single stray wide row
 * does not decide it. Returns -1 when the first such row is data, not names (it holds an email address or a
 * phone number): the file has no header row.
 */
export function detectHeaderIndex(rows: readonly (readonly string[])[]): number {
  if (rows.length === 0) return -1;
  const filled = rows.map(filledCount);
  const sorted = [...filled].sort((a, b) => b - a);
  const width = sorted[Math.floor(sorted.length / 10)];
  const needed = width <= 1 ? 1 : Math.max(2, Math.ceil(width * 0.6));
  let index = filled.findIndex((count) => count >= needed);
  if (index === -1) index = 0;
  return rows[index].some(looksLikeData) ? -1 : index;
}

const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phoneOrId = /^[+(]?\d[\d\s().-]{6,}$/;

/** A cell no one would use as a column name. */
function looksLikeData(cell: string): boolean {
  const text = cell.trim();
  return email.test(text) || phoneOrId.test(text);
}
