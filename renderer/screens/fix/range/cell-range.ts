// A selected range of the grid as spreadsheets have it: an anchor corner (where the selection started) and an
// end that Shift+arrows, Shift+click and dragging move. The active cell, where typing goes, is the grid's focus. Positions are view rows and the grid's data columns
// in display order (not document columns: a moved column moves the range with it). Pure, no DOM.

export type GridCell = Readonly<{ row: number; col: number }>;

export type CellRange = Readonly<{ anchor: GridCell; end: GridCell }>;

/** Inclusive bounds of a range. */
export type RangeBounds = Readonly<{ top: number; bottom: number; left: number; right: number }>;

/** How many rows the view has and how many data columns the grid shows. */
export type GridSize = Readonly<{ rows: number; cols: number }>;

export function rangeAt(cell: GridCell): CellRange {
  return { anchor: cell, end: cell };
}

export function boundsOf(range: CellRange): RangeBounds {
  const { anchor, end } = range;
  return {
    top: Math.min(anchor.row, end.row),
    bottom: Math.max(anchor.row, end.row),
    left: Math.min(anchor.col, end.col),
    right: Math.max(anchor.col, end.col),
  };
}

export function isSingleCell(range: CellRange): boolean {
  return range.anchor.row === range.end.row && range.anchor.col === range.end.col;
}

export function cellCount(bounds: RangeBounds): number {
  return (bounds.bottom - bounds.top + 1) * (bounds.right - bounds.left + 1);
}

export function contains(bounds: RangeBounds, row: number, col: number): boolean {
  return row >= bounds.top && row <= bounds.bottom && col >= bounds.left && col <= bounds.right;
}

const clamp = (value: number, max: number) => Math.max(0, Math.min(max, value));

function clampCell(cell: GridCell, size: GridSize): GridCell {
  return { row: clamp(cell.row, size.rows - 1), col: clamp(cell.col, size.cols - 1) };
}

/** Shift+arrow: the end moves one cell (never off the grid); the anchor stays. */
export function extendBy(range: CellRange, rows: number, cols: number, size: GridSize): CellRange {
  return {
    anchor: range.anchor,
    end: clampCell({ row: range.end.row + rows, col: range.end.col + cols }, size),
  };
}

/** Ctrl+Shift+arrow: the end goes to the grid's edge in that direction. */
export function extendToEdge(
  range: CellRange,
  rows: -1 | 0 | 1,
  cols: -1 | 0 | 1,
  size: GridSize,
): CellRange {
  const row = rows === 0 ? range.end.row : rows > 0 ? size.rows - 1 : 0;
  const col = cols === 0 ? range.end.col : cols > 0 ? size.cols - 1 : 0;
  return { anchor: range.anchor, end: clampCell({ row, col }, size) };
}

/** Shift+click or a drag: the end goes to the cell. */
export function extendTo(range: CellRange, cell: GridCell, size: GridSize): CellRange {
  return { anchor: range.anchor, end: clampCell(cell, size) };
}

/** Ctrl+A: every cell (the active cell, the grid's focus, stays where it is). */
export function selectAll(size: GridSize): CellRange {
  return { anchor: { row: 0, col: 0 }, end: last(size) };
}

function last(size: GridSize): GridCell {
  return { row: Math.max(0, size.rows - 1), col: Math.max(0, size.cols - 1) };
}

/** Shift+Space or a click on row numbers: the range's rows, every column. */
export function wholeRows(range: CellRange, size: GridSize): CellRange {
  return {
    anchor: { row: range.anchor.row, col: 0 },
    end: { row: range.end.row, col: Math.max(0, size.cols - 1) },
  };
}

/** Ctrl+Space or a click on column headers: the range's columns, every row. */
export function wholeColumns(range: CellRange, size: GridSize): CellRange {
  return {
    anchor: { row: 0, col: range.anchor.col },
    end: { row: Math.max(0, size.rows - 1), col: range.end.col },
  };
}

/** The range kept inside a grid that changed size (rows filtered away, columns hidden). */
export function clampRange(range: CellRange, size: GridSize): CellRange {
  return { anchor: clampCell(range.anchor, size), end: clampCell(range.end, size) };
}

/**
 * Where a drag of the fill handle (the square at the range's bottom-right corner) to `pointer` fills: the
 * range stretched down, up, right or left, whichever way the pointer went furthest, as Excel does; null while
 * the pointer is still inside the range.
 */
export function fillTarget(bounds: RangeBounds, pointer: GridCell): RangeBounds | null {
  const down = pointer.row - bounds.bottom;
  const up = bounds.top - pointer.row;
  const right = pointer.col - bounds.right;
  const left = bounds.left - pointer.col;
  const furthest = Math.max(down, up, right, left);
  if (furthest <= 0) return null;
  if (down === furthest) return { ...bounds, bottom: pointer.row };
  if (up === furthest) return { ...bounds, top: pointer.row };
  if (right === furthest) return { ...bounds, right: pointer.col };
  return { ...bounds, left: pointer.col };
}
