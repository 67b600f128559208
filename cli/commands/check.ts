import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type CellChange, ColumnAnalyzer, type DateOrder, type RowFixer } from '../../shared/fix';
import { fieldsOf, missingRequired } from '../../shared/mapping';
import type { FieldDef } from '../../shared/template';
import { type DuplicateGroup, type Locale, SheetValidator } from '../../shared/validate';
import { describeFinding } from '../../shared/problems';
import { type CheckNotes, type CheckPrinter, jsonPrinter, largestGroups, textPrinter } from '../check-output';
import { defaultThreads, minParallelBytes, ParallelCheck } from '../check-parallel';
import { checkedColumns } from '../checked-columns';
import { deadEndLines, deadEndsOf, guessedColumns, guessLines } from '../mapping-notes';
import { mappingRowFixer, withRowFix } from '../row-fixer';
import { InputError, UsageError } from '../errors';
import { isIdentity, readMappedSheet } from '../mapped-sheet';
import { BufferedWriter } from '../output';
import { rawEmailOf } from '../raw-email';
import { sniffFile } from '../read-sheet';
import { readLookupsFile } from '../read-lookups';
import { lineNotes, type ReadNote, raggedNotes, RowLines } from '../read-notes';
import { sayReadNotes } from '../read-report';
import { say } from '../say';
import { chosenTarget } from '../target';
import { dateOrderOption, deadEndsJson, mappingOptionSpecs, sheetOptionSpecs, sheetReadOptions } from './map';

// Rows are added in file order and never removed here, so a row's id is its data row number minus one.
const dataRowOf = (rowId: number) => rowId + 1;

export const checkUsage =
  'listprep check FILE [--target NAME] [--fields F,…] [--json] [--lang en|nb] [--date-order mdy|dmy] [--lookups FILE.json] [--mapping PROFILE.json] [--ignore-profiles] [--sheet NAME] [--encoding E] [--delimiter D] [--header-row N] [--threads N]';

// Issues shown in full by the text output (the rest are counted), and duplicate groups described.
const textIssues = 20;
const shownGroups = 5;

// Rows read before the mapping is chosen; they are also the evidence for each date column's day/month order.
const sampleRows = 5000;

function parseThreads(value: string | undefined): number {
  if (value === undefined) return defaultThreads();
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64)
    throw new UsageError(`--threads must be a whole number from 1 to 64, not "${value}"`);
  return threads;
}

async function fileSize(file: string): Promise<number> {
  // A missing or unreadable file is reported by the reader, with its reasons; here it is just "small".
  return stat(file).then(
    (s) => s.size,
    () => 0,
  );
}

function parseLocale(value: string): Locale {
  if (value !== 'en' && value !== 'nb') throw new UsageError(`--lang must be en or nb, not "${value}"`);
  return value;
}

/**
 * `listprep check`: maps any contact file onto the template and reports every problem. Exit 0 when there
 * are no errors, 1 when there are (warnings alone do not fail). Rows stream through the validator, so a
 * million-row file is checked in bounded memory; duplicates need the whole file and are reported last.
 */
