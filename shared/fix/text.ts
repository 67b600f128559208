import { withoutControls, withoutInvisible } from '../validate/hidden-characters';
import type { Fix } from './types';

// Spaces, tabs, line breaks, no-break spaces, zero-width and bidi marks, BOM: invisible in a spreadsheet,
// fatal to a match. The same set as the validator's `isInvisibleEdge`.
const invisibleEdges =
  /^[\s\u00a0\u200b-\u200f\u202a-\u202e\u2060\ufeff]+|[\s\u00a0\u200b-\u200f\u202a-\u202e\u2060\ufeff]+$/g;
// Characters that are never part of a code, number or address wherever they stand: zero-width and bidi
// marks, word joiner, BOM. (Visible spaces are not here: inside a value they may matter.)
const invisibleAnywhere = /[\u200b-\u200f\u202a-\u202e\u2060\ufeff]/g;

/** The value without invisible characters and spaces at either end. */
export function stripInvisibleEdges(value: string): string {
  return value.replace(invisibleEdges, '');
}

/** The value without edge spaces and without zero-width or bidi marks anywhere: the start of every fix. */
export function cleanCell(value: string): string {
  return value.replace(invisibleAnywhere, '').replace(invisibleEdges, '');
}

/** Removes invisible characters and spaces from both ends of a cell. */
export const trimInvisible: Fix = (value) => {
  const trimmed = stripInvisibleEdges(value);
  return trimmed === value ? null : { value: trimmed, fix: 'text.trim' };
};

/**
 * Removes direction marks and zero-width characters inside a text cell (the ones the validator flags as
 * `text.invisible`), and invisible edges with them: what is left is what people saw.
 */
export const removeInvisible: Fix = (value) => {
  const visible = withoutInvisible(value);
  return visible === value ? null : { value: stripInvisibleEdges(visible), fix: 'text.invisible' };
};

/**
 * Removes control characters (NUL, ESC… not tab or line breaks), and the invisible characters and edges a
 * cell read with them usually also has: nothing anyone could see or meant to type.
 */
export const removeControls: Fix = (value) => {
  const clean = withoutControls(value);
  return clean === value
    ? null
    : { value: stripInvisibleEdges(withoutInvisible(clean)), fix: 'text.controls' };
};
