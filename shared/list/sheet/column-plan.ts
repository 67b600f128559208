import type { FieldDef, Template } from '../../template';
import type { ColumnTarget } from '../../mapping';

export type DocColumnKind = 'field' | 'custom' | 'note';

/** A column of the list to fix, before any cell is read: what it is and which source column feeds it. */
export type PlannedColumn = Readonly<{
  kind: DocColumnKind;
  /** The header written on export: template header, custom field name, or the source header (notes). */
  header: string;
  /** The file's header, when the column comes from the file. */
  sourceHeader: string | null;
  field: FieldDef | null;
  /** The source column, or null for a required field the file does not have (an empty column to fill). */
  source: number | null;
  /** For a full name split into two fields: which part of the source column's value this column holds. */
  part?: 'first' | 'last';
}>;

export function sourceHeaderName(headers: readonly string[], source: number): string {
  return headers[source]?.trim() || `Column ${source + 1}`;
}

/**
 * The list's columns from a mapping: mapped template fields in template order (required ones even when the
 * file lacks them, so they can be filled in), then custom fields, then `[import]` notes in file order.
 * Pure, so the UI can lay out the grid while the worker is still validating.
 */
export function planColumns(
  template: Template,
  headers: readonly string[],
  targets: readonly ColumnTarget[],
): PlannedColumn[] {
  const columns: PlannedColumn[] = [];
  for (const field of template.fields) {
    const source = targets.findIndex((t) => t.kind === 'field' && t.header === field.header);
    const split = targets.findIndex((t) => t.kind === 'split' && t.fields.includes(field.header));
    if (source >= 0) {
      columns.push({
        kind: 'field',
        header: field.header,
        sourceHeader: sourceHeaderName(headers, source),
        field,
        source,
      });
    } else if (split >= 0) {
      const target = targets[split] as Extract<ColumnTarget, { kind: 'split' }>;
      columns.push({
        kind: 'field',
        header: field.header,
        sourceHeader: sourceHeaderName(headers, split),
        field,
        source: split,
        part: target.fields[0] === field.header ? 'first' : 'last',
      });
    } else if (field.required) {
      columns.push({ kind: 'field', header: field.header, sourceHeader: null, field, source: null });
    }
  }
  targets.forEach((t, source) => {
    if (t.kind === 'custom') {
      columns.push({
        kind: 'custom',
        header: t.name,
        sourceHeader: sourceHeaderName(headers, source),
        field: null,
        source,
      });
    }
  });
  targets.forEach((t, source) => {
    if (t.kind === 'note') {
      const name = sourceHeaderName(headers, source);
      columns.push({ kind: 'note', header: name, sourceHeader: name, field: null, source });
    }
  });
  return columns;
}
