import type { SheetSummary } from '../shared/codec';

/**
 * What reading a workbook found that no cell rule reports, one line each for stderr: a hidden sheet read
 * because it was asked for by name, and formula cells without a saved result (they read as empty; ListPrep
 * never runs a formula). Names rows and columns, never values.
 */
export function sheetNotes(command: string, summary: SheetSummary): string[] {
  if (summary.kind !== 'xlsx') return [];
  const lines: string[] = [];
  const sheet = summary.sheets.find((s) => s.name === summary.sheet);
  if (sheet?.hidden) {
    lines.push(
      `${command}: read the ${sheet.veryHidden ? 'very hidden' : 'hidden'} sheet "${sheet.name}", as asked`,
    );
  }
  const missing = summary.cellNoteCounts['xlsx.noCachedValue'];
  if (missing) {
    const where = summary.cellNotes
      .filter((note) => note.code === 'xlsx.noCachedValue')
      .slice(0, 3)
      .map((note) => `row ${note.line}, ${summary.headers[note.column] ?? `column ${note.column + 1}`}`);
    const more = missing > where.length ? '; …' : '';
    lines.push(
      `${command}: ${missing === 1 ? '1 formula cell has' : `${missing} formula cells have`} no saved result and ${missing === 1 ? 'reads' : 'read'} as empty (${where.join('; ')}${more}); open the file in Excel and save it to keep the results`,
    );
  }
  return lines;
}
