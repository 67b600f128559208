import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isSameFile } from '../../node-shared/same-file';
import type { SheetReadOptions } from '../../shared/codec';
import {
  checkExportable,
  csvFormatOf,
  type ImportChoices,
  ImportSummaryCounter,
  looksLikeFormula,
  resolveChoices,
} from '../../shared/export';
import { ColumnAnalyzer, type DateOrder } from '../../shared/fix';
import { customFieldNames, fieldsOf, foldImportNote, type Mapping } from '../../shared/mapping';
import type { CustomField } from '../../shared/api';
import { clientTether, type FieldDef, type Lookups, type Template, targetName } from '../../shared/template';
import { type ChosenTarget, chosenTarget } from '../target';
import { countLikelyDuplicates, detachString, type Locale, SheetValidator } from '../../shared/validate';
import { describeFinding, type Issue } from '../../shared/problems';
import { checkedColumns } from '../checked-columns';
import { InputError, UsageError } from '../errors';
import { readMappedSheet } from '../mapped-sheet';
import { shown } from '../terminal-text';
import { readLookupsFile } from '../read-lookups';
import { checkOutputFolder, outputFormat, writeOutputFile } from '../write-output';
import { dateOrderOption, mappingOptionSpecs, sheetOptionSpecs, sheetReadOptions } from './map';

export const exportUsage =
  'listprep export FILE -o OUT.xlsx|OUT.csv [--target NAME] [--fields F,…] [--choice ID=VALUE]… [--out-delimiter D] [--split-errors REPORT.xlsx] [--bom] [--neutralize-formulas] [--lookups FILE.json] [--lang en|nb] [--mapping PROFILE.json] [--ignore-profiles] [--sheet NAME] [--encoding E] [--delimiter D] [--header-row N]';

/** What every command that reads a contact file and writes one needs. */
export type SourceOptions = Readonly<{
  file: string;
  output: string;
  locale: Locale;
  lookups?: Lookups;
  /** The account's custom fields (`--lookups` with the server's answer): custom-field columns are checked. */
  customFields: readonly CustomField[];
  read: SheetReadOptions;
  mappingFile?: string;
  useSavedProfiles: boolean;
  /** Columns guessed from their values that the person confirms (`--confirm`). */
  confirm?: readonly string[];
  dateOrder?: DateOrder;
  /** The CRM the list is prepared for (`--target`, ClientTether by default). */
  target: ChosenTarget;
}>;

/**
 * Parses FILE, -o and the reading, mapping and language options; `flags` are the command's own switches,
 * `paths` its own options that name another file to write (never the source).
 */
export async function parseSourceArgs<F extends string, P extends string = never>(
  args: string[],
  usage: string,
  flags: readonly F[],
  paths: readonly P[] = [],
  /** The command's own string options, given back as they were typed (`--choice` is repeatable). */
  strings: readonly string[] = [],
): Promise<
  SourceOptions & {
    flags: Record<F, boolean>;
    paths: Partial<Record<P, string>>;
    strings: Record<string, string[]>;
  }
> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      lookups: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      ...mappingOptionSpecs,
      ...sheetOptionSpecs,
      ...Object.fromEntries(flags.map((flag) => [flag, { type: 'boolean', default: false }])),
      ...Object.fromEntries(paths.map((path) => [path, { type: 'string' }])),
      ...Object.fromEntries(strings.map((name) => [name, { type: 'string', multiple: true }])),
    },
  });
  const output = values.output;
  if (positionals.length !== 1 || typeof output !== 'string') throw new UsageError(`usage: ${usage}`);
  const lang = values.lang;
  if (lang !== 'en' && lang !== 'nb') throw new UsageError(`--lang must be en or nb, not "${lang}"`);
  const file = positionals[0];
  outputFormat(output);
  if (await isSameFile(file, output))
    throw new UsageError(`${output}: that is the source file, which is never written`);
  await checkOutputFolder(output);
  const flagValues = values as Record<string, unknown>;
  const pathValues: Partial<Record<P, string>> = {};
  for (const name of paths) {
    const path = flagValues[name];
    if (typeof path !== 'string') continue;
    if (await isSameFile(file, path))
      throw new UsageError(`${path}: that is the source file, which is never written`);
    if (resolve(output) === resolve(path) || (await isSameFile(output, path)))
      throw new UsageError(`--${name} and -o name the same file`);
    pathValues[name] = path;
  }
  return {
    file,
    output,
    locale: lang,
    ...(await readLookupsFile(values.lookups)),
    read: sheetReadOptions(values),
    mappingFile: values.mapping,
    useSavedProfiles: !values['ignore-profiles'],
    confirm: values.confirm,
    dateOrder: dateOrderOption(values['date-order']),
    target: await chosenTarget(values),
    flags: Object.fromEntries(flags.map((flag) => [flag, flagValues[flag] === true])) as Record<F, boolean>,
    paths: pathValues,
    strings: Object.fromEntries(
      strings.map((name) => [name, (flagValues[name] as string[] | undefined) ?? []]),
    ),
  };
}

// Rows read before the mapping is chosen. Both passes must see the same sample to choose the same mapping.
const sampleRows = 1000;
// Rows whose values are kept from the first pass, to quote them when the export is refused.
const quotedRows = 20;

/** What the first pass over the source learns: its mapping, its columns and every problem in it. */
export type CheckedSource = Readonly<{
  mapping: Mapping;
  /** Custom-field columns: their names, after the template's columns in the output. */
  customHeaders: readonly string[];
  /** What each output column is checked as (checked-columns.ts): the template's fields, then custom fields. */
  columns: readonly (FieldDef | null)[];
  validator: SheetValidator;
  rows: number;
  /** Values of the first rows with problems, to quote them when the export is refused. */
  quoted: ReadonlyMap<number, readonly string[]>;
  /** Output cells that a spreadsheet would take for a formula. */
  formulaCells: number;
  dateOrderByField: Readonly<Record<string, DateOrder>>;
}>;

/** Source columns by what happens to them, for the summary line. */
export function columnFates(mapping: Mapping): { notes: string[]; dropped: string[]; custom: string[] } {
  const named = (kind: 'note' | 'skip') =>
    mapping.columns.filter((c) => c.target.kind === kind).map((c) => c.header);
  // Without a note field, the columns meant to be kept as notes are dropped too.
  const notes = mapping.noteField ? named('note') : [];
  const dropped = [...named('skip'), ...(mapping.noteField ? [] : named('note'))];
  return { notes, dropped: dropped.filter((h) => h !== ''), custom: customFieldNames(mapping) };
}

/**
 * First pass: maps the file onto the template (automatic, saved profile or --mapping) and streams every row
 * through the validator without keeping it, so a million rows cost the validator's indexes and no more.
 * The rows are read again to be written.
 */
