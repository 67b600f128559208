import { parseArgs } from 'node:util';
import { parseDelimiterName, parseEncodingName, type SheetReadOptions } from '../../shared/codec';
import type { DateOrder } from '../../shared/fix';
import { type ColumnMapping, fieldOf, fieldsOf, type Mapping, missingRequired } from '../../shared/mapping';
import { clientTether, type Template } from '../../shared/template';
import { detachString } from '../../shared/validate';
import { UsageError } from '../errors';
import { ensureProfilesDir, type MappingSource, resolveMapping, saveProfile } from '../mapping-profile';
import { columnTarget, describeSource, sayRead, sayReadNotes } from '../read-report';
import { readSheetFile } from '../read-sheet';
import { say } from '../say';
import { jsonShown, shown } from '../terminal-text';

export { describeSource } from '../read-report';

export const mapUsage =
  'listprep map FILE [--json] [--save NAME] [--mapping PROFILE.json] [--ignore-profiles] [--date-order mdy|dmy] [--sheet NAME] [--encoding E] [--delimiter D] [--header-row N]';

/** The options of every command that reads a contact file (parseArgs specs). */
export const sheetOptionSpecs = {
  sheet: { type: 'string' },
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  'header-row': { type: 'string' },
} as const;

/** The options of every command that maps a file onto the template. */
export const mappingOptionSpecs = {
  mapping: { type: 'string' },
  'ignore-profiles': { type: 'boolean', default: false },
  'date-order': { type: 'string' },
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
  // The JSON keeps the shape it has always had (a field, a split, or what happens to an unmapped column).
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
      ...(t.kind === 'note' || t.kind === 'custom'
        ? { unmapped: t.kind }
        : t.kind === 'skip'
          ? { unmapped: 'drop' }
          : {}),
      ...(t.kind === 'custom' ? { customName: t.name } : {}),
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

function formatText(file: string, mapping: Mapping, source: MappingSource, missing: string[]): string {
  const lines = [`${file}: ${mapping.columns.length} columns, mapping ${describeSource(source)}`];
  const width = Math.min(28, Math.max(6, ...mapping.columns.map((c) => c.header.length)));
  const fieldWidth = Math.min(26, Math.max(...mapping.columns.map((c) => columnTarget(c).length)));
  for (const c of mapping.columns) {
    const header = c.header.length > width ? `${c.header.slice(0, width - 1)}…` : c.header;
    const sure = fieldsOf(c.target).length ? c.confidence.toFixed(2) : '    ';
    lines.push(
      `  ${String(c.column + 1).padStart(3)}  ${header.padEnd(width)} -> ${columnTarget(c).padEnd(fieldWidth)}  ${sure}  ${c.detail ?? c.reason}`,
    );
  }
  lines.push(
    missing.length ? `Missing required fields: ${missing.join(', ')}` : 'All required fields are mapped.',
  );
  return `${lines.map(shown).join('\n')}\n`;
}

const sampleRows = 1000;

/**
 * `listprep map`: which template field each column of a file goes to, and why. Reads the header and the first
 * 1,000 rows. Uses a saved profile for the same headers unless told otherwise; `--save` stores the mapping.
 * Exit 0, or 1 when a required field has no column.
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
  const template = clientTether;
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
  });
  sayRead(file, summary, read, { mapping, source });
  sayReadNotes(file, summary);
  for (const problem of problems) say(`skipped ${problem}`);
  const missing = missingRequired(mapping, template);
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
      ...(saved ? { saved } : {}),
    };
    process.stdout.write(`${jsonShown(JSON.stringify(report, null, 2))}\n`);
  } else {
    process.stdout.write(formatText(file, mapping, source, missing));
    if (saved) process.stdout.write(`${shown(`Saved as profile "${values.save}": ${saved}`)}\n`);
  }
  return missing.length ? 1 : 0;
}