export async function runCheck(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      lang: { type: 'string', default: 'en' },
      lookups: { type: 'string' },
      threads: { type: 'string' },
      ...mappingOptionSpecs,
      ...sheetOptionSpecs,
    },
  });
  if (positionals.length !== 1) throw new UsageError(`usage: ${checkUsage}`);
  const file = positionals[0];
  const locale = parseLocale(values.lang);
  const dateOrder = dateOrderOption(values['date-order']);
  const readOptions = sheetReadOptions(values);
  const threads = parseThreads(values.threads);
  const { lookups, customFields } = await readLookupsFile(values.lookups);
  const { template, choice } = await chosenTarget(values);
  // The template's fields, then (once the mapping is known) its custom-field columns: checked-columns.ts.
  let columns: readonly (FieldDef | null)[] = template.fields;
  const emailCol = template.fields.findIndex((f) => f.role === 'email');

  const out = new BufferedWriter(process.stdout);
  const printer: CheckPrinter = values.json ? jsonPrinter(out, file) : textPrinter(out, textIssues);
  let validator = new SheetValidator({ template, columns, lookups });
  // Duplicates are reported after the last row, when the row itself is gone: the validator keeps each
  // email's folded key, and the raw text is kept (detached from the read buffer) only where it differs.
  const rawEmails = new Map<number, string>();
  let sourceHeaders: readonly string[] = [];
  // The field a source column goes to (for read notes, which point at source columns), the file's own
  // headers, and each row's line.
  let fieldOfSource: (column: number) => string = () => '';
  let fileHeaders: readonly string[] = [];
  const rowLines = new RowLines();
  const notes: ReadNote[] = [];
  let noteCount = 0;
  let dateOrderByField: Record<string, DateOrder> = {};
  let unchecked: readonly string[] = [];

  // The fixes `listprep fix` would make (guessed columns left alone): each cell issue's suggestion.
  let fixer: RowFixer | null = null;
  let advice: string[] = [];
  let adviceJson: CheckNotes['advice'] = { guessed: [], deadEnds: [] };

  const describe = (rowId: number, values: readonly string[], withFixes: boolean) => {
    let fixes: CellChange[] | null | undefined;
    for (const finding of validator.findings(rowId)) {
      if (!printer.wantsIssues()) return;
      if (withFixes === Boolean(finding.groups)) continue; // cell findings now, duplicates at the end
      const issue = describeFinding(finding, {
        locale,
        columns,
        rowNumber: dataRowOf,
        values,
        template,
        lookups,
      });
      if (withFixes && fixes === undefined) fixes = fixer?.fixRow([...values]) ?? null;
      printer.issue(withFixes ? withRowFix(issue, fixes ?? null) : issue, sourceHeaders[finding.col] ?? '');
    }
  };

  // Every issue in file order (--json) streams from one thread; a summary can come from several. A workbook
  // is one deflate stream, which cannot be split: it is read in one thread, and no worker is started for it.
  const size = await fileSize(file);
  const splittable = size >= minParallelBytes && (await sniffFile(file).catch(() => 'text')) === 'text';
  const parallel =
    values.json || !splittable
      ? null
      : ParallelCheck.start(file, size, threads, values.threads !== undefined);
  try {
    const read = await readMappedSheet(
      file,
      {
        template,
        read: readOptions,
        announce: { header: true, notes: false },
        mappingFile: values.mapping,
        useSavedProfiles: !values['ignore-profiles'],
        confirm: values.confirm,
        sampleRows,
        checkedRows: true,
        bytesOf: parallel ? (handle) => parallel.bytes(handle) : undefined,
      },
      {
        onHeader: (header) => parallel?.begin(header, readOptions.maxRowLength),
        onReady: ({ header, headers, mapping, sample, sampleRowChars }) => {
          fileHeaders = headers;
          fieldOfSource = (column) =>
            fieldsOf(mapping.columns[column]?.target ?? { kind: 'skip' }).join(' + ');
          const checked = checkedColumns(template, mapping, customFields);
          if (checked.columns.length > columns.length) {
            columns = checked.columns;
            validator = new SheetValidator({ template, columns, lookups });
          }
          // A CSV's size and its rows' length tell about how many rows come: the indexes are sized once.
          if (header.kind === 'csv' && sampleRowChars > 0) validator.reserve(size / (sampleRowChars + 1));
          if (!mapping.columns.some((c) => fieldsOf(c.target).length > 0)) {
            throw new InputError(
              `${file}: no column matches a ${template.crm} field (headers: ${mapping.columns
                .slice(0, 4)
                .map((c) => c.header)
                .join(', ')}…); map them with \`listprep map\` and --mapping`,
            );
          }
          sourceHeaders = checked.sourceHeaders;
          unchecked = checked.unchecked;
          const missing = missingRequired(mapping, template);
          if (missing.length) say(`no column for the required field(s) ${missing.join(', ')}`);
          const analyzer = new ColumnAnalyzer(columns);
          for (const row of sample) analyzer.add(row);
          dateOrderByField = { ...analyzer.result().dateOrderByField };
          if (dateOrder)
            for (const f of columns) if (f?.kind === 'date') dateOrderByField[f.header] = dateOrder;
          fixer = mappingRowFixer(template, mapping, lookups, dateOrderByField, { columns });
          // Guesses to confirm and columns the template cannot hold, read from the sample.
          const deadEnds = deadEndsOf(template, mapping, sample, lookups, dateOrderByField);
          advice = [
            ...guessLines(mapping, false),
            ...deadEndLines(deadEnds, template, mapping, locale, false),
          ];
          adviceJson = {
            guessed: guessedColumns(mapping).map((c) => ({ column: c.header, field: fieldsOf(c.target)[0] })),
            deadEnds: deadEndsJson(deadEnds, template, mapping),
          };
          parallel?.plan({
            target: choice,
            mapping,
            identity: isIdentity(mapping),
            lookups,
            customFields,
            dateOrderByField,
            locale,
            issuesWanted: textIssues,
          });
        },
        onRow: (mapped, _source, line) => {
          rowLines.push(line);
          const rowId = validator.addRow(mapped);
          const raw = rawEmailOf(validator, rowId, mapped, emailCol);
          if (raw !== null) rawEmails.set(rowId, raw);
          if (validator.hasFindings(rowId) && printer.wantsIssues()) describe(rowId, mapped, true);
        },
        onChunk: (position) => {
          parallel?.track(position);
          return out.maybeFlush();
        },
      },
    );
    sayReadNotes(file, read, { listedAtRows: true });
    // The workers' parts follow the main thread's rows in file order; adopting them finds the duplicates.
    const parts = parallel ? await parallel.finish() : [];
    const excel = read.kind === 'xlsx';
    notes.push(...lineNotes(read, locale, (line) => rowLines.rowOf(line)));
    // In a workbook every cell has its column's address: a short row only left its last cells empty.
    const ragged = excel ? { ragged: [], raggedCount: 0 } : read;
    notes.push(...raggedNotes(ragged.ragged, read.headerCells, excel, locale));
    const cellNotes = read.cellNoteCount - read.cellNoteCounts['xlsx.errorCell'];
    noteCount += (read.unclosedQuotes?.length ?? 0) + cellNotes + ragged.raggedCount;
    if (process.env.LISTPREP_TRACE) {
      const how = parts.length
        ? `${parts.length + 1} threads`
        : `one thread (${parallel?.fallback ?? 'small file or one thread asked for'})`;
      say(`read in ${how}`);
    }
    for (const part of parts) {
      const first = validator.adoptRows(part.rows);
      notes.push(...raggedNotes(part.read.ragged, read.headerCells, excel, locale, first));
      noteCount += part.read.raggedCount;
      for (const [rowId, raw] of part.rawEmails) rawEmails.set(first + rowId, raw);
      // Their first issues follow the main thread's in the text output (rows numbered within the part).
      for (const issue of part.issues) {
        if (!printer.wantsIssues()) break;
        printer.issue({ ...issue, row: issue.row + first }, sourceHeaders[issue.column] ?? '');
      }
    }
  } finally {
    await parallel?.close();
  }

  // What the reader noticed, in row order, then the duplicates (which needed the whole file).
  notes.sort((a, b) => a.row - b.row);
  for (const note of notes) {
    const column = note.column >= 0 ? (fileHeaders[note.column] ?? '') : '';
    printer.note(note, column, note.column >= 0 ? fieldOfSource(note.column) : '');
  }

  for (let rowId = 0; rowId < validator.rowCount && printer.wantsIssues(); rowId++) {
    if (!validator.hasFindings(rowId)) continue;
    const values: string[] = [];
    if (emailCol >= 0)
      values[emailCol] = rawEmails.get(rowId) ?? validator.uniqueKeyOf(rowId, emailCol) ?? '';
    describe(rowId, values, false);
    await out.maybeFlush();
  }

  const checked = validator.summary();
  const summary = { ...checked, warnings: checked.warnings + noteCount };
  const numbered = (group: DuplicateGroup) => ({ ...group, firstRows: group.firstRows.map(dataRowOf) });
  printer.finish(summary, {
    file,
    unchecked,
    fieldHeaders: columns.map((f) => f?.header ?? ''),
    largestGroups: largestGroups(validator.duplicateGroups(), shownGroups).map(numbered),
    groupCount: validator.duplicateGroupCount,
    noteCount,
    adviceLines: advice,
    advice: adviceJson,
  });
  await out.flush();
  return summary.errors > 0 ? 1 : 0;
}
