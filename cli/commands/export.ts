import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkExportable, looksLikeFormula } from '../../shared/export';
import {
  clientTether,
  type FieldDef,
  type Lookups,
  lookupsSchema,
  type Template,
} from '../../shared/template';
import {
  columnsFromHeaders,
  describeFinding,
  detachString,
  type Issue,
  type Locale,
  SheetValidator,
} from '../../shared/validate';
import { InputError, UsageError } from '../errors';
import { type CsvFormat, type CsvReadOptions, streamCsvFile } from '../read-csv';
import { readJsonFile } from '../read-json';
import { outputFormat, writeOutputFile } from '../write-output';

export const exportUsage =
  'listprep export FILE -o OUT.xlsx|OUT.csv [--bom] [--neutralize-formulas] [--lookups FILE.json] [--lang en|nb] [--encoding E] [--delimiter D]';

/** Options every command that reads a contact list and writes a file shares. */
export type SourceOptions = Readonly<{
  file: string;
  output: string;
  locale: Locale;
  lookups?: Lookups;
  read: CsvReadOptions;
}>;

const encodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;

/** Parses FILE, -o, --lookups, --lang, --encoding and --delimiter; `flags` are the command's own switches. */
export async function parseSourceArgs<F extends string>(
  args: string[],
  usage: string,
  flags: readonly F[],
): Promise<SourceOptions & { flags: Record<F, boolean> }> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      lookups: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      encoding: { type: 'string' },
      delimiter: { type: 'string' },
      ...Object.fromEntries(flags.map((flag) => [flag, { type: 'boolean', default: false }])),
    },
  });
  if (positionals.length !== 1 || typeof values.output !== 'string') throw new UsageError(`usage: ${usage}`);
  const lang = values.lang;
  if (lang !== 'en' && lang !== 'nb') throw new UsageError(`--lang must be en or nb, not "${lang}"`);
  const encoding = typeof values.encoding === 'string' ? values.encoding.toLowerCase() : undefined;
  if (encoding !== undefined && !(encodings as readonly string[]).includes(encoding)) {
    throw new UsageError(`--encoding must be ${encodings.join(', ')}, not "${values.encoding}"`);
  }
  const rawDelimiter = typeof values.delimiter === 'string' ? values.delimiter : undefined;
  const delimiter = rawDelimiter === 'tab' || rawDelimiter === '\\t' ? '\t' : rawDelimiter;
  if (delimiter !== undefined && (delimiter.length !== 1 || delimiter === '"')) {
    throw new UsageError('--delimiter must be one character (or "tab")');
  }
  const file = positionals[0];
  const output = values.output;
  outputFormat(output);
  if (sameFile(file, output))
    throw new UsageError(`${output}: that is the source file, which is never written`);
  const lookups = typeof values.lookups === 'string' ? await readLookups(values.lookups) : undefined;
  return {
    file,
    output,
    locale: lang,
    lookups,
    read: { encoding: encoding as CsvReadOptions['encoding'], delimiter },
    flags: Object.fromEntries(
      flags.map((flag) => [flag, (values as Record<string, unknown>)[flag] === true]),
    ) as Record<F, boolean>,
  };
}

function sameFile(a: string, b: string): boolean {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path);
    }
  };
  return real(a) === real(b);
}