export async function checkSource(
  options: SourceOptions,
  template: Template = clientTether,
): Promise<CheckedSource> {
  let mapping: Mapping | undefined;
  let columns: readonly (FieldDef | null)[] = template.fields;
  let validator = new SheetValidator({ template, columns, lookups: options.lookups });
  const quoted = new Map<number, readonly string[]>();
  let formulaCells = 0;
  let dateOrderByField: Record<string, DateOrder> = {};
  await readMappedSheet(
    options.file,
    {
      template,
      read: options.read,
      mappingFile: options.mappingFile,
      useSavedProfiles: options.useSavedProfiles,
      confirm: options.confirm,
      sampleRows,
      checkedRows: true,
    },
    {
      onReady: (ready) => {
        mapping = ready.mapping;
        columns = checkedColumns(template, ready.mapping, options.customFields).columns;
        if (columns.length > template.fields.length)
          validator = new SheetValidator({ template, columns, lookups: options.lookups });
        if (!ready.mapping.columns.some((c) => fieldsOf(c.target).length > 0)) {
          throw new InputError(
            `${options.file}: no column matches a ${template.crm} field (headers: ${ready.headers.slice(0, 4).join(', ')}…); map them with \`listprep map\` and --mapping`,
          );
        }
        const analyzer = new ColumnAnalyzer(columns);
        for (const row of ready.sample) analyzer.add(row);
        dateOrderByField = { ...analyzer.result().dateOrderByField };
        if (options.dateOrder) {
          for (const f of columns) if (f?.kind === 'date') dateOrderByField[f.header] = options.dateOrder;
        }
      },
      onRow: (values) => {
        const rowId = validator.addRow(values);
        for (const value of values) if (value !== '' && looksLikeFormula(value)) formulaCells++;
        if (quoted.size < quotedRows && validator.hasFindings(rowId))
          quoted.set(rowId, values.map(detachString));
      },
    },
  );
  if (!mapping) throw new InputError(`${options.file}: the file has no header row`);
  return {
    mapping,
    customHeaders: customFieldNames(mapping),
    columns,
    validator,
    rows: validator.rowCount,
    quoted,
    formulaCells,
    dateOrderByField,
  };
}

/**
 * A row as it was checked: the template's values (the note field's own value), then the custom fields'
 * values, and its `[import]` note, folded into the note field when the row is written (`outputRow`).
 */
export type CheckedRow = Readonly<{ values: string[]; note: string }>;

/** A checked row as it is written: the `[import]` note in the note field. */
export function outputRow(mapping: Mapping, row: CheckedRow): string[] {
  return foldImportNote(mapping, row.values, row.note);
}

/**
 * Second pass: the rows again, mapped as in the first pass (a different mapping, say a profile saved in
 * between, stops the export), in batches of one chunk of the file. Reading waits while a batch is written,
 * so memory stays flat however large the file.
 */
