import type { FieldDef, Lookups, Template } from '../template';
import { type CellCheck, compileCellCheck } from '../validate/cell-checks';
import { clearPlaceholder } from './placeholder';
import { fixersByKind } from './registry';
import type { FixContext, FixSuggestion } from './types';

type CachedCheck = { template: Template; lookups: Lookups | undefined; check: CellCheck };
const checks = new WeakMap<FieldDef, CachedCheck>();

/** The column's compiled rule, kept per field so fixing a million cells compiles it once. */
function checkFor(field: FieldDef, context: FixContext): CellCheck {
  const cached = checks.get(field);
  if (cached && cached.template === context.template && cached.lookups === context.lookups)
    return cached.check;
  const check = compileCellCheck(field, context.template, context.lookups);
  checks.set(field, { template: context.template, lookups: context.lookups, check });
  return check;
}

/**
 * True when a fix would make the value start with = + - or @ where it did not: a spreadsheet would then run
 * it as a formula (`\t=1+2` trimmed to `=1+2`). A leading tab or quote is how such text is kept as text.
 */
function startsFormula(before: string, after: string): boolean {
  // An international number in E.164 (`+4791234567`, what MainBrainer's phone columns take) starts with +
  // by definition; + and digits alone are a number to a spreadsheet, never a formula that runs anything.
  if (isE164Shape(after)) return false;
  const first = after.charCodeAt(0);
  const formula = first === 61 || first === 43 || first === 45 || first === 64;
  return formula && before.charCodeAt(0) !== first;
}

/** `+` and 4 to 15 digits, nothing else. */
function isE164Shape(value: string): boolean {
  if (value.charCodeAt(0) !== 43 || value.length < 5 || value.length > 16) return false;
  for (let i = 1; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/**
 * The safe replacement for a cell, or null. Fixes run only on cells the validator flagged, so they may be
 * slower than the checks. A suggestion is returned only when it passes the column's own rule: a fix that
 * would trade one error for another is no fix.
 */
export function suggestFix(field: FieldDef, value: string, context: FixContext): FixSuggestion | null {
  return firstCertainFix(field, value, context, checkFor(field, context));
}

/** `suggestFix` with the column's rule already compiled (the row fixer keeps one per column). */
export function firstCertainFix(
  field: FieldDef,
  value: string,
  context: FixContext,
  check: CellCheck,
): FixSuggestion | null {
  for (const fix of fixersByKind[field.kind]) {
    const suggestion = fix(value, field, context);
    if (
      suggestion &&
      suggestion.value !== value &&
      suggestion.value !== '' &&
      !startsFormula(value, suggestion.value) &&
      check(suggestion.value) === null
    ) {
      return suggestion;
    }
  }
  // Last, and only when no fix reads a value into it: "nothing here" becomes an empty cell.
  return clearPlaceholder(value, field);
}
