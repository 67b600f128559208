import type { PlannedColumn } from './column-plan';
import type { FieldKind, LookupList } from '../template';
import type { DocColumnKind } from './column-plan';

/** What the UI needs to know of a column of the list: plain data, shown before the worker has validated. */
export type ColumnInfo = Readonly<{
  index: number;
  kind: DocColumnKind;
  header: string;
  sourceHeader: string | null;
  label: Readonly<{ en: string; nb: string }> | null;
  hint: Readonly<{ en: string; nb: string }> | null;
  fieldKind: FieldKind | null;
  required: boolean;
  lookup: LookupList | null;
  choices: readonly Readonly<{ value: string; label: Readonly<{ en: string; nb: string }> }>[] | null;
  /** A field read from the column's values that no person has confirmed: shown as a guess, never fixed. */
  guess: boolean;
}>;

/**
 * What the UI needs to know of a column (plain data, no validator functions). Beside the column plan rather
 * than in the worker: the worker answers with it, and the UI thread shows the planned columns at once while
 * the worker validates (the UI thread runs no worker code, scripts/check-layers.mjs).
 */
export function columnInfo(
  column: Pick<PlannedColumn, 'kind' | 'header' | 'sourceHeader' | 'field' | 'guess'>,
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
    guess: column.guess === true,
  };
}
