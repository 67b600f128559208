import type { ColumnMapping } from '.';
import type { ColumnTarget } from './column-target';

// shared/mapping says where a source column goes as a `ColumnMapping` (a field, a split, or what to do with
// an unmapped column); the Map screen says it as a `ColumnTarget`. They describe the same choices, so
// proposals and saved profiles translate both ways without loss.

/** The Map screen's target for shared/mapping's decision on a column. */
export function targetOfColumn(column: ColumnMapping): ColumnTarget {
  if (column.field) return { kind: 'field', header: column.field };
  if (column.split) return { kind: 'split', fields: column.split };
  if (column.unmapped === 'note') return { kind: 'note' };
  if (column.unmapped === 'custom') return { kind: 'custom', name: column.customName ?? column.header };
  return { kind: 'skip' };
}

/** shared/mapping's form of a column the user mapped on the Map screen. */
export function columnOfTarget(column: number, header: string, target: ColumnTarget): ColumnMapping {
  const chosen = { column, header, field: null, confidence: 1, reason: 'user' as const };
  switch (target.kind) {
    case 'field':
      return { ...chosen, field: target.header };
    case 'split':
      return { ...chosen, split: target.fields };
    case 'custom':
      return { ...chosen, unmapped: 'custom', customName: target.name };
    case 'note':
      return { ...chosen, unmapped: 'note' };
    case 'skip':
      return { ...chosen, unmapped: 'drop' };
  }
}
