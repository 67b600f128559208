import { type ColumnProposal, suggestMapping } from '../../mapping';
import type { Template } from '../../template';

const sampleCount = 5;

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
    return { ...column, samples };
  });
}