/** Reads and checks a lookups file (the account's ID lists). */
export async function readLookups(path: string): Promise<Lookups> {
  const parsed = lookupsSchema.safeParse(await readJsonFile(path));
  if (!parsed.success)
    throw new InputError(`${path}: not a lookups file (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

function isBlankRow(fields: readonly string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}

/** What the first pass over the source learns: its shape, its columns and every problem in it. */
export type CheckedSource = Readonly<{
  format: CsvFormat;
  headers: readonly string[];
  columns: readonly (FieldDef | null)[];
  validator: SheetValidator;
  rows: number;
  /** Values of the first rows with problems, to quote them when the export is refused. */
  quoted: ReadonlyMap<number, readonly string[]>;
  /** Cells in template columns that a spreadsheet would take for a formula. */
  formulaCells: number;
}>;

const quotedRows = 20;

/**
 * First pass: streams the source through the validator without keeping its rows, so a million rows cost
 * the validator's indexes and nothing more. The rows are read again to be written.
 */
export async function checkSource(
  options: SourceOptions,
  template: Template = clientTether,
): Promise<CheckedSource> {
  let headers: string[] | undefined;
  let columns: (FieldDef | null)[] = [];
  let validator: SheetValidator | undefined;
  let rows = 0;
  let formulaCells = 0;
  let quoted = new Map<number, readonly string[]>();
  const format = await streamCsvFile(
    options.file,
    options.read,
    (fields) => {
      if (isBlankRow(fields)) return;
      if (!headers) {
        headers = fields.map((h) => detachString(h.trim()));
        columns = columnsFromHeaders(template, headers);
        if (!columns.some(Boolean)) {
          throw new InputError(
            `${options.file}: no column matches a ${template.crm} template header (first row: ${headers.slice(0, 4).join(', ')}…)`,
          );
        }
        validator = new SheetValidator({ template, columns, lookups: options.lookups });
        return;
      }
      rows++;
      const rowId = validator!.addRow(fields);
      for (let c = 0; c < columns.length; c++)
        if (columns[c] && looksLikeFormula(fields[c] ?? '')) formulaCells++;
      if (quoted.size < quotedRows && validator!.hasFindings(rowId)) {
        quoted.set(rowId, fields.map(detachString));
      }
    },
    () => {
      headers = undefined;
      validator = undefined;
      rows = 0;
      formulaCells = 0;
      quoted = new Map();
    },
  );
  if (!headers || !validator) throw new InputError(`${options.file}: the file has no header row`);
  return { format, headers, columns, validator, rows, quoted, formulaCells };
}

/**
 * Second pass: the data rows again (header and blank rows skipped, as in the first pass), a batch per
 * chunk read. The reader waits while the batch is being written, so memory stays flat.
 */
export async function* sourceRowBatches(file: string, format: CsvFormat): AsyncGenerator<string[][]> {
  let batch: string[][] = [];
  let seenHeader = false;
  let finished = false;
  let stopped = false;
  let failure: unknown;
  let signalReady: () => void = () => {};
  let signalTaken: () => void = () => {};
  let ready = new Promise<void>((r) => {
    signalReady = r;
  });
  const reading = streamCsvFile(
    file,
    format,
    (fields) => {
      if (isBlankRow(fields)) return;
      if (!seenHeader) seenHeader = true;
      else batch.push(fields);
    },
    () => {},
    async () => {
      const taken = new Promise<void>((r) => {
        signalTaken = r;
      });
      signalReady();
      await taken;
      if (stopped) throw new Error('stopped');
    },
  ).then(
    () => {
      finished = true;
      signalReady();
    },
    (error: unknown) => {
      failure = error;
      finished = true;
      signalReady();
    },
  );
  try {
    for (;;) {
      await ready;
      ready = new Promise<void>((r) => {
        signalReady = r;
      });
      const rows = batch;
      batch = [];
      if (rows.length) yield rows;
      if (finished) {
        if (failure) throw failure;
        return;
      }
      signalTaken();
    }
  } finally {
    if (!finished) {
      stopped = true;
      signalTaken();
      await reading;
    }
  }
}

/** Puts a source row's values in the template's column order (columns the template lacks are left out). */
export function templateOrder(
  columns: readonly (FieldDef | null)[],
  template: Template = clientTether,
): (row: readonly string[]) => string[] {
  const at = new Map<FieldDef, number>();
  columns.forEach((field, col) => {
    if (field) at.set(field, col);
  });
  const from = template.fields.map((field) => at.get(field) ?? -1);
  return (row) => from.map((col) => (col < 0 ? '' : (row[col] ?? '')));
}

/** Source headers that no template column takes: they are not exported. */
export function leftOutHeaders(source: CheckedSource): string[] {
  return source.headers.filter((h, i) => !source.columns[i] && h !== '');
}

/** The validator's row ids of a file read in one go: 0, 1, 2… in file order. */
export function* rowIds(count: number): Generator<number> {
  for (let i = 0; i < count; i++) yield i;
}

function issueLine(issue: Issue): string {
  const value = issue.value.length > 40 ? `${issue.value.slice(0, 39)}…` : issue.value;
  return `  row ${issue.row}, ${issue.field}${value ? ` "${value}"` : ''}: ${issue.message}\n`;
}

/** `listprep export`: writes the clean template workbook or CSV. Exit 0 written, 1 refused (errors left). */
export async function runExport(args: string[]): Promise<number> {
  const options = await parseSourceArgs(args, exportUsage, ['bom', 'neutralize-formulas'] as const);
  const format = outputFormat(options.output);
  const template = clientTether;
  const source = await checkSource(options, template);
  const refusal = checkExportable(
    source.validator,
    rowIds(source.rows),
    (finding) =>
      describeFinding(finding, {
        locale: options.locale,
        columns: source.columns,
        rowNumber: (id) => id + 1,
        values: source.quoted.get(finding.rowId) ?? [],
      }),
    { locale: options.locale },
  );
  if (refusal) {
    let text = `${options.file}: ${refusal.message}\n`;
    for (const issue of refusal.firstProblems) text += issueLine(issue);
    if (refusal.errors > refusal.firstProblems.length) {
      text += `  … and ${refusal.errors - refusal.firstProblems.length} more errors\n`;
    }
    text += `See them all: listprep check ${options.file}\nA workbook to fix them in: listprep report ${options.file} -o report.xlsx\n`;
    process.stderr.write(text);
    return 1;
  }

  const notes: string[] = [];
  const warnings = source.validator.summary().warnings;
  if (warnings)
    notes.push(`${warnings} warning${warnings === 1 ? '' : 's'} (not blocking; listprep check shows them)`);
  const leftOut = leftOutHeaders(source);
  if (leftOut.length) notes.push(`left out, not in the template: ${leftOut.join(', ')}`);
  if (format === 'xlsx' && (options.flags.bom || options.flags['neutralize-formulas'])) {
    notes.push('--bom and --neutralize-formulas apply to CSV only; an .xlsx never runs a cell as a formula');
  }
  if (format === 'csv' && options.flags['neutralize-formulas'] && source.formulaCells) {
    notes.push(
      `${source.formulaCells} cell${source.formulaCells === 1 ? '' : 's'} starting with = + - @, tab or CR now start with an apostrophe ('): the CRM receives them changed`,
    );
  }

  const toTemplate = templateOrder(source.columns, template);
  let written = 0;
  async function* rows() {
    for await (const batch of sourceRowBatches(options.file, source.format)) {
      for (const row of batch) {
        written++;
        yield toTemplate(row);
      }
    }
    if (written !== source.rows) {
      throw new InputError(
        `${options.file}: the file changed while it was being exported; nothing was written`,
      );
    }
  }
  await writeOutputFile(
    options.output,
    template.fields.map((f) => f.header),
    rows(),
    {
      bom: format === 'csv' && options.flags.bom,
      neutralizeFormulas: format === 'csv' && options.flags['neutralize-formulas'],
      template,
      lookups: options.lookups,
      locale: options.locale,
    },
  );
  const what = format === 'xlsx' ? `the ${template.crm} template workbook` : 'CSV';
  let text = `${options.output}: ${written} row${written === 1 ? '' : 's'} written as ${what}\n`;
  for (const note of notes) text += `  ${note}\n`;
  process.stdout.write(text);
  return 0;
}
