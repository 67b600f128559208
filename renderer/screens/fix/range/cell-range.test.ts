import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  cellCount,
  clampRange,
  contains,
  extendBy,
  extendTo,
  extendToEdge,
  fillTarget,
  isSingleCell,
  rangeAt,
  selectAll,
  wholeColumns,
  wholeRows,
} from './cell-range';

const size = { rows: 100, cols: 8 };

describe('a selected range of the grid', () => {
  it('grows and shrinks from its anchor with Shift+arrows and never leaves the grid', () => {
    let range = rangeAt({ row: 5, col: 2 });
    expect(isSingleCell(range)).toBe(true);
    range = extendBy(range, 1, 0, size);
    range = extendBy(range, 1, 0, size);
    range = extendBy(range, 0, -1, size);
    expect(boundsOf(range)).toEqual({ top: 5, bottom: 7, left: 1, right: 2 });
    expect(cellCount(boundsOf(range))).toBe(6);
    range = extendBy(range, -4, 0, size);
    expect(boundsOf(range)).toEqual({ top: 3, bottom: 5, left: 1, right: 2 });
    range = extendBy(range, 0, -5, size);
    expect(range.end.col).toBe(0);
    expect(range.anchor).toEqual({ row: 5, col: 2 });
  });

  it('reaches the edge with Ctrl+Shift+arrows and the cell clicked with Shift+click', () => {
    const range = rangeAt({ row: 5, col: 2 });
    expect(boundsOf(extendToEdge(range, 1, 0, size))).toEqual({ top: 5, bottom: 99, left: 2, right: 2 });
    expect(boundsOf(extendToEdge(range, 0, -1, size))).toEqual({ top: 5, bottom: 5, left: 0, right: 2 });
    expect(boundsOf(extendTo(range, { row: 1, col: 9 }, size))).toEqual({
      top: 1,
      bottom: 5,
      left: 2,
      right: 7,
    });
  });

  it('selects everything, whole rows and whole columns', () => {
    expect(boundsOf(selectAll(size))).toEqual({ top: 0, bottom: 99, left: 0, right: 7 });
    const range = extendBy(rangeAt({ row: 3, col: 4 }), 2, 1, size);
    expect(boundsOf(wholeRows(range, size))).toEqual({ top: 3, bottom: 5, left: 0, right: 7 });
    expect(boundsOf(wholeColumns(range, size))).toEqual({ top: 0, bottom: 99, left: 4, right: 5 });
    expect(contains(boundsOf(range), 4, 5)).toBe(true);
    expect(contains(boundsOf(range), 6, 5)).toBe(false);
  });

  it('stays inside a grid that lost rows (a filter)', () => {
    const range = extendBy(rangeAt({ row: 90, col: 1 }), 5, 0, size);
    expect(boundsOf(clampRange(range, { rows: 10, cols: 8 }))).toEqual({
      top: 9,
      bottom: 9,
      left: 1,
      right: 1,
    });
  });

  it('fills from the handle in the direction the pointer went furthest, as Excel does', () => {
    const bounds = { top: 2, bottom: 3, left: 1, right: 2 };
    expect(fillTarget(bounds, { row: 3, col: 2 })).toBeNull();
    expect(fillTarget(bounds, { row: 9, col: 3 })).toEqual({ top: 2, bottom: 9, left: 1, right: 2 });
    expect(fillTarget(bounds, { row: 4, col: 6 })).toEqual({ top: 2, bottom: 3, left: 1, right: 6 });
    expect(fillTarget(bounds, { row: 0, col: 2 })).toEqual({ top: 0, bottom: 3, left: 1, right: 2 });
    expect(fillTarget(bounds, { row: 2, col: 0 })).toEqual({ top: 2, bottom: 3, left: 0, right: 2 });
  });
});
