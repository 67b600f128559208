import { type DateOrder, type FixContext, type FixSuggestion, suggestFix } from '../../fix';
import { seeksCellFix } from '../../validate';
import { type CellsOp, cellsOp } from './ops';
import type { SheetDocument } from '../sheet/sheet-document';

/** Which cells a fix runs on: one cell, one column (one fix), or every column (one fix). */
export type FixScope =
  | Readonly<{ kind: 'cell'; key: number; col: number }>
  | Readonly<{ kind: 'column'; col: number; fix: string }>
  | Readonly<{ kind: 'all'; fix: string }>;

export type FixExample = Readonly<{ key: number; col: number; before: string; after: string }>;

/** A fix shown before it is applied: how many cells, some before -> after pairs, and the op to run. */
export type FixPlan = Readonly<{ count: number; examples: readonly FixExample[]; op: CellsOp | null }>;

/** The user's day/month choice for date columns the data cannot decide, by template header. */
export type FixSettings = Readonly<{ dateOrderByField?: Readonly<Record<string, DateOrder>> }>;

/** The safe replacement for a flagged cell, or null. */
export function suggestionFor(
  doc: SheetDocument,
  key: number,
  col: number,
  settings: FixSettings,
): FixSuggestion | null {
  const code = doc.cellCode(key, col);
  const field = doc.columns[col]?.field;
  if (!code || !field || !seeksCellFix(code)) return null;
  return suggestFix(field, doc.get(key, col), fixContext(doc, key, settings));
}

function fixContext(doc: SheetDocument, key: number, settings: FixSettings): FixContext {
  return {
    template: doc.template,
    lookups: doc.lookups,
    // The column's own evidence first; the user's choice fills the columns it leaves undecided.
    dateOrderByField: { ...settings.dateOrderByField, ...doc.dateOrderByField },
    rowValue: (header) => {
      const col = doc.columns.findIndex((c) => c.field?.header === header);
      return col < 0 ? '' : doc.get(key, col);
    },
  };
}

const exampleCount = 12;

/** Finds every cell a fix would change in a scope. Fixes only look at flagged cells, so this is cheap. */
export function planFix(doc: SheetDocument, scope: FixScope, settings: FixSettings): FixPlan {
  const changes: { key: number; col: number; value: string }[] = [];
  const examples: FixExample[] = [];
  const add = (key: number, col: number, suggestion: FixSuggestion | null) => {
    if (!suggestion) return;
    if (scope.kind !== 'cell' && suggestion.fix !== scope.fix) return;
    changes.push({ key, col, value: suggestion.value });
    if (examples.length < exampleCount) {
      examples.push({ key, col, before: doc.get(key, col), after: suggestion.value });
    }
  };
  if (scope.kind === 'cell') {
    add(scope.key, scope.col, suggestionFor(doc, scope.key, scope.col, settings));
  } else {
    const cols = scope.kind === 'column' ? [scope.col] : doc.columns.map((c) => c.index);
    for (let i = 0; i < doc.order.length; i++) {
      const key = doc.order.get(i);
      if (!doc.hasProblems(key)) continue;
      for (const col of cols) add(key, col, suggestionFor(doc, key, col, settings));
    }
  }
  return { count: changes.length, examples, op: cellsOp(doc, 'fix', changes) };
}