export async function* mappedRowBatches(
  options: SourceOptions,
  checked: CheckedSource,
  template: Template = clientTether,
): AsyncGenerator<CheckedRow[]> {
  let batch: CheckedRow[] = [];
  let finished = false;
  let stopped = false;
  let failure: unknown;
  let signalReady: () => void = () => {};
  let signalTaken: () => void = () => {};
  let ready = new Promise<void>((r) => {
    signalReady = r;
  });
  const handOver = async () => {
    const taken = new Promise<void>((r) => {
      signalTaken = r;
    });
    signalReady();
    await taken;
    if (stopped) throw new Error('stopped');
  };
  const reading = readMappedSheet(
    options.file,
    {
      template,
      read: options.read,
      mappingFile: options.mappingFile,
      useSavedProfiles: options.useSavedProfiles,
      confirm: options.confirm,
      sampleRows,
      checkedRows: true,
      // The first pass said how the file was read.
      announce: { header: false, notes: false },
    },
    {
      onReady: ({ mapping }) => {
        if (JSON.stringify(mapping) !== JSON.stringify(checked.mapping)) {
          throw new InputError(`${options.file}: the columns were mapped differently on the second read`);
        }
      },
      onRow: (values, _source, _line, note) => {
        batch.push({ values, note });
      },
      onChunk: handOver,
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

/** The validator's row ids of a file read in one go: 0, 1, 2… in file order. */
export function* rowIds(count: number): Generator<number> {
  for (let i = 0; i < count; i++) yield i;
}

function issueLine(issue: Issue): string {
  const value = issue.value.length > 40 ? `${issue.value.slice(0, 39)}…` : issue.value;
  return `${shown(`  row ${issue.row}, ${issue.field}${value ? ` "${value}"` : ''}: ${issue.message}`)}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Lines saying where the columns that are not template fields went. */
export function fateNotes(checked: CheckedSource): string[] {
  const fates = columnFates(checked.mapping);
  const notes: string[] = [];
  if (fates.custom.length)
    notes.push(`custom fields, after the template's columns: ${fates.custom.join(', ')}`);
  if (fates.notes.length) {
    notes.push(`kept as [import] notes in ${checked.mapping.noteField}: ${fates.notes.join(', ')}`);
  }
  if (fates.dropped.length) notes.push(`left out, not in the template: ${fates.dropped.join(', ')}`);
  return notes;
}

/** Which rows have at least one error (1) and which none (0), by row id: one look at each row. */
export function rowsWithErrors(source: CheckedSource): Uint8Array {
  const marks = new Uint8Array(source.rows);
  const { validator } = source;
  for (let id = 0; id < source.rows; id++) {
    if (validator.hasFindings(id) && validator.findings(id).some((f) => f.severity === 'error'))
      marks[id] = 1;
  }
  return marks;
}

/** `--choice ID=VALUE` options as the template's import choices, each checked (import-summary.ts). */
function importChoices(template: Template, given: readonly string[]): ImportChoices {
  const pairs: Record<string, string> = {};
  for (const text of given) {
    const at = text.indexOf('=');
    if (at <= 0) throw new UsageError(`--choice must be ID=VALUE, not "${text}"`);
    pairs[text.slice(0, at).trim()] = text.slice(at + 1).trim();
  }
  const resolved = resolveChoices(template, pairs);
  if (!resolved.ok) throw new UsageError(`--choice: ${resolved.reason}`);
  return resolved.choices;
}

/** The CSV delimiter asked for (`--out-delimiter`, "tab" for a tab), which the target's CRM must take. */
function outputDelimiter(template: Template, given: string | undefined): string | undefined {
  if (given === undefined) return undefined;
  const delimiter = given === 'tab' ? '\t' : given;
  if (!template.export.csv.delimiters.some((d) => d === delimiter)) {
    const named = template.export.csv.delimiters.map((d) => (d === '\t' ? 'tab' : d)).join(' ');
    throw new UsageError(`--out-delimiter: ${template.crm} takes ${named}, not "${given}"`);
  }
  return delimiter;
}

/**
 * `listprep export`: writes the clean template workbook or CSV. Exit 0 written, 1 refused (errors left).
 * With `--split-errors REPORT.xlsx` the rows with errors go to that error report and the others to OUT, so
 * the CRM's file still holds no error and no row is left out; the counts are said before anything is written.
 */
export async function runExport(args: string[]): Promise<number> {
  const options = await parseSourceArgs(
    args,
    exportUsage,
    ['bom', 'neutralize-formulas'] as const,
    ['split-errors'] as const,
    ['choice', 'out-delimiter'],
  );
  const format = outputFormat(options.output);
  const { template } = options.target;
  // Each CRM imports its own kind of file: MainBrainer and the dealer CRM take CSV only.
  if (!template.export.formats.includes(format)) {
    throw new UsageError(
      `${template.crm} imports ${template.export.formats.map((f) => `.${f}`).join(' or ')} files: write ${options.output.replace(/\.[^.]*$/, '')}.${template.export.formats[0]}`,
    );
  }
  const choices = importChoices(template, options.strings.choice);
  const delimiters = options.strings['out-delimiter'];
  const csvFormat = csvFormatOf(template, outputDelimiter(template, delimiters[delimiters.length - 1]));
  const reportPath = options.paths['split-errors'];
  if (reportPath !== undefined && outputFormat(reportPath) !== 'xlsx')
    throw new UsageError('--split-errors writes the error report, a workbook: use an .xlsx file');
  const source = await checkSource(options, template);
  const withErrors = reportPath === undefined ? null : rowsWithErrors(source);
  const refusal = withErrors
    ? null
    : checkExportable(
        source.validator,
        rowIds(source.rows),
        (finding) =>
          describeFinding(finding, {
            locale: options.locale,
            columns: source.columns,
            rowNumber: (id) => id + 1,
            values: source.quoted.get(finding.rowId) ?? [],
            template,
            lookups: options.lookups,
          }),
        { locale: options.locale },
      );
  if (refusal) {
    let text = `${shown(`${options.file}: ${refusal.message}`)}\n`;
    for (const issue of refusal.firstProblems) text += issueLine(issue);
    if (refusal.errors > refusal.firstProblems.length) {
      text += `  … and ${refusal.errors - refusal.firstProblems.length} more errors\n`;
    }
    const target = template.id === clientTether.id ? '' : ` --target ${targetName(template)}`;
    text += `${shown(`See them all: listprep check ${options.file}${target}`)}\n${shown(`A workbook to fix them in: listprep report ${options.file}${target} -o report.xlsx`)}\n`;
    process.stderr.write(text);
    return 1;
  }

  const notes: string[] = [];
  const warnings = source.validator.summary().warnings;
  if (warnings) notes.push(`${plural(warnings, 'warning')} (not blocking; listprep check shows them)`);
  notes.push(...fateNotes(source));
  if (format === 'xlsx' && (options.flags.bom || options.flags['neutralize-formulas'])) {
    notes.push('--bom and --neutralize-formulas apply to CSV only; an .xlsx never runs a cell as a formula');
  }
  if (format === 'csv' && options.flags['neutralize-formulas'] && source.formulaCells) {
    notes.push(
      `${plural(source.formulaCells, 'cell')} starting with = + - @, tab or CR now start with an apostrophe ('): the CRM receives them changed`,
    );
  }

  let errorRows = 0;
  if (withErrors && reportPath !== undefined) {
    for (const mark of withErrors) errorRows += mark;
    process.stdout.write(
      `${options.file}: ${plural(source.rows - errorRows, 'row')} without errors go to ${options.output}; ${plural(errorRows, 'row')} with errors to ${errorRows ? reportPath : 'no report'}\n`,
    );
  }

  const headers = [...template.fields.map((f) => f.header), ...source.customHeaders];
  const counter = new ImportSummaryCounter(template, headers, choices);
  let read = 0;
  let written = 0;
  async function* rows() {
    for await (const batch of mappedRowBatches(options, source, template)) {
      for (const row of batch) {
        const id = read++;
        if (withErrors?.[id]) continue;
        written++;
        const values = outputRow(source.mapping, row);
        counter.add(values);
        yield values;
      }
    }
    if (read !== source.rows) {
      throw new InputError(
        `${options.file}: the file changed while it was being exported; nothing was written`,
      );
    }
  }
  await writeOutputFile(options.output, headers, rows(), {
    bom: format === 'csv' && (options.flags.bom || csvFormat.bom),
    delimiter: csvFormat.delimiter,
    neutralizeFormulas: format === 'csv' && options.flags['neutralize-formulas'],
    template,
    lookups: options.lookups,
    locale: options.locale,
  });
  const summary = counter.result(
    options.locale,
    template.summary.some((p) => p.kind === 'twoOfNamePhoneEmail')
      ? countLikelyDuplicates(source.validator, rowIds(source.rows))
      : undefined,
  );
  const what = format === 'xlsx' ? `the ${template.crm} template workbook` : `${template.crm} CSV`;
  let text = `${shown(`${options.output}: ${plural(written, 'row')} written as ${what}`)}\n`;
  for (const note of notes) text += `  ${shown(note)}\n`;
  for (const line of summary.lines) text += `  ${shown(line)}\n`;
  if (!template.upload)
    text += `  ${template.crm} imports this file itself; listprep upload sends lists to ClientTether's import server only\n`;
  process.stdout.write(text);
  if (withErrors && reportPath !== undefined && errorRows > 0) {
    // Loaded for a split only: the report command builds on this module.
    const { writeErrorReport } = await import('./report');
    const reported = await writeErrorReport(options, source, (id) => withErrors[id] === 1, false, reportPath);
    process.stdout.write(`${reportPath}: ${plural(reported, 'row')} with errors, for the customer to fix\n`);
  }
  return 0;
}
