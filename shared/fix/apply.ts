import type { FieldDef, Lookups, Template } from '../template';
import { type CellCheck, compileCellCheck } from '../validate/cell-checks';
import { firstCertainFix } from './suggest';
import type { DateOrder, FixContext, FixSuggestion } from './types';

export type RowFixerOptions = Readonly<{
  template: Template;
  /** The template field of each column position; null for a column that is not checked. */
  columns: readonly (FieldDef | null)[];
  lookups?: Lookups;
  dateOrder?: DateOrder;
  dateOrderByField?: Readonly<Record<string, DateOrder>>;
}>;

/** One cell a fix changed. `column` is the 0-based position; `field` the template header. */
export type CellChange = Readonly<{ column: number; field: string; from: string; to: string; fix: string }>;

export type RowFixer = Readonly<{
  /** Applies every certain fix to the row, in place; returns what changed, or null when nothing did. */
  fixRow: (values: string[]) => CellChange[] | null;
}>;

// Lists repeat themselves (the same state name, "yes", "female" thousands of times), so each column keeps
// the answers it has computed. Bounded: a column of a million distinct bad values stops remembering.
const memoLimit = 10_000;

type Column = {
  field: FieldDef;
  check: CellCheck;
  /** Null for postal codes: whether a ZIP lost a zero depends on the row's state, not the value alone. */
  memo: Map<string, FixSuggestion | null> | null;
};

/**
 * Applies all certain fixes to rows: each cell is checked by the column's compiled rule (the cheap path for
 * the valid majority) and only failing cells are handed to the fixes, which give what `suggestFix` would.
 */
export function createRowFixer(options: RowFixerOptions): RowFixer {
  const { template, lookups } = options;
  const columns: (Column | null)[] = options.columns.map((field) =>
    field
      ? {
          field,
          check: compileCellCheck(field, template, lookups),
          memo: field.kind === 'postal' ? null : new Map(),
        }
      : null,
  );
  const colByHeader = new Map<string, number>();
  options.columns.forEach((field, col) => {
    if (field && !colByHeader.has(field.header)) colByHeader.set(field.header, col);
  });
  // One context for every row: `rowValue` reads whichever row is being fixed.
  let current: readonly string[] = [];
  const context: FixContext = {
    template,
    lookups,
    dateOrder: options.dateOrder,
    dateOrderByField: options.dateOrderByField,
    rowValue: (header) => current[colByHeader.get(header) ?? -1] ?? '',
  };
  const fixCell = (column: Column, value: string): FixSuggestion | null => {
    const { memo } = column;
    if (memo === null) return firstCertainFix(column.field, value, context, column.check);
    let suggestion = memo.get(value);
    if (suggestion === undefined) {
      suggestion = firstCertainFix(column.field, value, context, column.check);
      if (memo.size < memoLimit) memo.set(value, suggestion);
    }
    return suggestion;
  };
  return {
    fixRow(values) {
      let changes: CellChange[] | null = null;
      current = values;
      for (let col = 0; col < columns.length; col++) {
        const column = columns[col];
        const value = values[col];
        if (column === null || !value || column.check(value) === null) continue;
        const suggestion = fixCell(column, value);
        if (!suggestion) continue;
        values[col] = suggestion.value;
        changes ??= [];
        changes.push({
          column: col,
          field: column.field.header,
          from: value,
          to: suggestion.value,
          fix: suggestion.fix,
        });
      }
      return changes;
    },
  };
}
