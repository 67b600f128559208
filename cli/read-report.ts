import {
  type CellNote,
  describeEncoding,
  type SheetHeader,
  type SheetReadOptions,
  type SheetSummary,
} from '../shared/codec';
import type { ColumnMapping, Mapping } from '../shared/mapping';
import type { MappingSource } from './mapping-profile';
import { say } from './say';

// What every command that reads a file says on stderr: how the file was read (the sheet, the header row, the
// encoding and delimiter) and the mapping used, so that a script's log shows what happened to each file.

const delimiterNames: Readonly<Record<string, string>> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

/** `UTF-8, comma-delimited, header on line 1` or `sheet "Contacts" (of 3), header on row 2`. */
export function describeHeader(header: SheetHeader): string {
  const where = header.headerRow
    ? `header on ${header.kind === 'xlsx' ? 'row' : 'line'} ${header.headerRow}`
    : 'no header row';
  if (header.kind === 'xlsx') {
    const of = header.sheets.length > 1 ? ` (of ${header.sheets.length})` : '';
    return `sheet "${header.sheet}"${of}, ${where}`;
  }
  const delimiter = header.delimiter ?? ',';
  const named = delimiterNames[delimiter] ?? `"${delimiter}"`;
  return `${describeEncoding(header.encoding ?? 'utf-8', header.bom)}, ${named}-delimited, ${where}`;
}

/** Where a mapping came from, for people. */
export function describeSource(source: MappingSource): string {
  if (source.kind === 'file') return `from ${source.path}`;
  if (source.kind === 'profile') return `from saved profile "${source.profile.name}"`;
  return 'automatic';
}

/**
 * Where one source column goes: a field (`?` after a field guessed from the values), split fields, a custom
 * field, an [import] note, or nowhere (left out as the old system's own, or dropped).
 */
export function columnTarget(c: ColumnMapping): string {
  const t = c.target;
  if (t.kind === 'field') return t.guess ? `${t.header} ?` : t.header;
  if (t.kind === 'split') return t.fields.join(' + ');
  if (t.kind === 'custom') return `custom field "${t.name}"`;
  if (t.kind === 'skip') return c.system ? '(left out)' : '(dropped)';
  return '([import] note)';
}

/** `mapping automatic: First Name -> firstName, Notes -> ([import] note), …` */
export function describeMapping(mapping: Mapping, source: MappingSource): string {
  const columns = mapping.columns.map((c) => `${c.header} -> ${columnTarget(c)}`).join(', ');
  return `mapping ${describeSource(source)}: ${columns}`;
}

/**
 * Says on stderr how a file was read and, once known, the mapping used; and that `--sheet` meant nothing for
 * a CSV file (a text file has one table).
 */
export function sayRead(
  file: string,
  header: SheetHeader,
  read: SheetReadOptions,
  mapping?: { mapping: Mapping; source: MappingSource },
): void {
  const how = describeHeader(header);
  say(`${file}: ${how}${mapping ? `; ${describeMapping(mapping.mapping, mapping.source)}` : ''}`);
  if (read.sheet !== undefined && header.kind === 'csv')
    say(`--sheet "${read.sheet}" ignored: ${file} is a CSV text file, which has no sheets`);
}

/**
 * What the reader noticed and read its own way, one line each on stderr: a hidden sheet read because it was
 * asked for by name, formula cells without a saved result (they read as empty; ListPrep never runs a
 * formula), a quote never closed (its line read as written), rows with another number of cells than the
 * header, other Excel cells worth a second look. `check` lists the row and cell notes as warnings at their
 * rows (`listedAtRows`), so only what concerns the whole read is said. Names rows and columns, never values.
 */
export function sayReadNotes(
  file: string,
  summary: SheetSummary,
  { listedAtRows = false }: Readonly<{ listedAtRows?: boolean }> = {},
): void {
  const sheet = summary.kind === 'xlsx' ? summary.sheets.find((s) => s.name === summary.sheet) : undefined;
  if (sheet?.hidden)
    say(`read the ${sheet.veryHidden ? 'very hidden' : 'hidden'} sheet "${sheet.name}", as asked`);
  const formulas = summary.cellNoteCounts['xlsx.noCachedValue'];
  if (formulas) {
    const where = summary.cellNotes
      .filter((note) => note.code === 'xlsx.noCachedValue')
      .slice(0, 3)
      .map((note) => `row ${note.line}, ${summary.headers[note.column] ?? `column ${note.column + 1}`}`);
    const more = formulas > where.length ? '; …' : '';
    say(
      `${formulas === 1 ? '1 formula cell has' : `${formulas} formula cells have`} no saved result and ${formulas === 1 ? 'reads' : 'read'} as empty (${where.join('; ')}${more}); open the file in Excel and save it to keep the results`,
    );
  }
  if (listedAtRows) return;
  const unit = summary.kind === 'xlsx' ? 'row' : 'line';
  for (const line of summary.unclosedQuotes ?? [])
    say(`${file}, line ${line}: a quote opens and never closes; the line was read as written`);
  // In a workbook every cell has its column's address: a short row only left its last cells empty.
  if (summary.raggedCount && summary.kind === 'csv') {
    const first = summary.ragged[0];
    say(
      `${file}: ${summary.raggedCount} row${summary.raggedCount > 1 ? 's have' : ' has'} another number of cells than the header's ${summary.headerCells} (first: ${unit} ${first?.line} with ${first?.cells}); every cell stays in its column`,
    );
  }
  const others = summary.cellNoteCount - formulas;
  if (others > 0) {
    const note = summary.cellNotes.find((n) => n.code !== 'xlsx.noCachedValue');
    say(
      `${file}: ${others} Excel cell${others > 1 ? 's' : ''} worth a look (first: row ${note?.line}, ${cellNoteWords[note?.code ?? 'xlsx.errorCell']}); listprep check lists them`,
    );
  }
}

export const cellNoteWords: Readonly<Record<CellNote['code'], string>> = {
  'xlsx.errorCell': 'an error value',
  'xlsx.noCachedValue': 'a formula with no saved result',
  'xlsx.precision': 'more digits than Excel keeps (15)',
};
