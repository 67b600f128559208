import { type CellChange, createRowFixer, type DateOrder, type FixSuggestion } from '../../fix';
import { defaultNoteField } from '../../mapping/field-names';
import { type CellsOp, cellsOp } from './ops';
import type { SheetDocument } from '../sheet/sheet-document';

/**
 * Which cells a fix runs on: one cell, one column (one fix), every column (one fix), or everything safe: every
 * certain fix in every column no guess locks, as one step.
 */
export type FixScope =
  | Readonly<{ kind: 'cell'; key: number; col: number }>
  | Readonly<{ kind: 'column'; col: number; fix: string }>
  | Readonly<{ kind: 'all'; fix: string }>
  | Readonly<{ kind: 'safe' }>;

export type FixExample = Readonly<{ key: number; col: number; before: string; after: string }>;

/** How many cells of one column one kind of fix changes: the preview of "Fix everything safe". */
export type FixKindCount = Readonly<{ col: number; fix: string; count: number }>;

/** A fix shown before it is applied: how many cells, some before -> after pairs, and the op to run. */
export type FixPlan = Readonly<{
  count: number;
  examples: readonly FixExample[];
  kinds: readonly FixKindCount[];
  op: CellsOp | null;
}>;

/** The user's day/month choice for date columns the data cannot decide, by template header. */
export type FixSettings = Readonly<{ dateOrderByField?: Readonly<Record<string, DateOrder>> }>;

/**
 * The document's fixer (`judgeOnly`: for judging what values could become, guesses unlocked): one row fixer
 * over its columns, with the column's own date evidence first and the
 * user's choice for the columns it leaves undecided, guessed columns locked, the notes field taking what is
 * moved aside. Every plan and every cell's suggestion come from it, so they always agree.
 */
export function documentFixer(doc: SheetDocument, settings: FixSettings, judgeOnly = false) {
  const notesField = defaultNoteField(doc.template);
  return createRowFixer({
    template: doc.template,
    columns: doc.columns.map((c) => c.field),
    lookups: doc.lookups,
    dateOrderByField: { ...settings.dateOrderByField, ...doc.dateOrderByField },
    // To judge what a value could become (not to change it), a guessed column counts as confirmed.
    locked: doc.columns.map((c) => c.guess && !judgeOnly),
    notesColumn: doc.columns.findIndex((c) => c.kind === 'field' && c.header === notesField),
    labels: doc.columns.map((c) => c.sourceHeader),
  });
}

/** The changes a scope takes from a row's fixes; a moved value goes with the cell it was moved from. */
function inScope(changes: readonly CellChange[], scope: FixScope, key: number): CellChange[] {
  if (scope.kind === 'safe') return [...changes];
  const taken = changes.filter((c) => {
    if (scope.kind === 'cell') return key === scope.key && c.column === scope.col && c.fix !== 'multi.rest';
    if (scope.kind === 'column') return c.column === scope.col && c.fix === scope.fix;
    return c.fix === scope.fix;
  });
  return taken.some((c) => c.fix === 'multi.first')
    ? [...taken, ...changes.filter((c) => c.fix === 'multi.rest')]
    : taken;
}

/** The safe replacement for a cell, or null (a guessed column has none until a person confirms it). */
export function suggestionFor(
  doc: SheetDocument,
  key: number,
  col: number,
  settings: FixSettings,
): FixSuggestion | null {
  if (!doc.cellCode(key, col)) return null;
  const change = documentFixer(doc, settings)
    .fixRow(doc.rowValues(key))
    ?.find((c) => c.column === col && c.fix !== 'multi.rest');
  return change ? { value: change.to, fix: change.fix } : null;
}

const exampleCount = 12;

/** Finds every cell a fix would change in a scope. Fixes only look at rows with problems, so this is cheap. */
export function planFix(doc: SheetDocument, scope: FixScope, settings: FixSettings): FixPlan {
  const fixer = documentFixer(doc, settings);
  const changes: { key: number; col: number; value: string }[] = [];
  const examples: FixExample[] = [];
  const counts = new Map<string, { col: number; fix: string; count: number }>();
  const planRow = (key: number) => {
    const found = fixer.fixRow(doc.rowValues(key));
    if (!found) return;
    for (const change of inScope(found, scope, key)) {
      changes.push({ key, col: change.column, value: change.to });
      if (examples.length < exampleCount) {
        examples.push({ key, col: change.column, before: change.from, after: change.to });
      }
      const id = `${change.column}\u0000${change.fix}`;
      const count = counts.get(id) ?? { col: change.column, fix: change.fix, count: 0 };
      count.count++;
      counts.set(id, count);
    }
  };
  if (scope.kind === 'cell') {
    planRow(scope.key);
  } else {
    for (let i = 0; i < doc.order.length; i++) {
      const key = doc.order.get(i);
      if (doc.hasProblems(key)) planRow(key);
    }
  }
  const kinds = [...counts.values()].sort((a, b) => b.count - a.count || a.col - b.col);
  return {
    count: changes.length,
    examples,
    kinds,
    op: cellsOp(doc, scope.kind === 'safe' ? 'fixAll' : 'fix', changes),
  };
}
