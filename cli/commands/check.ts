import { parseArgs } from 'node:util';
import { ColumnAnalyzer, type DateOrder } from '../../shared/fix';
import { missingRequired } from '../../shared/mapping';
import { clientTether } from '../../shared/template';
import { describeFinding, detachString, type Locale, SheetValidator } from '../../shared/validate';
import { type CheckPrinter, jsonPrinter, textPrinter } from '../check-output';
import { InputError, UsageError } from '../errors';
import { readMappedSheet } from '../mapped-sheet';
import { BufferedWriter } from '../output';
import { readLookupsFile } from '../read-lookups';
import { dateOrderOption, mappingOptionSpecs, sheetOptionSpecs, sheetReadOptions } from './map';

// Rows are added in file order and never removed here, so a row's id is its data row number minus one.
const dataRowOf = (rowId: number) => rowId + 1;

export const checkUsage =
  'listprep check FILE [--json] [--lang en|nb] [--date-order mdy|dmy] [--lookups FILE.json] [--mapping PROFILE.json] [--ignore-profiles] [--sheet NAME] [--encoding E] [--delimiter D] [--header-row N]';

// Rows read before the mapping is chosen; they are also the evidence for each date column's day/month order.
const sampleRows = 5000;

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
      ...mappingOptionSpecs,
      ...sheetOptionSpecs,
    },
  });
  if (positionals.length !== 1) throw new UsageError(`usage: ${checkUsage}`);
  const file = positionals[0];
  const locale = parseLocale(values.lang);
  const dateOrder = dateOrderOption(values['date-order']);
  const read = sheetReadOptions(values);
  const lookups = await readLookupsFile(values.lookups);
  const template = clientTether;
  const columns = template.fields;
  const emailCol = columns.findIndex((f) => f.role === 'email');

  const out = new BufferedWriter(process.stdout);
  const printer: CheckPrinter = values.json ? jsonPrinter(out, file) : textPrinter(out);
  const validator = new SheetValidator({ template, columns, lookups });
  // Duplicates are reported after the last row, when the row itself is gone: the validator keeps each
  // email's folded key, and the raw text is kept (detached from the read buffer) only where it differs.
  const rawEmails = new Map<number, string>();
  let sourceHeaderOf: (col: number) => string = () => '';
  let dateOrderByField: Record<string, DateOrder> = {};
  let unchecked: string[] = [];

  const describe = (rowId: number, values: readonly string[], withFixes: boolean) => {
    for (const finding of validator.findings(rowId)) {
      if (!printer.wantsIssues()) return;
      if (withFixes === Boolean(finding.related)) continue; // cell findings now, duplicates at the end
      const fixContext = withFixes ? { template, lookups, dateOrderByField } : undefined;
      const issue = describeFinding(finding, { locale, columns, rowNumber: dataRowOf, values, fixContext });
      printer.issue(issue, sourceHeaderOf(finding.col));
    }
  };

  await readMappedSheet(
    file,
    { template, read, mappingFile: values.mapping, useSavedProfiles: !values['ignore-profiles'], sampleRows },
    {
      onReady: ({ mapping, sample }) => {
        const byField = new Map<string, string>();
        for (const c of mapping.columns) {
          if (c.field) byField.set(c.field, c.header);
          for (const part of c.split ?? []) byField.set(part, c.header);
        }
        if (byField.size === 0) {
          throw new InputError(
            `${file}: no column matches a ${template.crm} field (headers: ${mapping.columns
              .slice(0, 4)
              .map((c) => c.header)
              .join(', ')}…); map them with \`listprep map\` and --mapping`,
          );
        }
        sourceHeaderOf = (col) => byField.get(columns[col].header) ?? '';
        unchecked = mapping.columns.filter((c) => !c.field && !c.split).map((c) => c.header);
        const missing = missingRequired(mapping, template);
        if (missing.length) {
          process.stderr.write(`listprep check: no column for the required field(s) ${missing.join(', ')}\n`);
        }
        const analyzer = new ColumnAnalyzer(columns);
        for (const row of sample) analyzer.add(row);
        dateOrderByField = { ...analyzer.result().dateOrderByField };
        if (dateOrder) for (const f of columns) if (f.kind === 'date') dateOrderByField[f.header] = dateOrder;
      },
      onRow: (mapped) => {
        const rowId = validator.addRow(mapped);
        if (emailCol >= 0) {
          const raw = mapped[emailCol];
          if (raw !== '' && raw !== validator.uniqueKeyOf(rowId, emailCol))
            rawEmails.set(rowId, detachString(raw));
        }
        if (validator.hasFindings(rowId) && printer.wantsIssues()) describe(rowId, mapped, true);
      },
      onChunk: () => out.maybeFlush(),
    },
  );

  for (let rowId = 0; rowId < validator.rowCount && printer.wantsIssues(); rowId++) {
    if (!validator.hasFindings(rowId)) continue;
    const values: string[] = [];
    if (emailCol >= 0)
      values[emailCol] = rawEmails.get(rowId) ?? validator.uniqueKeyOf(rowId, emailCol) ?? '';
    describe(rowId, values, false);
    await out.maybeFlush();
  }

  const summary = validator.summary();
  printer.finish(summary, { file, unchecked, fieldHeaders: columns.map((f) => f.header) });
  await out.flush();
  return summary.errors > 0 ? 1 : 0;
}
