import { parseArgs } from 'node:util';
import type { DateOrder } from '../../shared/fix';
import { clientTether, type FieldDef, type Lookups, lookupsSchema } from '../../shared/template';
import {
  columnsFromHeaders,
  describeFinding,
  type Issue,
  type Locale,
  SheetValidator,
  detachString,
} from '../../shared/validate';
import { InputError, UsageError } from '../errors';
import { BufferedWriter } from '../output';
import { streamCsvFile } from '../read-csv';
import { readJsonFile } from '../read-json';

export const checkUsage =
  'listprep check FILE [--json] [--date-order mdy|dmy] [--lang en|nb] [--lookups FILE.json] [--encoding E] [--delimiter D]';

type CheckOptions = {
  file: string;
  json: boolean;
  dateOrder?: DateOrder;
  locale: Locale;
  lookups?: Lookups;
  encoding?: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  delimiter?: string;
};

async function parseCheckArgs(args: string[]): Promise<CheckOptions> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'date-order': { type: 'string' },
      lang: { type: 'string', default: 'en' },
      lookups: { type: 'string' },
      encoding: { type: 'string' },
      delimiter: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError(`usage: ${checkUsage}`);
  const dateOrder = values['date-order'];
  if (dateOrder !== undefined && dateOrder !== 'mdy' && dateOrder !== 'dmy') {
    throw new UsageError(`--date-order must be mdy or dmy, not "${dateOrder}"`);
  }
  if (values.lang !== 'en' && values.lang !== 'nb')
    throw new UsageError(`--lang must be en or nb, not "${values.lang}"`);
  const encoding = values.encoding?.toLowerCase();
  if (encoding !== undefined && !['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'].includes(encoding)) {
    throw new UsageError(
      `--encoding must be utf-8, utf-16le, utf-16be or windows-1252, not "${values.encoding}"`,
    );
  }
  const delimiter = values.delimiter === 'tab' || values.delimiter === '\\t' ? '\t' : values.delimiter;
  if (delimiter !== undefined && (delimiter.length !== 1 || delimiter === '"')) {
    throw new UsageError('--delimiter must be one character (or "tab")');
  }
  let lookups: Lookups | undefined;
  if (values.lookups) {
    const parsed = lookupsSchema.safeParse(await readJsonFile(values.lookups));
    if (!parsed.success)
      throw new InputError(`${values.lookups}: not a lookups file (${parsed.error.issues[0]?.message})`);
    lookups = parsed.data;
  }
  return {
    file: positionals[0],
    json: values.json,
    dateOrder,
    locale: values.lang,
    lookups,
    encoding: encoding as CheckOptions['encoding'],
    delimiter,
  };
}

function isBlankRow(fields: readonly string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}

function formatIssueLine(issue: Issue): string {
  const value = issue.value.length > 40 ? `${issue.value.slice(0, 39)}…` : issue.value;
  const fix = issue.fix ? ` Suggested: "${issue.fix.value}".` : '';
  return `  row ${issue.row}, ${issue.field}${value ? ` "${value}"` : ''}: ${issue.message}${fix}\n`;
}

