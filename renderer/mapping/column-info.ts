import type { PlannedColumn } from '../mapping/column-plan';
import type { ColumnInfo } from './protocol';

/** What the UI needs to know of a column (plain data, no validator functions). */
export function columnInfo(
  column: Pick<PlannedColumn, 'kind' | 'header' | 'sourceHeader' | 'field'>,
  index: number,
): ColumnInfo {
  const field = column.field;
  return {
    index,
    kind: column.kind,
    header: column.header,
    sourceHeader: column.sourceHeader,
    label: field?.label ?? null,
    hint: field?.hint ?? null,
    fieldKind: field?.kind ?? null,
    required: field?.required ?? false,
    lookup: field?.lookup ?? null,
    choices: field?.choices?.map((ch) => ({ value: ch.value, label: ch.label })) ?? null,
  };
}
