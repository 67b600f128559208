import type { CellClassRules } from 'ag-grid-community';
import type { RowData } from '../../../../shared/list';
import { contains, type RangeBounds } from './cell-range';

// How a selected range looks: its cells tinted, a border around it, the fill handle at its bottom-right
// corner, and the fill handle's target while it is dragged. The same flags serve AG Grid's class rules (cells
// as they are drawn) and the repaint of the cells on screen when the range changes.

export type RangePaint = {
  /** The selection, or null before any. */
  bounds: RangeBounds | null;
  /** One cell: no tint and no border (the focused cell's own ring shows it), only the fill handle. */
  single: boolean;
  /** Where a drag of the fill handle will fill, while it is dragged. */
  fill: RangeBounds | null;
};

export const rangeClasses = {
  inside: 'lp-sel',
  top: 'lp-sel-top',
  bottom: 'lp-sel-bottom',
  left: 'lp-sel-left',
  right: 'lp-sel-right',
  corner: 'lp-sel-corner',
  fill: 'lp-fill',
} as const;

type RangeClass = keyof typeof rangeClasses;

/** Whether a cell (view row, display column) wears one of the range's classes. */
export function hasRangeClass(paint: RangePaint, which: RangeClass, row: number, col: number): boolean {
  const b = paint.bounds;
  if (which === 'fill') {
    const f = paint.fill;
    return f !== null && contains(f, row, col) && !(b && contains(b, row, col));
  }
  if (!b || !contains(b, row, col)) return false;
  switch (which) {
    case 'corner':
      return row === b.bottom && col === b.right;
    case 'inside':
      return !paint.single;
    case 'top':
      return !paint.single && row === b.top;
    case 'bottom':
      return !paint.single && row === b.bottom;
    case 'left':
      return !paint.single && col === b.left;
    case 'right':
      return !paint.single && col === b.right;
  }
}

const allClasses = Object.keys(rangeClasses) as RangeClass[];

/** AG Grid class rules for a data column: `position` gives the column's place among the grid's data columns. */
export function rangeClassRules(paint: RangePaint, position: () => number): CellClassRules<RowData> {
  const rules: CellClassRules<RowData> = {};
  for (const which of allClasses)
    rules[rangeClasses[which]] = (p) => hasRangeClass(paint, which, p.rowIndex, position());
  return rules;
}

/** The row number column: its cells are marked for the selected rows. */
export function rowNumberClassRules(paint: RangePaint): CellClassRules<RowData> {
  return {
    'lp-sel-row': (p) =>
      paint.bounds !== null && p.rowIndex >= paint.bounds.top && p.rowIndex <= paint.bounds.bottom,
  };
}

/**
 * Repaints the cells on screen after the range changed: classes, and aria-selected for assistive technology
 * (a cell inside a range of more than one cell is selected). Only the cells AG Grid has drawn are touched.
 */
export function repaintRange(
  element: HTMLElement,
  paint: RangePaint,
  positionOf: (colId: string) => number,
): void {
  for (const row of element.querySelectorAll<HTMLElement>('.ag-row[row-index]')) {
    const index = Number(row.getAttribute('row-index'));
    for (const cell of row.querySelectorAll<HTMLElement>('.ag-cell[col-id]')) {
      const id = cell.getAttribute('col-id') ?? '';
      const col = positionOf(id);
      if (col < 0) {
        const selected = paint.bounds !== null && index >= paint.bounds.top && index <= paint.bounds.bottom;
        cell.classList.toggle('lp-sel-row', selected);
        continue;
      }
      for (const which of allClasses)
        cell.classList.toggle(rangeClasses[which], hasRangeClass(paint, which, index, col));
      if (!paint.single && hasRangeClass(paint, 'inside', index, col))
        cell.setAttribute('aria-selected', 'true');
      else cell.removeAttribute('aria-selected');
    }
  }
  for (const header of element.querySelectorAll<HTMLElement>('.ag-header-cell[col-id]')) {
    const col = positionOf(header.getAttribute('col-id') ?? '');
    const b = paint.bounds;
    header.classList.toggle('lp-sel-col', col >= 0 && b !== null && col >= b.left && col <= b.right);
  }
}
