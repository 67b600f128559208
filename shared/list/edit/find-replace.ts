import { type CellsOp, cellsOp } from './ops';
import type { RowView } from '../view/row-view';
import type { SheetDocument } from '../sheet/sheet-document';

export type FindQuery = Readonly<{
  text: string;
  /** A column, or null for every column. */
  col: number | null;
  matchCase: boolean;
}>;

export type CellPosition = Readonly<{ index: number; col: number }>;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function pattern(query: FindQuery): RegExp {
  return new RegExp(escapeRegExp(query.text), query.matchCase ? 'g' : 'gi');
}

function columnsOf(doc: SheetDocument, query: FindQuery): number[] {
  return query.col === null ? doc.columns.map((c) => c.index) : [query.col];
}

function contains(value: string, query: FindQuery): boolean {
  return query.matchCase
    ? value.includes(query.text)
    : value.toLowerCase().includes(query.text.toLowerCase());
}

/** How many cells contain the text. */
export function countMatches(doc: SheetDocument, query: FindQuery): number {
  if (query.text === '') return 0;
  const cols = columnsOf(doc, query);
  let count = 0;
  for (let i = 0; i < doc.order.length; i++) {
    const key = doc.order.get(i);
    for (const col of cols) if (contains(doc.get(key, col), query)) count++;
  }
  return count;
}

/** The next (or previous) matching cell in view order after `from`, wrapping around; null when none. */
export function findNext(
  doc: SheetDocument,
  view: RowView,
  query: FindQuery,
  from: CellPosition | null,
  direction: 1 | -1,
): CellPosition | null {
  if (query.text === '' || view.length === 0) return null;
  const cols = columnsOf(doc, query);
  const total = view.length * cols.length;
  // Positions are flattened to row * columns + column so that wrapping is one modulo.
  let at = from
    ? from.index * cols.length + Math.max(0, cols.indexOf(from.col))
    : direction === 1
      ? -1
      : total;
  for (let step = 0; step < total; step++) {
    at = (at + direction + total) % total;
    const index = Math.floor(at / cols.length);
    const col = cols[at % cols.length];
    if (contains(doc.get(view.keyAt(index), col), query)) return { index, col };
  }
  return null;
}

/** Replaces every occurrence in the matching cells as one undoable change. */
export function planReplace(doc: SheetDocument, query: FindQuery, replacement: string): CellsOp | null {
  if (query.text === '') return null;
  const cols = columnsOf(doc, query);
  const re = pattern(query);
  const changes: { key: number; col: number; value: string }[] = [];
  for (let i = 0; i < doc.order.length; i++) {
    const key = doc.order.get(i);
    for (const col of cols) {
      const value = doc.get(key, col);
      if (!contains(value, query)) continue;
      changes.push({ key, col, value: value.replace(re, () => replacement) });
    }
  }
  return cellsOp(doc, 'replace', changes);
}

/** How many empty cells follow a cell in view order: the default extent of a fill down. */
export function emptyRunBelow(doc: SheetDocument, view: RowView, from: CellPosition): number {
  let count = 0;
  for (let index = from.index + 1; index < view.length; index++) {
    if (doc.get(view.keyAt(index), from.col) !== '') break;
    count++;
  }
  return count;
}
