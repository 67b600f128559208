import { isSameFile } from '../../node-shared/same-file';
import { parseArgs } from 'node:util';
import {
  analyzeColumns,
  type CellChange,
  type DateOrder,
  type DeadEndAction,
  findDeadEnds,
  setAside,
} from '../../shared/fix';
import {
  applyMapping,
  customFieldNames,
  fieldsOf,
  foldImportNote,
  missingRequired,
} from '../../shared/mapping';
import { detachString, SheetValidator } from '../../shared/validate';
import { compileCellCheck } from '../../shared/validate/cell-checks';
import { checkedColumns } from '../checked-columns';
import { deadEndLines, guessedColumns, guessLines, sourceHeaderOf } from '../mapping-notes';
import { mappingRowFixer } from '../row-fixer';
import { chosenTarget } from '../target';
import { UsageError } from '../errors';
import { resolveMapping } from '../mapping-profile';
import { readLookupsFile } from '../read-lookups';
import { sayRead, sayReadNotes } from '../read-report';
import { readSheetFile } from '../read-sheet';
import { say } from '../say';
import { jsonShown, shown } from '../terminal-text';
import { checkOutputFolder, outputFormat, writeOutputFile } from '../write-output';
import {
  dateOrderOption,
  deadEndsJson,
  describeSource,
  mappingJson,
  mappingOptionSpecs,
  sheetOptionSpecs,
  sheetReadOptions,
} from './map';

export const fixUsage =
  'listprep fix FILE -o OUT.csv|OUT.xlsx [--target NAME] [--fields F,…] [--json] [--unfit keep|notes|clear] [--mapping PROFILE.json] [--ignore-profiles] [--confirm HEADER]... [--date-order mdy|dmy] [--lookups FILE.json] [--sheet NAME] [--encoding E] [--delimiter D] [--header-row N]';

/** Checks --unfit: what to do with values the template cannot hold (a Norwegian list's phones). */
function unfitOption(value: string | undefined): DeadEndAction {
  if (value === 'keep' || value === 'notes' || value === 'clear') return value;
  throw new UsageError(`--unfit must be keep, notes or clear, not "${value}"`);
}

/** One changed cell as the CLI reports it: `row` is the 1-based data row. */
type Change = { row: number } & Omit<CellChange, 'column'>;
type FixTally = { field: string; fix: string; count: number; examples: { from: string; to: string }[] };

const examplesShown = 3;