/** `listprep check`: validates a file and reports every problem. Exit 0 clean, 1 errors found. */
export async function runCheck(args: string[]): Promise<number> {
  const options = await parseCheckArgs(args);
  const out = new BufferedWriter(process.stdout);
  const template = clientTether;
  const fixContext = { template, lookups: options.lookups, dateOrder: options.dateOrder };
  const shownInText = 20;

  let headers: string[] | undefined;
  let columns: (FieldDef | null)[] = [];
  let validator: SheetValidator | undefined;
  let emailCol = -1;
  // Duplicates are only known at the end, when the row is gone. The validator keeps each email's folded key;
  // the raw text is kept (detached from the read buffer) only where it differs from that key.
  let rawEmails = new Map<number, string>();
  let rowNumbers: number[] = [];
  let issueCount = 0;
  let firstJsonIssue = true;

  // Wording an issue (message, fix) costs far more than finding it; in text mode only the first few are shown.
  const wantsMore = () => options.json || issueCount < shownInText;
  const emit = (issue: Issue) => {
    issueCount++;
    if (options.json) {
      const header = headers?.[issue.column] ?? '';
      const record = {
        row: issue.row,
        column: header,
        field: issue.field,
        code: issue.code,
        severity: issue.severity,
        value: issue.value,
        message: issue.message,
        fix: issue.fix?.value ?? null,
        ...(issue.related ? { related: issue.related } : {}),
      };
      out.write(`${firstJsonIssue ? '' : ','}\n    ${JSON.stringify(record)}`);
      firstJsonIssue = false;
    } else if (issueCount <= shownInText) {
      out.write(formatIssueLine(issue));
    }
  };

  const reset = () => {
    headers = undefined;
    validator = undefined;
    rawEmails = new Map();
    rowNumbers = [];
  };

  if (options.json) out.write(`{\n  "file": ${JSON.stringify(options.file)},\n  "issues": [`);
  let dataRow = 0;
  await streamCsvFile(
    options.file,
    { encoding: options.encoding, delimiter: options.delimiter },
    (fields) => {
      if (!headers) {
        if (isBlankRow(fields)) return;
        headers = fields.map((h) => detachString(h.trim()));
        columns = columnsFromHeaders(template, headers);
        if (!columns.some(Boolean)) {
          throw new InputError(
            `${options.file}: no column matches a ${template.crm} template header (first row: ${headers.slice(0, 4).join(', ')}…)`,
          );
        }
        validator = new SheetValidator({ template, columns, lookups: options.lookups });
        emailCol = columns.findIndex((f) => f?.role === 'email');
        return;
      }
      if (isBlankRow(fields)) return;
      dataRow++;
      const rowId = validator!.addRow(fields);
      rowNumbers[rowId] = dataRow;
      if (emailCol >= 0) {
        const raw = fields[emailCol] ?? '';
        if (raw !== validator!.uniqueKeyOf(rowId, emailCol)) rawEmails.set(rowId, detachString(raw));
      }
      if (!validator!.hasFindings(rowId) || !wantsMore()) return;
      for (const finding of validator!.findings(rowId)) {
        if (finding.related) continue; // duplicates are reported once the whole file is known
        emit(
          describeFinding(finding, {
            locale: options.locale,
            columns,
            rowNumber: (id) => rowNumbers[id],
            values: fields,
            fixContext,
          }),
        );
      }
    },
    reset,
    () => out.maybeFlush(),
  );
  if (!validator) throw new InputError(`${options.file}: the file has no header row`);

  // Sheet rules: every member of a duplicate group, each pointing at the others.
  for (let rowId = 0; rowId < rowNumbers.length; rowId++) {
    if (!validator.hasFindings(rowId)) continue;
    for (const finding of validator.findings(rowId)) {
      if (!finding.related) continue;
      if (!wantsMore()) break;
      const values: string[] = [];
      if (emailCol >= 0)
        values[emailCol] = rawEmails.get(rowId) ?? validator.uniqueKeyOf(rowId, emailCol) ?? '';
      emit(
        describeFinding(finding, {
          locale: options.locale,
          columns,
          rowNumber: (id) => rowNumbers[id],
          values,
        }),
      );
    }
    await out.maybeFlush();
  }

  const summary = validator.summary();
  if (options.json) {
    out.write(
      `\n  ],\n  "rows": ${summary.rows},\n  "errors": ${summary.errors},\n  "warnings": ${summary.warnings}\n}\n`,
    );
  } else {
    const total = summary.errors + summary.warnings;
    if (total > issueCount) out.write(`  … and ${total - issueCount} more (use --json for all)\n`);
    const unchecked = headers!.filter((_, i) => !columns[i]);
    if (unchecked.length) out.write(`Not in the template, not checked: ${unchecked.join(', ')}\n`);
    if (summary.byColumn.length) {
      out.write('Problems by column:\n');
      for (const c of summary.byColumn) {
        out.write(
          `  ${(columns[c.col]?.header ?? '').padEnd(22)} ${c.code.padEnd(24)} ${String(c.count).padStart(8)}\n`,
        );
      }
    }
    out.write(
      `${options.file}: ${summary.rows} rows, ${summary.errors} errors, ${summary.warnings} warnings\n`,
    );
  }
  await out.flush();
  return summary.errors > 0 ? 1 : 0;
}
