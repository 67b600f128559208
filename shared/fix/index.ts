import type { FieldDef } from '../template';
import type { FixContext, FixSuggestion } from './types';
import { fixersByKind } from './registry';

export * from './types';

/**
 * The safe replacement for a cell, or null. Fixes run only on cells the validator flagged, so they may be
 * slower than the checks; each returns a value that passes the column's rule, or nothing.
 */
export function suggestFix(field: FieldDef, value: string, context: FixContext): FixSuggestion | null {
  for (const fix of fixersByKind[field.kind]) {
    const suggestion = fix(value, field, context);
    if (suggestion && suggestion.value !== value) return suggestion;
  }
  return null;
}
