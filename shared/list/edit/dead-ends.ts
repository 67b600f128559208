import { type DeadEnd, findDeadEnds, setAside } from '../../fix';
import { defaultNoteField } from '../../mapping/field-names';
import { compileCellCheck } from '../../validate/cell-checks';
import type { SheetDocument } from '../sheet/sheet-document';
import { documentFixer, type FixPlan, type FixSettings } from './fixes';
import { cellsOp } from './ops';

// The list's columns with values the template cannot hold (a Norwegian list's phones and postcodes), and what
// a person chose to do with them: move them to the notes or clear them, one undoable step per column.

/** Each row's values as they will be once every certain fix has run: what is left is what cannot go in. */
function* fixedRows(doc: SheetDocument, settings: FixSettings): Iterable<readonly string[]> {
  const fixer = documentFixer(doc, settings, true);
  for (let i = 0; i < doc.order.length; i++) {
    const key = doc.order.get(i);
    const values = doc.rowValues(key);
    if (doc.hasProblems(key)) fixer.fixRow(values);
    yield values;
  }
}

/** The columns whose values the template cannot hold, even after every certain fix. */
export function documentDeadEnds(doc: SheetDocument, settings: FixSettings): DeadEnd[] {
  return findDeadEnds(
    doc.template,
    doc.columns.map((c) => c.field),
    doc.lookups,
    fixedRows(doc, settings),
  );
}

const exampleCount = 12;

/**
 * Moves to the notes (as `[import] Header: value` lines, the value as written) or clears every value of a
 * column that cannot go in even after the certain fixes. Values a fix can make right are left to the fixes.
 */
export function planDeadEnd(
  doc: SheetDocument,
  col: number,
  action: 'notes' | 'clear',
  settings: FixSettings,
): FixPlan {
  const column = doc.columns[col];
  const notesField = defaultNoteField(doc.template);
  const notesCol = doc.columns.findIndex((c) => c.kind === 'field' && c.header === notesField);
  if (!column?.field || (action === 'notes' && notesCol < 0)) {
    return { count: 0, examples: [], kinds: [], op: null };
  }
  const check = compileCellCheck(column.field, doc.template, doc.lookups);
  const fixer = documentFixer(doc, settings, true);
  const changes: { key: number; col: number; value: string }[] = [];
  const fields = doc.columns.map((c) => c.header);
  const examples: FixPlan['examples'][number][] = [];
  for (let i = 0; i < doc.order.length; i++) {
    const key = doc.order.get(i);
    if (!doc.hasProblems(key)) continue;
    const value = doc.get(key, col);
    if (value.trim() === '' || check(value) === null) continue;
    const fixed = doc.rowValues(key);
    fixer.fixRow(fixed);
    if (check(fixed[col]) === null) continue;
    const row = doc.rowValues(key);
    for (const change of setAside(row, col, action, {
      notesColumn: notesCol,
      label: column.sourceHeader ?? column.header,
      fields,
    })) {
      changes.push({ key, col: change.column, value: change.to });
    }
    if (examples.length < exampleCount) examples.push({ key, col, before: value, after: '' });
  }
  const rows = changes.filter((c) => c.col === col).length;
  const fix = action === 'notes' ? 'unfit.notes' : 'unfit.clear';
  return {
    count: rows,
    examples,
    kinds: rows ? [{ col, fix, count: rows }] : [],
    op: cellsOp(doc, action === 'notes' ? 'moveToNotes' : 'clearValues', changes),
  };
}
