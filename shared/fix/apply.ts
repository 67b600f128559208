import type { FieldDef, Lookups, Template } from '../template';
import { type CellCheck, compileCellCheck } from '../validate/cell-checks';
import { multiValues, noteLine, withNoteLine } from './multi-value';
import { firstCertainFix } from './suggest';
import type { DateOrder, FixContext, FixSuggestion } from './types';

export type RowFixerOptions = Readonly<{
  template: Template;
  /** The template field of each column position; null for a column that is not checked. */
  columns: readonly (FieldDef | null)[];
  lookups?: Lookups;
  dateOrder?: DateOrder;
  dateOrderByField?: Readonly<Record<string, DateOrder>>;
  /** Columns no fix may touch: a field guessed from its values that no person has confirmed. */
  locked?: readonly boolean[];
  /** The column that takes values moved aside (the notes field), or -1 / absent when there is none. */
  notesColumn?: number;
  /** Each column's name as the file has it, for the `[import]` line of a value moved to the notes. */
  labels?: readonly (string | null)[];
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
  /** The column of the same kind and role that takes a second value (second_Phone for phone), or -1. */
  sibling: number;
};

/** A column of the same kind and role: where the second of two values fits (a phone's second phone). */
function siblingOf(columns: readonly (FieldDef | null)[], col: number): number {
  const field = columns[col];
  if (!field?.role) return -1;
  return columns.findIndex(
    (other, i) => i !== col && other?.kind === field.kind && other.role === field.role,
  );
}

/**
 * Applies all certain fixes to rows: each cell is checked by the column's compiled rule (the cheap path for
 * the valid majority) and only failing cells are handed to the fixes, which give what `suggestFix` would. A
 * cell holding several values (`a ::: b`) keeps the first; the others go to the sibling column when it is
 * empty in the row, else to the notes - and when there are no notes, the cell stays for a person.
 */
export function createRowFixer(options: RowFixerOptions): RowFixer {
  const { template, lookups } = options;
  const locked = options.locked ?? [];
  const notesColumn = options.notesColumn ?? -1;
  const columns: (Column | null)[] = options.columns.map((field, col) =>
    field && !locked[col]
      ? {
          field,
          check: compileCellCheck(field, template, lookups),
          memo: field.kind === 'postal' ? null : new Map(),
          sibling: siblingOf(options.columns, col),
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
  const fieldHeader = (col: number) => options.columns[col]?.header ?? '';

  return {
    fixRow(values) {
      const changes: CellChange[] = [];
      current = values;
      const set = (col: number, to: string, fix: string) => {
        const at = changes.findIndex((c) => c.column === col);
        if (at >= 0) changes[at] = { ...changes[at], to };
        else changes.push({ column: col, field: fieldHeader(col), from: values[col], to, fix });
        values[col] = to;
      };
      const moveAside = (col: number, column: Column, parts: string[]): boolean => {
        const first = column.check(parts[0]) === null ? parts[0] : fixCell(column, parts[0])?.value;
        if (first === undefined || first === '') return false;
        const rest = parts.slice(1);
        const sibling = column.sibling;
        const siblingFree = sibling >= 0 && columns[sibling] !== null && values[sibling] === '';
        const toNotes = siblingFree ? rest.slice(1) : rest;
        if (toNotes.length && notesColumn < 0) return false;
        set(col, first, 'multi.first');
        if (siblingFree) set(sibling, rest[0], 'multi.rest');
        if (toNotes.length) {
          const label = options.labels?.[col] ?? fieldHeader(col);
          set(
            notesColumn,
            withNoteLine(values[notesColumn], noteLine(label, toNotes.join(' ::: '))),
            'multi.rest',
          );
        }
        return true;
      };
      const fixAt = (col: number) => {
        const column = columns[col];
        const value = values[col];
        if (column === null || !value || column.check(value) === null) return;
        const parts =
          column.field.kind === 'text' || column.field.kind === 'tags' ? null : multiValues(value);
        if (parts) {
          // The second value moved to a column already passed gets its own fix now.
          if (moveAside(col, column, parts) && column.sibling >= 0 && column.sibling < col)
            fixAt(column.sibling);
          return;
        }
        const suggestion = fixCell(column, value);
        if (suggestion) set(col, suggestion.value, suggestion.fix);
      };
      for (let col = 0; col < columns.length; col++) fixAt(col);
      return changes.length ? changes : null;
    },
  };
}
