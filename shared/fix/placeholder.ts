import type { FieldDef } from '../template';
import { foldWords } from './fold';
import { cleanCell } from './text';
import type { FixSuggestion } from './types';

// What people and programs write for "nothing here": Outlook's 0/0/00 for an empty date and Unspecified for an
// unset gender, N/A and its cousins, a question mark, a dash. In a column with a format (a date, a choice, a
// phone…) such a value can mean nothing else, so it may be cleared; in free text it might be someone's words.
const placeholderWords = new Set(
  [
    'n/a',
    'na',
    'n.a.',
    'unknown',
    'unspecified',
    'not specified',
    'not provided',
    'not given',
    'not available',
    'null',
    'nil',
    'tbd',
    'tba',
    'ukjent',
    'ikke oppgitt',
    'ikke angitt',
    'unbekannt',
    'keine angabe',
  ].map(foldWords),
);
const placeholderMarks = /^(?:[-–—?.*]+|0{1,2}[/.-]0{1,2}[/.-]0{2,4}|0{4}-00-00)$/;

/** Whether a value says "nothing here" in a column of this kind (a cell of only spaces, in any column). */
export function isPlaceholder(value: string, field: FieldDef): boolean {
  const text = cleanCell(value);
  if (text === '') return value !== '';
  if (field.kind === 'text' || field.kind === 'tags') return false;
  return placeholderMarks.test(text) || placeholderWords.has(foldWords(text));
}

/**
 * A placeholder cleared to an empty cell, for a column that may be empty. Shown before it is applied like every
 * fix; a required column keeps the value for a person (an empty required cell is no better).
 */
export function clearPlaceholder(value: string, field: FieldDef): FixSuggestion | null {
  return !field.required && isPlaceholder(value, field) ? { value: '', fix: 'placeholder.clear' } : null;
}
