import { type ReportRow, reportRowNumbers } from '../../shared/export';
import { describeFinding } from '../../shared/problems';
import { UsageError } from '../errors';
import { shown } from '../terminal-text';
import { outputFormat, writeReportFile } from '../write-output';
import {
  type CheckedSource,
  checkSource,
  fateNotes,
  mappedRowBatches,
  outputRow,
  parseSourceArgs,
  type SourceOptions,
} from './export';

export const reportUsage =
  'listprep report FILE -o OUT.xlsx [--target NAME] [--fields F,…] [--all-rows] [--lookups FILE.json] [--lang en|nb] [--date-order mdy|dmy] [--mapping PROFILE.json] [--ignore-profiles] [--sheet NAME] [--encoding E] [--delimiter D] [--header-row N]';

/**
 * `listprep report`: the error report, the one export allowed with errors. A workbook of the rows with
 * problems (or all rows) that a customer fixes in Excel and sends back. Exit 0 when written.
 */
export async function runReport(args: string[]): Promise<number> {
  const options = await parseSourceArgs(args, reportUsage, ['all-rows'] as const);
  if (outputFormat(options.output) !== 'xlsx') {
    throw new UsageError('the error report is a workbook: use an .xlsx file');
  }
  const allRows = options.flags['all-rows'];
  const { template } = options.target;
  const source = await checkSource(options, template);
  const { validator } = source;
  const written = await writeErrorReport(
    options,
    source,
    (id) => allRows || validator.hasFindings(id),
    allRows,
  );
  const summary = validator.summary();
  let text = `${shown(
    `${options.output}: ${written} of ${source.rows} rows` +
      `${allRows ? '' : ' (the rows with problems)'}; ${summary.errors} errors, ${summary.warnings} warnings`,
  )}\n`;
  for (const note of fateNotes(source)) text += `  ${shown(note)}\n`;
  process.stdout.write(text);
  return 0;
}

/**
 * Writes the error report of the rows `included` (in file order) to `options.output`, or to `path`: each
 * problem worded with the row numbers Excel shows in the report. The rows are read again; the number written.
 */
export async function writeErrorReport(
  options: SourceOptions,
  source: CheckedSource,
  included: (rowId: number) => boolean,
  allRows: boolean,
  path: string = options.output,
): Promise<number> {
  const { template } = options.target;
  const { validator } = source;
  // Rows are numbered as Excel shows them in the report, so "also used in row 7" can be found there.
  const numbers = reportRowNumbers(source.rows, included, allRows);
  const fixContext = { template, lookups: options.lookups, dateOrderByField: source.dateOrderByField };
  let rowId = 0;
  let written = 0;
  async function* rows(): AsyncGenerator<ReportRow> {
    for await (const batch of mappedRowBatches(options, source, template)) {
      for (const row of batch) {
        const { values } = row;
        const id = rowId++;
        if (numbers[id] === 0) continue;
        written++;
        const problems = validator.hasFindings(id)
          ? validator.findings(id).map((finding) =>
              describeFinding(finding, {
                locale: options.locale,
                columns: source.columns,
                rowNumber: (other) => numbers[other],
                values,
                fixContext,
              }),
            )
          : [];
        // Worded from the row as it was checked, written with its notes folded in.
        yield { values: outputRow(source.mapping, row), problems };
      }
    }
    if (rowId !== source.rows)
      throw new Error(`${options.file}: the file changed while the report was written`);
  }
  await writeReportFile(path, rows(), {
    template,
    lookups: options.lookups,
    locale: options.locale,
    allRows,
    sourceRows: source.rows,
    extraColumns: source.customHeaders.map((header, i) => ({
      header,
      field: source.columns[template.fields.length + i]?.header,
    })),
  });
  return written;
}
