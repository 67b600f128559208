import { customFieldColumn, fieldsOf, type Mapping } from '../shared/mapping';
import type { CustomField } from '../shared/api';
import type { FieldDef, Template } from '../shared/template';

/**
 * The columns the CLI checks and writes a mapped file in: the template's fields, then the mapping's
 * custom-field columns in file order (the order `applyMapping` gives their values). A custom-field column is
 * checked as the account's custom field of that name when `--lookups` named the account's custom fields
 * (the server's lookups answer), exactly as the app and the import server check it; otherwise not at all.
 */
export type CheckedColumns = Readonly<{
  /** What each column is checked as; null for a custom field the account does not have (or not known). */
  columns: readonly (FieldDef | null)[];
  /** The file's header feeding each column ('' for a template field no column fills). */
  sourceHeaders: readonly string[];
  /** The file's headers that nothing checks: notes, dropped columns, unknown custom fields. */
  unchecked: readonly string[];
}>;

export function checkedColumns(
  template: Template,
  mapping: Mapping,
  customFields: readonly Pick<CustomField, 'key' | 'label' | 'kind'>[],
): CheckedColumns {
  const byField = new Map<string, string>();
  for (const c of mapping.columns) for (const field of fieldsOf(c.target)) byField.set(field, c.header);
  const columns: (FieldDef | null)[] = [...template.fields];
  const sourceHeaders = template.fields.map((f) => byField.get(f.header) ?? '');
  const unchecked: string[] = [];
  for (const c of mapping.columns) {
    if (c.target.kind === 'custom') {
      const { field } = customFieldColumn(c.target.name, customFields);
      columns.push(field);
      sourceHeaders.push(c.header);
      if (!field) unchecked.push(c.header);
    } else if (fieldsOf(c.target).length === 0) unchecked.push(c.header);
  }
  return { columns, sourceHeaders, unchecked };
}

/** The source column of each custom-field column, in the order their values follow the template's. */
export function customSourcesOf(mapping: Mapping): number[] {
  return mapping.columns.filter((c) => c.target.kind === 'custom').map((c) => c.column);
}
