import type { LookupsResponse } from '../../shared/api';
import { clientTether } from '../../shared/template';
import type { Locale } from '../../shared/validate';
import type { sheetReadOptions } from './map';
import { checkSource, rowsWithErrors, type SourceOptions } from './export';
import { writeErrorReport } from './report';
import { namedTarget } from '../target';

export type UploadSplitArgs = Readonly<{
  file: string;
  reportPath: string;
  locale: Locale;
  read: ReturnType<typeof sheetReadOptions>;
  mappingFile?: string;
  useSavedProfiles: boolean;
}>;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * `listprep upload --split-errors REPORT.xlsx`: checks the file as `listprep check` does, against the
 * account's own lists, and writes the rows with errors to the error report for the customer; the upload then
 * sends only the others (the CRM takes nothing with an error). The counts are said before anything is
 * written or sent. Returns each row's mark (1: has an error, left out), in file order.
 */
export async function splitOffErrors(
  args: UploadSplitArgs,
  answer: LookupsResponse,
  accountName: string,
): Promise<Uint8Array> {
  // Loaded only for a split: zod's schemas cost start-up time.
  const { parseLookupsFile } = await import('../../shared/api/lookups-file');
  const parsed = parseLookupsFile(answer);
  const lists = parsed.ok ? parsed.lists : { customFields: [] };
  const options: SourceOptions = {
    file: args.file,
    output: args.reportPath,
    locale: args.locale,
    ...lists,
    read: args.read,
    mappingFile: args.mappingFile,
    useSavedProfiles: args.useSavedProfiles,
    // The import server takes ClientTether's template (another CRM's list is exported, not uploaded).
    target: namedTarget({}),
  };
  const source = await checkSource(options, clientTether);
  const marks = rowsWithErrors(source);
  let errors = 0;
  for (const mark of marks) errors += mark;
  process.stderr.write(
    `${args.file}: ${plural(source.rows - errors, 'row')} without errors go to ${accountName}; ${plural(errors, 'row')} with errors to ${errors ? args.reportPath : 'no report'}\n`,
  );
  if (errors > 0) {
    const written = await writeErrorReport(options, source, (id) => marks[id] === 1, false, args.reportPath);
    process.stderr.write(
      `${args.reportPath}: ${plural(written, 'row')} with errors, for the customer to fix\n`,
    );
  }
  return marks;
}
