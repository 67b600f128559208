import { type CellChange, createRowFixer, type DateOrder, type RowFixer } from '../shared/fix';
import { fieldsOf, isGuess, type Mapping } from '../shared/mapping';
import type { FieldDef, Lookups, Template } from '../shared/template';
import type { Issue } from '../shared/problems';

export type MappingRowFixerOptions = Readonly<{
  /** The columns of the mapped rows (checked-columns.ts: the template's, then the custom fields'). */
  columns?: readonly (FieldDef | null)[];
  /** To judge what values could become (dead ends), not to change them: guesses count as confirmed. */
  judgeOnly?: boolean;
}>;

/**
 * The row fixer for rows mapped onto the template: a field guessed from its values is locked until a person
 * confirms it, the mapping's note field takes values moved aside, labelled with their source column's header.
 * `listprep fix` applies it and `listprep check` words its suggestions, so both say the same.
 */
export function mappingRowFixer(
  template: Template,
  mapping: Mapping,
  lookups: Lookups | undefined,
  dateOrderByField: Readonly<Record<string, DateOrder>>,
  options: MappingRowFixerOptions = {},
): RowFixer {
  const columns = options.columns ?? template.fields;
  const sourceOf = (field: FieldDef | null) =>
    field ? mapping.columns.find((c) => fieldsOf(c.target).includes(field.header)) : undefined;
  return createRowFixer({
    template,
    columns,
    lookups,
    dateOrderByField,
    locked: columns.map((f) => {
      const source = sourceOf(f);
      return !options.judgeOnly && source !== undefined && isGuess(source.target);
    }),
    notesColumn: columns.findIndex((f) => f?.header === mapping.noteField),
    labels: columns.map((f) => sourceOf(f)?.header ?? null),
  });
}

/** An issue with the change the row fixer makes to its cell as the suggested fix (none when it makes none). */
export function withRowFix(issue: Issue, changes: readonly CellChange[] | null): Issue {
  const change = changes?.find((c) => c.column === issue.column && c.fix !== 'multi.rest');
  const { fix: _, ...rest } = issue;
  return change ? { ...rest, fix: { value: change.to, fix: change.fix } } : rest;
}
