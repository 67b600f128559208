import { describe, expect, it } from 'vitest';
import { clientTether } from '../../template';
import { CellTable } from '../sheet/cell-table';
import { IntList } from '../sheet/int-list';
import { buildView, ViewCache } from './row-view';
import { SheetDocument } from '../sheet/sheet-document';

async function doc(rows: string[][]): Promise<SheetDocument> {
  const table = new CellTable();
  table.appendRow(['firstName', 'lastName', 'email'], true);
  for (const row of rows) table.appendRow(row, true);
  const rawOf = IntList.range(table.rowCount);
  rawOf.removeAt(0);
  return SheetDocument.build({
    template: clientTether,
    table,
    headerRow: 0,
    targets: [
      { kind: 'field', header: 'firstName' },
      { kind: 'field', header: 'lastName' },
      { kind: 'field', header: 'email' },
    ],
    rawOf,
    order: IntList.range(rows.length),
  });
}

const keys = (view: { length: number; keyAt(i: number): number }) =>
  Array.from({ length: view.length }, (_, i) => view.keyAt(i));

describe('views of the list', () => {
  it('sorts numbers in text the way people count, empty cells last in both directions', async () => {
    const d = await doc([
      ['Row 10', 'A', ''],
      ['', 'B', ''],
      ['Row 9', 'C', ''],
    ]);
    expect(keys(buildView(d, { sort: [{ col: 0, dir: 'asc' }], filters: [], problemsOnly: false }))).toEqual([
      2, 0, 1,
    ]);
    expect(keys(buildView(d, { sort: [{ col: 0, dir: 'desc' }], filters: [], problemsOnly: false }))).toEqual(
      [0, 2, 1],
    );
  });

  it('filters case-insensitively and keeps only rows with problems when asked', async () => {
    const d = await doc([
      ['Ann', 'Lee', 'ann@example.com'],
      ['Bob', '', 'bob@example.com'],
      ['anna', 'Berg', 'bad'],
    ]);
    expect(
      keys(
        buildView(d, { sort: [], filters: [{ col: 0, type: 'contains', text: 'ANN' }], problemsOnly: false }),
      ),
    ).toEqual([0, 2]);
    expect(keys(buildView(d, { sort: [], filters: [], problemsOnly: true }))).toEqual([1, 2]);
  });

  it('keeps a built view while cells change, so fixed rows do not jump away, and rebuilds on a new revision', async () => {
    const d = await doc([
      ['Ann', '', 'ann@example.com'],
      ['Bob', 'Berg', 'bob@example.com'],
    ]);
    const cache = new ViewCache();
    const spec = { sort: [], filters: [], problemsOnly: true };
    expect(keys(cache.get(d, spec, 1))).toEqual([0]);
    d.setCells([0], [1], ['Lee']);
    expect(keys(cache.get(d, spec, 1))).toEqual([0]);
    expect(keys(cache.get(d, spec, 2))).toEqual([]);
  });
});
