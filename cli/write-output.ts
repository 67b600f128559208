import { extname } from 'node:path';
import { formatCsvRow } from '../shared/export';
import { writeFileAtomic } from './atomic-write';
import { UsageError } from './errors';

export type OutputOptions = Readonly<{ bom?: boolean; neutralizeFormulas?: boolean }>;

/**
 * Writes rows in the template's columns to `path`, the format chosen by its extension, atomically.
 * CSV now; the export work adds `.xlsx` (the template workbook) here.
 */
export async function writeOutputFile(
  path: string,
  headers: readonly string[],
  rows: Iterable<readonly string[]>,
  options: OutputOptions = {},
): Promise<void> {
  const extension = extname(path).toLowerCase();
  if (extension !== '.csv') throw new UsageError(`cannot write "${extension || path}" files; use .csv`);
  function* lines() {
    yield (options.bom ? '\ufeff' : '') + formatCsvRow(headers, options);
    for (const row of rows) yield formatCsvRow(row, options);
  }
  await writeFileAtomic(path, lines());
}
