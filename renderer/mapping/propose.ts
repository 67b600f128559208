import { type ColumnMapping, suggestMapping } from '../../shared/mapping';
import type { Template } from '../../shared/template';
import type { ColumnProposal, ColumnTarget } from './column-target';

const sampleCount = 5;

function targetOf(column: ColumnMapping): ColumnTarget {
  if (column.field) return { kind: 'field', header: column.field };
  if (column.split) return { kind: 'split', fields: column.split };
  if (column.unmapped === 'note') return { kind: 'note' };
  if (column.unmapped === 'custom') return { kind: 'custom', name: column.customName ?? column.header };
  return { kind: 'skip' };
}

/**
 * The Map screen's proposal for every source column, from shared/mapping's suggestion (names, synonyms,
 * content, full-name split, notes for what is left), with a few sample values to recognise the column by.
 */
export function proposeMapping(
  template: Template,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): ColumnProposal[] {
  const mapping = suggestMapping(template, headers, rows);
  return mapping.columns.map((column) => {
    const samples: string[] = [];
    for (const row of rows) {
      const value = row[column.column] ?? '';
      if (value.trim() !== '') samples.push(value);
      if (samples.length === sampleCount) break;
    }
    return {
      source: column.column,
      header: column.header,
      samples,
      target: targetOf(column),
      confidence: column.confidence,
      reason: column.reason,
      detail: column.detail ?? '',
    };
  });
}