function tally(changes: readonly Change[]): FixTally[] {
  const byKey = new Map<string, FixTally>();
  for (const change of changes) {
    const key = `${change.field}\u0000${change.fix}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { field: change.field, fix: change.fix, count: 0, examples: [] };
      byKey.set(key, entry);
    }
    entry.count++;
    if (entry.examples.length < examplesShown) entry.examples.push({ from: change.from, to: change.to });
  }
  return [...byKey.values()];
}

/** Tallies in the template's column order, the most frequent fix of a column first. */
function inTemplateOrder(tallies: FixTally[], headers: readonly string[]): FixTally[] {
  return tallies.sort((a, b) => headers.indexOf(a.field) - headers.indexOf(b.field) || b.count - a.count);
}

function quote(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, '⏎');
  return shown(JSON.stringify(flat.length > 30 ? `${flat.slice(0, 29)}…` : flat));
}

/**
 * `listprep fix`: maps a file onto the template (saved profile, `--mapping`, or automatic), applies every
 * certain fix (the app's "Fix everything safe": the same row fixer, guessed columns left alone until
 * `--confirm`), with `--unfit notes|clear` moves aside or clears the values the template cannot hold, writes the result to OUT (.csv or the .xlsx template workbook) and reports each change. The
 * source file is never written. Exit 0 when written, even if errors remain (they are counted: `listprep
 * check OUT` lists them); 1 when a required field has no column (nothing is written).
 */
export async function runFix(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      json: { type: 'boolean', default: false },
      lookups: { type: 'string' },
      unfit: { type: 'string', default: 'keep' },
      ...mappingOptionSpecs,
      ...sheetOptionSpecs,
    },
  });
  if (positionals.length !== 1 || !values.output) throw new UsageError(`usage: ${fixUsage}`);
  const file = positionals[0];
  const output = values.output;
  outputFormat(output);
  if (await isSameFile(file, output))
    throw new UsageError('the output must be another file: the source is never written');
  await checkOutputFolder(output);
  const order = dateOrderOption(values['date-order']);
  const unfit = unfitOption(values.unfit);
  const { lookups, customFields } = await readLookupsFile(values.lookups);
  const { template } = await chosenTarget(values);

  let headers: string[] = [];
  const rows: string[][] = [];
  const read = sheetReadOptions(values);
  const summary = await readSheetFile(file, read, {
    onHeader: (header) => {
      headers = header.headers.map(detachString);
    },
    onRow: (fields) => {
      rows.push(fields.map(detachString));
    },
  });
  const { mapping, source, problems } = await resolveMapping({
    template,
    headers,
    sampleRows: rows.slice(0, 1000),
    mappingFile: values.mapping,
    useSaved: !values['ignore-profiles'],
    confirm: values.confirm,
  });
  sayRead(file, summary, read, { mapping, source });
  sayReadNotes(file, summary);
  for (const problem of problems) say(`skipped ${problem}`);
  const missing = missingRequired(mapping, template);
  if (missing.length) {
    say(`${file}: no column for the required field(s) ${missing.join(', ')}; see \`listprep map ${file}\``);
    return 1;
  }

  // The template's fields, then the custom fields, each checked (and fixed) as the account says.
  const columns = checkedColumns(template, mapping, customFields).columns;
  // Checked and fixed as the app and the server check them: the note field's own value, the `[import]`
  // notes folded in only when written.
  const notes: string[] = [];
  const mapped = rows.map((row) => {
    const { values, custom, note } = applyMapping(mapping, row, { foldNote: false });
    notes.push(note);
    return custom.length ? [...values, ...custom] : values;
  });
  const analysis = analyzeColumns(columns, mapped);
  // The user's word beats a saved choice, which beats what the values say.
  const dateOrderByField: Record<string, DateOrder> = { ...analysis.dateOrderByField };
  if (source.kind !== 'automatic') Object.assign(dateOrderByField, source.profile.dateOrders);
  if (order) for (const field of columns) if (field?.kind === 'date') dateOrderByField[field.header] = order;

  // A field guessed from its values is not fixed until a person confirms it (--confirm HEADER).
  const fixer = mappingRowFixer(template, mapping, lookups, dateOrderByField, { columns });
  const changes: Change[] = [];
  mapped.forEach((values, i) => {
    for (const c of fixer.fixRow(values) ?? []) {
      changes.push({ row: i + 1, field: c.field, from: c.from, to: c.to, fix: c.fix });
    }
  });
  // Columns the template cannot hold: moved to the notes or cleared when the person says so (--unfit).
  // Judged as the values could be once every certain fix ran, guessed columns included.
  const judge = mappingRowFixer(template, mapping, lookups, dateOrderByField, { columns, judgeOnly: true });
  const judged = mapped.map((values) => {
    const copy = [...values];
    judge.fixRow(copy);
    return copy;
  });
  const deadEnds = findDeadEnds(template, columns, lookups, judged);
  if (unfit !== 'keep') {
    const notesColumn = columns.findIndex((f) => f?.header === mapping.noteField);
    const fields = columns.map((f) => f?.header ?? '');
    for (const end of deadEnds) {
      const field = columns[end.col];
      if (!field || (unfit === 'notes' && notesColumn < 0)) continue;
      const check = compileCellCheck(field, template, lookups);
      const label = sourceHeaderOf(mapping, field.header);
      mapped.forEach((values, i) => {
        const value = judged[i][end.col];
        if (value.trim() === '' || check(value) === null) return;
        for (const c of setAside(values, end.col, unfit, { notesColumn, label, fields })) {
          changes.push({ row: i + 1, field: c.field, from: c.from, to: c.to, fix: c.fix });
        }
      });
    }
  }

  const validator = new SheetValidator({ template, columns, lookups });
  for (const values of mapped) validator.addRow(values);
  const remaining = validator.summary();
  const undecided = columns.flatMap((field, col) => {
    const evidence = analysis.dateEvidence[col];
    return field && evidence && evidence.ambiguous > 0 && !dateOrderByField[field.header]
      ? [field.header]
      : [];
  });

  const outputHeaders = [...template.fields.map((f) => f.header), ...customFieldNames(mapping)];
  const written = mapped.map((values, i) => foldImportNote(mapping, values, notes[i]));
  await writeOutputFile(output, outputHeaders, written, { template, lookups });

  const tallies = inTemplateOrder(
    tally(changes),
    columns.map((f) => f?.header ?? ''),
  );
  if (values.json) {
    const report = {
      file,
      output,
      rows: rows.length,
      mappingSource: describeSource(source),
      mapping: mappingJson(mapping.columns),
      dateOrders: dateOrderByField,
      undecidedDateOrder: undecided,
      fixed: changes.length,
      byField: tallies,
      changes,
      guessed: guessedColumns(mapping).map((c) => ({ column: c.header, field: fieldsOf(c.target)[0] })),
      deadEnds: unfit === 'keep' ? deadEndsJson(deadEnds, template, mapping) : [],
      remaining: { errors: remaining.errors, warnings: remaining.warnings },
    };
    process.stdout.write(`${jsonShown(JSON.stringify(report, null, 2))}\n`);
    return 0;
  }
  const out: string[] = [
    shown(
      `${file} -> ${output}: ${rows.length} rows, ${changes.length} cells fixed (mapping ${describeSource(source)})`,
    ),
  ];
  const fieldWidth = Math.max(5, ...tallies.map((t) => t.field.length));
  const fixWidth = Math.max(3, ...tallies.map((t) => t.fix.length));
  for (const t of tallies) {
    const examples = t.examples.map((e) => `${quote(e.from)} -> ${quote(e.to)}`).join(', ');
    out.push(
      `  ${t.field.padEnd(fieldWidth)}  ${t.fix.padEnd(fixWidth)}  ${String(t.count).padStart(7)}  ${examples}`,
    );
  }
  const decided = Object.entries(dateOrderByField).map(
    ([f, o]) => `${f} ${o === 'dmy' ? 'day-first' : 'month-first'}`,
  );
  if (decided.length) out.push(`Date order: ${decided.join(', ')}`);
  out.push(...guessLines(mapping, true));
  if (unfit === 'keep') out.push(...deadEndLines(deadEnds, template, mapping, 'en', true));
  if (undecided.length) {
    out.push(
      `Date order undecided for ${undecided.join(', ')}: dates like 03/04/2021 stay errors (use --date-order mdy|dmy)`,
    );
  }
  out.push(
    remaining.errors || remaining.warnings
      ? shown(
          `Left for a person: ${remaining.errors} errors, ${remaining.warnings} warnings (listprep check ${output})`,
        )
      : 'No errors left.',
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
