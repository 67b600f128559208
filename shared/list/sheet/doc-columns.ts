import type { ColumnTarget } from '../../mapping';
import type { FieldDef, Template } from '../../template';
import {
  type DocColumnKind,
  type PlannedColumn,
  planColumns,
  plannedValues,
} from '../../mapping/column-plan';
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
  /** The table column was made by the app (an empty field to fill, a split name, mapped values), not read from the file. */
  made: boolean;
  /** How a made column was filled ('' for empty, the split part, the value map): reused only when the same. */
  filledBy: string;
  /** A field read from the values that no person has confirmed: no fix runs on it. */
  guess: boolean;
}>;

/**
 * The document's columns over the table: the plan, with each column's place in the table. A split full name
 * gets two new table columns and a value-mapped column one, filled once here from the source column (the
 * source stays as it was).
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
    const filledBy = planned.part ?? (planned.values ? `values:${JSON.stringify(planned.values)}` : '');
    const made = planned.part !== undefined || planned.values !== undefined || planned.source === null;
    if (made) {
      // A column made earlier the same way keeps what the user typed into it.
      const before = previous.find(
        (c) =>
          c.header === planned.header &&
          c.made &&
          c.sourceHeader === planned.sourceHeader &&
          c.filledBy === filledBy,
      );
      tableCol = before ? before.tableCol : table.addColumn();
      if (!before && planned.source !== null) fillMade(table, rows, tableCol, planned);
    }
    return {
      index,
      kind: planned.kind,
      header: planned.header,
      sourceHeader: planned.sourceHeader,
      field: planned.field,
      custom: planned.custom,
      tableCol: tableCol as number,
      made,
      filledBy,
      guess: planned.guess === true,
    };
  });
}

/** Fills a made column from its source column: a split name's part, or the values as the value map reads them. */
function fillMade(table: CellTable, rows: IntList, target: number, planned: PlannedColumn): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows.get(i);
    const cells = table.row(row);
    cells[target] = plannedValues([planned], cells)[0];
    table.set(row, cells);
  }
}
