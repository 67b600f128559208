import { parseArgs } from 'node:util';
import { parseDelimiterName, parseEncodingName, type SheetReadOptions } from '../../shared/codec';
import { analyzeColumns, type DateOrder, type DeadEnd, deadEndSentence } from '../../shared/fix';
import {
  applyMapping,
  type ColumnMapping,
  fieldOf,
  fieldsOf,
  isGuess,
  type Mapping,
  missingRequired,
} from '../../shared/mapping';
import type { Template } from '../../shared/template';
import { detachString } from '../../shared/validate';
import { chosenTarget, targetOptionSpecs } from '../target';
import { UsageError } from '../errors';
import { ensureProfilesDir, type MappingSource, resolveMapping, saveProfile } from '../mapping-profile';
import { columnTarget, describeSource, sayRead, sayReadNotes } from '../read-report';
import { readSheetFile } from '../read-sheet';
import { say } from '../say';
import { jsonShown, shown } from '../terminal-text';

export { describeSource } from '../read-report';
import { deadEndLines, deadEndsOf, guessLines, sourceHeaderOf } from '../mapping-notes';

export const mapUsage =
  'listprep map FILE [--target NAME] [--fields F,…] [--json] [--save NAME] [--mapping PROFILE.json] [--ignore-profiles] [--confirm HEADER]... [--date-order mdy|dmy] [--sheet NAME] [--encoding E] [--delimiter D] [--header-row N]';

/** The options of every command that reads a contact file (parseArgs specs). */
export const sheetOptionSpecs = {
  sheet: { type: 'string' },
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  'header-row': { type: 'string' },
} as const;

/** The options of every command that maps a file onto the template. */
export const mappingOptionSpecs = {
  ...targetOptionSpecs,
  mapping: { type: 'string' },
  'ignore-profiles': { type: 'boolean', default: false },
  'date-order': { type: 'string' },
  confirm: { type: 'string', multiple: true },
} as const;

/** Checks and converts --sheet, --encoding, --delimiter and --header-row. */
export function sheetReadOptions(values: {
  sheet?: string;
  encoding?: string;
  delimiter?: string;
  'header-row'?: string;
}): SheetReadOptions {
  const encoding = values.encoding === undefined ? undefined : parseEncodingName(values.encoding);
  if (values.encoding !== undefined && !encoding) {
    throw new UsageError(
      `--encoding must be utf-8, utf-16le, utf-16be or windows-1252, not "${values.encoding}"`,
    );
  }
  const delimiter = values.delimiter === undefined ? undefined : parseDelimiterName(values.delimiter);
  if (values.delimiter !== undefined && !delimiter) {
    throw new UsageError('--delimiter must be one character other than a quote (or "tab")');
  }
  const headerRow = values['header-row'];
  if (headerRow !== undefined && !/^\d+$/.test(headerRow)) {
    throw new UsageError(`--header-row must be a whole number, not "${headerRow}"`);
  }
  return {
    sheet: values.sheet,
    encoding,
    delimiter,
    headerRow: headerRow === undefined ? undefined : Number(headerRow),
    // A quote that never closes costs its own row, not the file: the row is read as written and reported.
    unclosedQuote: 'asWritten',
  };
}

/** Checks --date-order. */
export function dateOrderOption(value: string | undefined): DateOrder | undefined {
  if (value !== undefined && value !== 'mdy' && value !== 'dmy') {
    throw new UsageError(`--date-order must be mdy or dmy, not "${value}"`);
  }
  return value;
}

/** A mapping column as the CLI prints it in JSON: `column` is the 1-based position, as spreadsheets count. */
export function mappingJson(columns: readonly ColumnMapping[]) {
  // The JSON keeps the shape it has always had (a field, a split, or what happens to an unmapped column);
  // `guess` marks a field read from the values that waits for --confirm, `system` a column left out as the
  // old system's own, `values` a person's value map.
  return columns.map((c) => {
    const t = c.target;
    return {
      column: c.column + 1,
      header: c.header,
      field: fieldOf(t),
      ...(t.kind === 'split' ? { split: t.fields } : {}),
      confidence: c.confidence,
      reason: c.reason,
      ...(c.detail ? { detail: c.detail } : {}),
      ...(isGuess(t) ? { guess: true } : {}),
      ...(t.kind === 'field' && t.values ? { values: t.values } : {}),
      ...(t.kind === 'note' || t.kind === 'custom'
        ? { unmapped: t.kind }
        : t.kind === 'skip'
          ? { unmapped: 'drop' }
          : {}),
      ...(t.kind === 'custom' ? { customName: t.name } : {}),
      ...(c.system ? { system: c.system } : {}),
    };
  });
}

/** Dead ends as the CLI prints them in JSON. */
export function deadEndsJson(deadEnds: readonly DeadEnd[], template: Template, mapping: Mapping) {
  return deadEnds.map((end) => {
    const field = template.fields[end.col].header;
    return {
      column: sourceHeaderOf(mapping, field),
      field,
      kind: end.kind,
      count: end.count,
      filled: end.filled,
      message: deadEndSentence(end.kind, template.crm, 'en'),
    };
  });
}

