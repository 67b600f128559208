import type { Template } from '../template';
import { type ColumnMapping, type ColumnTarget, fieldsOf, type Mapping } from './types';

function replaceColumns(mapping: Mapping, change: (c: ColumnMapping) => ColumnMapping): Mapping {
  return { ...mapping, columns: mapping.columns.map(change) };
}

function released(column: ColumnMapping): ColumnMapping {
  return {
    column: column.column,
    header: column.header,
    target: { kind: 'note' },
    confidence: 0,
    reason: 'none',
    detail: 'its field was given to another column',
  };
}

/** A column as a person mapped it (the Map screen, a profile saved from it): sure, by the user. */
export function chosenColumn(column: number, header: string, target: ColumnTarget): ColumnMapping {
  return { column, header, target, confidence: 1, reason: 'user' };
}

/**
 * A person's choice of target for a column. Fields it fills are taken from any other column that held them
 * (a full-name split included), which then keeps its values as a note.
 */
export function setColumnTarget(mapping: Mapping, column: number, target: ColumnTarget): Mapping {
  const taken = fieldsOf(target);
  for (const field of taken) {
    if (!mapping.fields.includes(field)) throw new RangeError(`no field "${field}" in the template`);
  }
  return replaceColumns(mapping, (c) => {
    if (c.column === column) {
      const chosen =
        target.kind === 'custom' ? { kind: 'custom' as const, name: target.name.trim() || c.header } : target;
      return chosenColumn(c.column, c.header, chosen);
    }
    if (fieldsOf(c.target).some((f) => taken.includes(f))) return released(c);
    return c;
  });
}

/** The template's required fields no column fills (directly or by a full-name split). */
export function missingRequired(mapping: Mapping, template: Template): string[] {
  const filled = new Set<string>();
  for (const c of mapping.columns) for (const f of fieldsOf(c.target)) filled.add(f);
  return template.fields.filter((f) => f.required && !filled.has(f.header)).map((f) => f.header);
}
