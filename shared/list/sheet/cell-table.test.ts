import { describe, expect, it } from 'vitest';
import { CellTable } from './cell-table';

describe('CellTable', () => {
  it('gives back every cell of a row as stored, short rows padded to the widest row', () => {
    const table = new CellTable();
    table.appendRow(['a', 'b', 'c'], true);
    table.appendRow(['d'], true);
    expect(table.row(0)).toEqual(['a', 'b', 'c']);
    expect(table.row(1)).toEqual(['d', '', '']);
    expect(table.get(0, 2)).toBe('c');
    expect(table.get(1, 2)).toBe('');
  });

  it('keeps a cell holding the storage separator intact', () => {
    const table = new CellTable();
    table.appendRow(['x\u001fy', 'z']);
    expect(table.row(0)).toEqual(['x\u001fy', 'z']);
    expect(table.get(0, 1)).toBe('z');
    table.set(0, ['plain', 'z']);
    expect(table.get(0, 0)).toBe('plain');
  });

  it('adds an empty column without touching the rows', () => {
    const table = new CellTable();
    table.appendRow(['a', 'b'], true);
    const col = table.addColumn();
    expect(col).toBe(2);
    expect(table.row(0)).toEqual(['a', 'b', '']);
  });

  it('tells a blank row (spaces and empty cells only) from a row with any text', () => {
    const table = new CellTable();
    table.appendRow(['', ' ', '\u00a0'], true);
    table.appendRow(['', '0', ''], true);
    expect(table.isBlank(0)).toBe(true);
    expect(table.isBlank(1)).toBe(false);
  });
});
