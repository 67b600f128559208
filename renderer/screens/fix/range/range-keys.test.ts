import { describe, expect, it } from 'vitest';
import { type KeyPress, rangeCommandOf } from './range-keys';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe("the grid's spreadsheet keys", () => {
  it('extends the range with Shift+arrows, to the edge with Ctrl+Shift+arrows (Cmd on a Mac)', () => {
    expect(rangeCommandOf(press('ArrowDown', { shiftKey: true }))).toEqual({
      kind: 'extend',
      rows: 1,
      cols: 0,
      toEdge: false,
    });
    expect(rangeCommandOf(press('ArrowLeft', { shiftKey: true, metaKey: true }))).toEqual({
      kind: 'extend',
      rows: 0,
      cols: -1,
      toEdge: true,
    });
  });

  it('leaves plain arrows, typing, F2 and Backspace to the grid', () => {
    for (const key of ['ArrowDown', 'a', 'F2', 'Backspace', 'Enter', 'Tab'])
      expect(rangeCommandOf(press(key))).toBeNull();
  });

  it('selects all, whole rows and whole columns as Excel does', () => {
    expect(rangeCommandOf(press('a', { ctrlKey: true }))).toEqual({ kind: 'selectAll' });
    expect(rangeCommandOf(press('A', { ctrlKey: true }))).toEqual({ kind: 'selectAll' });
    expect(rangeCommandOf(press(' ', { shiftKey: true }))).toEqual({ kind: 'wholeRows' });
    expect(rangeCommandOf(press(' ', { ctrlKey: true }))).toEqual({ kind: 'wholeColumns' });
  });

  it('copies, cuts, clears and fills down, and ignores the same letters with Alt or Shift', () => {
    expect(rangeCommandOf(press('c', { ctrlKey: true }))).toEqual({ kind: 'copy' });
    expect(rangeCommandOf(press('x', { metaKey: true }))).toEqual({ kind: 'cut' });
    expect(rangeCommandOf(press('d', { ctrlKey: true }))).toEqual({ kind: 'fillDown' });
    expect(rangeCommandOf(press('Delete'))).toEqual({ kind: 'clear' });
    expect(rangeCommandOf(press('c', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(rangeCommandOf(press('c', { ctrlKey: true, shiftKey: true }))).toBeNull();
  });
});
