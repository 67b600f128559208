import type { FieldDef, Lookups, Template } from '../template';
import { compileCellCheck } from '../validate/cell-checks';
import { suggestFix } from './suggest';
import type { DateOrder, FixContext } from './types';

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

/**
 * Applies all certain fixes to rows: each cell is checked by the column's compiled rule (the cheap path for
 * the valid majority) and only failing cells are handed to `suggestFix`.
 */
export function createRowFixer(options: RowFixerOptions): RowFixer {
  const { template, columns, lookups } = options;
  const checks = columns.map((field) => (field ? compileCellCheck(field, template, lookups) : null));
  const colByHeader = new Map<string, number>();
  columns.forEach((field, col) => {
    if (field && !colByHeader.has(field.header)) colByHeader.set(field.header, col);
  });
  const base: Omit<FixContext, 'rowValue'> = {
    template,
    lookups,
    dateOrder: options.dateOrder,
    dateOrderByField: options.dateOrderByField,
  };
  return {
    fixRow(values) {
      let changes: CellChange[] | null = null;
      let context: FixContext | undefined;
      for (let col = 0; col < checks.length; col++) {
        const check = checks[col];
        const value = values[col];
        if (check === null || !value || check(value) === null) continue;
        const field = columns[col]!;
        context ??= { ...base, rowValue: (header) => values[colByHeader.get(header) ?? -1] ?? '' };
        const suggestion = suggestFix(field, value, context);
        if (!suggestion) continue;
        values[col] = suggestion.value;
        changes ??= [];
        changes.push({
          column: col,
          field: field.header,
          from: value,
          to: suggestion.value,
          fix: suggestion.fix,
        });
      }
      return changes;
    },
  };
}
