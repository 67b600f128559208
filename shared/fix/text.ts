import type { Fix } from './types';

// Spaces, tabs, no-break spaces, zero-width and bidi marks, BOM: invisible in a spreadsheet, fatal to a match.
const invisibleEdges =
  /^[\s\u00a0\u200b-\u200f\u202a-\u202e\u2060\ufeff]+|[\s\u00a0\u200b-\u200f\u202a-\u202e\u2060\ufeff]+$/g;

/** Removes invisible characters and spaces from both ends of a cell. */
export const trimInvisible: Fix = (value) => {
  const trimmed = value.replace(invisibleEdges, '');
  return trimmed === value ? null : { value: trimmed, fix: 'text.trim' };
};
