import type { Template } from '../template';
import type { ColumnMapping, Mapping, UnmappedAction } from './types';

function replaceColumns(mapping: Mapping, change: (c: ColumnMapping) => ColumnMapping): Mapping {
  return { ...mapping, columns: mapping.columns.map(change) };
}

function released(column: ColumnMapping): ColumnMapping {
  return {
    column: column.column,
    header: column.header,
    field: null,
    confidence: 0,
    reason: 'none',
    unmapped: 'note',
    detail: 'its field was given to another column',
  };
}

/**
 * The user's choice of field for a column (null: no field, the values kept as a note). A column that held
 * the field before loses it and keeps its values as a note; so does a full-name split that filled it.
 */
export function setColumnField(mapping: Mapping, column: number, field: string | null): Mapping {
  if (field !== null && !mapping.fields.includes(field))
    throw new RangeError(`no field "${field}" in the template`);
  return replaceColumns(mapping, (c) => {
    if (c.column === column) {
      return field === null
        ? { column: c.column, header: c.header, field: null, confidence: 1, reason: 'user', unmapped: 'note' }
        : { column: c.column, header: c.header, field, confidence: 1, reason: 'user' };
    }
    if (field !== null && (c.field === field || c.split?.includes(field))) return released(c);
    return c;
  });
}

/** The user's choice for a column without field: keep as `[import]` note, as a custom field, or drop. */
export function setUnmappedAction(
  mapping: Mapping,
  column: number,
  action: UnmappedAction,
  customName?: string,
): Mapping {
  return replaceColumns(mapping, (c) => {
    if (c.column !== column) return c;
    const base = { column: c.column, header: c.header, field: null, confidence: 1, reason: 'user' as const };
    return action === 'custom'
      ? { ...base, unmapped: action, customName: customName?.trim() || c.header }
      : { ...base, unmapped: action };
  });
}

/** Makes a column a full name split into the two given fields, which other columns give up. */
export function setSplitColumn(mapping: Mapping, column: number, fields: readonly [string, string]): Mapping {
  for (const field of fields) {
    if (!mapping.fields.includes(field)) throw new RangeError(`no field "${field}" in the template`);
  }
  return replaceColumns(mapping, (c) => {
    if (c.column === column) {
      return {
        column: c.column,
        header: c.header,
        field: null,
        split: fields,
        confidence: 1,
        reason: 'user',
      };
    }
    if ((c.field !== null && fields.includes(c.field)) || c.split) return released(c);
    return c;
  });
}

/** The template's required fields no column fills (directly or by a full-name split). */
export function missingRequired(mapping: Mapping, template: Template): string[] {
  const filled = new Set<string>();
  for (const c of mapping.columns) {
    if (c.field) filled.add(c.field);
    for (const f of c.split ?? []) filled.add(f);
  }
  return template.fields.filter((f) => f.required && !filled.has(f.header)).map((f) => f.header);
}