/** The mapping's date orders saved with a profile: `--date-order` for every mapped date field. */
export function dateOrdersFor(mapping: Mapping, template: Template, order: DateOrder | undefined) {
  if (!order) return undefined;
  const dateFields = new Set(template.fields.filter((f) => f.kind === 'date').map((f) => f.header));
  return Object.fromEntries(
    mapping.columns.flatMap((c) =>
      fieldsOf(c.target)
        .filter((f) => dateFields.has(f))
        .map((f) => [f, order]),
    ),
  ) as Record<string, DateOrder>;
}

/** How sure a column is, for people: a number for a name match, "check" for a guess, nothing otherwise. */
function sureness(c: ColumnMapping): string {
  if (isGuess(c.target)) return 'check';
  return fieldsOf(c.target).length ? c.confidence.toFixed(2) : '    ';
}

function formatText(
  file: string,
  mapping: Mapping,
  source: MappingSource,
  missing: string[],
  notes: readonly string[],
): string {
  const lines = [`${file}: ${mapping.columns.length} columns, mapping ${describeSource(source)}`];
  const width = Math.min(28, Math.max(6, ...mapping.columns.map((c) => c.header.length)));
  const fieldWidth = Math.min(26, Math.max(...mapping.columns.map((c) => columnTarget(c).length)));
  for (const c of mapping.columns) {
    const header = c.header.length > width ? `${c.header.slice(0, width - 1)}…` : c.header;
    lines.push(
      `  ${String(c.column + 1).padStart(3)}  ${header.padEnd(width)} -> ${columnTarget(c).padEnd(fieldWidth)}  ${sureness(c).padEnd(5)} ${c.detail ?? c.reason}`,
    );
  }
  lines.push(...notes);
  lines.push(
    missing.length ? `Missing required fields: ${missing.join(', ')}` : 'All required fields are mapped.',
  );
  return `${lines.map(shown).join('\n')}\n`;
}

const sampleRows = 1000;

/**
 * `listprep map`: which template field each column of a file goes to, and why. Reads the header and the first
 * 1,000 rows. Uses a saved profile for the same headers unless told otherwise; `--save` stores the mapping.
 * A field guessed from the values is marked "check" until `--confirm HEADER`; columns the template cannot hold
 * are named. Exit 0, or 1 when a required field has no column.
 */
export async function runMap(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      save: { type: 'string' },
      ...mappingOptionSpecs,
      ...sheetOptionSpecs,
    },
  });
  if (positionals.length !== 1) throw new UsageError(`usage: ${mapUsage}`);
  const file = positionals[0];
  const order = dateOrderOption(values['date-order']);
  if (values.save !== undefined) {
    await ensureProfilesDir(values.save); // a bad name or a folder that cannot be made: said before reading
  }
  const { template } = await chosenTarget(values);
  let headers: string[] = [];
  const rows: string[][] = [];
  const read = sheetReadOptions(values);
  const summary = await readSheetFile(
    file,
    { ...read, limit: sampleRows },
    {
      onHeader: (header) => {
        headers = header.headers.map(detachString);
      },
      onRow: (fields) => {
        rows.push(fields.map(detachString));
      },
    },
  );
  const { mapping, source, problems } = await resolveMapping({
    template,
    headers,
    sampleRows: rows,
    mappingFile: values.mapping,
    useSaved: !values['ignore-profiles'],
    confirm: values.confirm,
  });
  sayRead(file, summary, read, { mapping, source });
  sayReadNotes(file, summary);
  for (const problem of problems) say(`skipped ${problem}`);
  const missing = missingRequired(mapping, template);
  // What the values say, read from the sample: the columns the template cannot hold.
  const mapped = rows.map((row) => applyMapping(mapping, row).values);
  const dateOrders = { ...analyzeColumns(template.fields, mapped).dateOrderByField };
  if (source.kind !== 'automatic') Object.assign(dateOrders, source.profile.dateOrders);
  if (order) for (const f of template.fields) if (f.kind === 'date') dateOrders[f.header] = order;
  const deadEnds = deadEndsOf(template, mapping, mapped, undefined, dateOrders);
  const saved = values.save
    ? await saveProfile(values.save, mapping, { dateOrders: dateOrdersFor(mapping, template, order) })
    : undefined;
  if (values.json) {
    const report = {
      file,
      template: template.id,
      source: source.kind,
      ...(source.kind !== 'automatic' ? { profile: source.profile.name, profilePath: source.path } : {}),
      mapping: mappingJson(mapping.columns),
      noteField: mapping.noteField,
      missingRequired: missing,
      deadEnds: deadEndsJson(deadEnds, template, mapping),
      ...(saved ? { saved } : {}),
    };
    process.stdout.write(`${jsonShown(JSON.stringify(report, null, 2))}\n`);
  } else {
    const notes = [...guessLines(mapping, false), ...deadEndLines(deadEnds, template, mapping, 'en', false)];
    process.stdout.write(formatText(file, mapping, source, missing, notes));
    if (saved) process.stdout.write(`${shown(`Saved as profile "${values.save}": ${saved}`)}\n`);
  }
  return missing.length ? 1 : 0;
}
