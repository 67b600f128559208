import { describe, expect, it } from 'vitest';
import { clientTether } from '../../template';
import { CellTable } from '../sheet/cell-table';
import { IntList } from '../sheet/int-list';
import { SheetDocument } from '../sheet/sheet-document';
import { describeCellIssues } from './cell-issues';
import { ServerMarks } from './server-marks';

async function doc(rows: string[][]): Promise<SheetDocument> {
  const table = new CellTable();
  table.appendRow(['firstName', 'lastName', 'lead source'], true);
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
      { kind: 'field', header: 'lead_source_id' },
    ],
    rawOf,
    order: IntList.range(rows.length),
    lookups: { leadSources: [{ id: '12', name: 'Trade show' }] },
  });
}

describe("the cell panel's account of a cell", () => {
  it('says a problem the validator and the import server both found once, with its fix', async () => {
    const d = await doc([['Ann', 'Berg', ' 12 ']]);
    const marks = new ServerMarks();
    marks.set([
      {
        key: 0,
        col: 2,
        field: 'lead_source_id',
        code: 'id.unknown',
        severity: 'error',
        message: 'Unknown lead source',
      },
      {
        key: 0,
        col: 0,
        field: 'firstName',
        code: 'contact.exists',
        severity: 'error',
        message: 'In the CRM already',
      },
    ]);
    const lead = describeCellIssues(d, marks, 0, 2, 'en', {});
    expect(lead).toHaveLength(1);
    expect(lead[0].fix?.value).toBe('12');
    // A cell only the server rejects keeps the server's word.
    expect(describeCellIssues(d, marks, 0, 0, 'en', {}).map((i) => i.message)).toEqual([
      'In the CRM already',
    ]);
  });
});
