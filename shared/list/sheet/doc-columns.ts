import { splitFullName, type ColumnTarget } from '../../mapping';
import type { FieldDef, Template } from '../../template';
import { type DocColumnKind, planColumns } from '../../mapping/column-plan';
import type { AccountCustomField } from '../../mapping/custom-fields';
import type { CellTable } from './cell-table';
import { IntList } from './int-list';

/** A column of the document as the grid shows it. */
export type DocColumn = Readonly<{
  index: number;
  kind: DocColumnKind;
  /** The header written on export: template header, custom field name, or the source header (notes). */
  header: string;
  /** The file's header, when the column comes from the file. */
  sourceHeader: string | null;
  field: FieldDef | null;
  /** For a custom-field column: the account's field it fills, when known (see PlannedColumn). */
  custom: AccountCustomField | null;
  /** Where the cells live in the table. */
  tableCol: number;
  /** The table column was made by the app (an empty required field, a split name), not read from the file. */
  made: boolean;
}>;

/**
 * The document's columns over the table: the plan, with each column's place in the table. A split full name
 * gets two new table columns, filled once here from the source column (the source stays as it was).
 */
export function layColumns(
  template: Template,
  table: CellTable,
  headerRow: number,
  targets: readonly ColumnTarget[],
  previous: readonly DocColumn[] = [],
  rows: IntList = new IntList(),
  customFields: readonly AccountCustomField[] = [],
): DocColumn[] {
  const headers = table.row(headerRow);
  return planColumns(template, headers, targets, customFields).map((planned, index) => {
    let tableCol = planned.source;
    if (planned.part || tableCol === null) {
      // A column made earlier for this field (and split) keeps what the user typed into it.
      const made = previous.find(
        (c) => c.header === planned.header && c.made && c.sourceHeader === planned.sourceHeader,
      );
      tableCol = made ? made.tableCol : table.addColumn();
      if (!made && planned.part && planned.source !== null)
        fillSplit(table, rows, planned.source, tableCol, planned.part);
    }
    return {
      index,
      kind: planned.kind,
      header: planned.header,
      sourceHeader: planned.sourceHeader,
      field: planned.field,
      custom: planned.custom,
      tableCol,
      made: planned.part !== undefined || planned.source === null,
    };
  });
}

function fillSplit(
  table: CellTable,
  rows: IntList,
  source: number,
  target: number,
  part: 'first' | 'last',
): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows.get(i);
    const cells = table.row(row);
    const name = splitFullName(cells[source] ?? '');
    cells[target] = part === 'first' ? name.first : name.last;
    table.set(row, cells);
  }
}
