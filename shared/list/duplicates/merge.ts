import type { Locale } from '../../validate';
import { cellsOp, type Op } from '../edit/ops';
import { deleteOthers } from './duplicates';
import type { DocColumn } from '../sheet/doc-columns';
import type { SheetDocument } from '../sheet/sheet-document';

// Merging a group of duplicate rows into one, shown field by field first. Nothing is lost: in every column the
// person's chosen value wins (by default the kept row's, or the first filled one), and every other value of
// the group goes to the kept row's notes (the whiteboard) as an `[merge] Field: value` line. The notes column
// itself is never chosen from: the rows' notes are put together.

/** The notes field merged values go to. */
const notesHeader = 'whiteboard';

/** One column of the merged record. */
export type MergeField = Readonly<{
  col: number;
  /** What people call the column (the field's label in the requested language, else its header). */
  label: string;
  /** Each row's value, in the group's order (empty ones included). */
  values: readonly Readonly<{ key: number; value: string }>[];
  /** The row whose value the merged row keeps; -1 when no row has a value. */
  winner: number;
  /** The merged value. */
  value: string;
  /** The other values, which go to the notes (or are dropped when the list has no notes column). */
  toNotes: readonly string[];
  /** More than one different value: the person may pick. */
  choice: boolean;
}>;

export type MergePreview = Readonly<{
  keep: number;
  /** The columns where any row has a value, in column order; the notes column last. */
  fields: readonly MergeField[];
  /** The notes column (whiteboard), or null: the list has none and the values below would be dropped. */
  notesCol: number | null;
  /** The kept row's notes after the merge. */
  notes: string;
  /** Values that have nowhere to go because the list has no notes column. */
  dropped: number;
}>;

function labelOf(column: DocColumn, locale: Locale): string {
  return column.field?.label?.[locale] ?? column.header;
}

/** The row keys of a group with the kept one first (its values win by default and its notes come first). */
function keptFirst(keys: readonly number[], keep: number): number[] {
  return [keep, ...keys.filter((k) => k !== keep)];
}

/** The merged record: per column the winning value and the values that go to the notes. */
export function previewMerge(
  doc: SheetDocument,
  keys: readonly number[],
  keep: number,
  winners: Readonly<Record<number, number>> = {},
  locale: Locale = 'en',
): MergePreview {
  const order = keptFirst(keys, keep);
  const notesColumn = doc.columns.find((c) => c.kind === 'field' && c.header === notesHeader);
  const notesCol = notesColumn ? notesColumn.index : null;
  const fields: MergeField[] = [];
  const lines: string[] = [];
  for (const column of doc.columns) {
    if (column.index === notesCol) continue;
    const values = keys.map((key) => ({ key, value: doc.get(key, column.index) }));
    if (values.every((v) => v.value === '')) continue;
    const distinct = new Set(values.map((v) => v.value).filter((v) => v !== ''));
    const chosen = winners[column.index];
    const winner =
      chosen !== undefined && keys.includes(chosen) && doc.get(chosen, column.index) !== ''
        ? chosen
        : (order.find((key) => doc.get(key, column.index) !== '') ?? -1);
    const value = winner < 0 ? '' : doc.get(winner, column.index);
    distinct.delete(value);
    const toNotes = [...distinct];
    for (const other of toNotes) lines.push(`[merge] ${labelOf(column, locale)}: ${other}`);
    fields.push({
      col: column.index,
      label: labelOf(column, locale),
      values,
      winner,
      value,
      toNotes,
      choice: toNotes.length > 0,
    });
  }
  let notes = '';
  if (notesColumn) {
    // Every row's notes, the kept row's first, each once; then the values that lost.
    const parts = new Set(order.map((key) => doc.get(key, notesColumn.index)).filter((v) => v !== ''));
    notes = [...parts, ...lines].join('\n');
    const values = keys.map((key) => ({ key, value: doc.get(key, notesColumn.index) }));
    if (notes !== '' || values.some((v) => v.value !== ''))
      fields.push({
        col: notesColumn.index,
        label: labelOf(notesColumn, locale),
        values,
        winner: keep,
        value: notes,
        toNotes: [],
        choice: false,
      });
  }
  return { keep, fields, notesCol, notes, dropped: notesColumn ? 0 : lines.length };
}

/**
 * The merge as one op: the kept row takes the merged record's values (its notes gain the values that lost),
 * then the other rows are deleted.
 */
export function planMerge(
  doc: SheetDocument,
  keys: readonly number[],
  keep: number,
  winners: Readonly<Record<number, number>> = {},
  locale: Locale = 'en',
): Op {
  const preview = previewMerge(doc, keys, keep, winners, locale);
  const fill = cellsOp(
    doc,
    'merge',
    preview.fields.map((f) => ({ key: keep, col: f.col, value: f.value })),
  );
  const remove = deleteOthers(doc, keys, keep, 'merge');
  return { t: 'group', label: 'merge', ops: fill ? [fill, remove] : [remove] };
}
