import { parseArgs } from 'node:util';
import { csvFormatOf } from '../../shared/export';
import { UsageError } from '../errors';
import { checkOutputFolder, outputFormat, writeOutputFile } from '../write-output';
import { readLookupsFile } from '../read-lookups';
import { chosenTarget, targetOptionSpecs } from '../target';
import { shown } from '../terminal-text';

export const templateUsage =
  'listprep template -o OUT.xlsx|OUT.csv [--target NAME] [--fields F,…] [--lookups FILE.json] [--lang en|nb]';

/** `listprep template`: writes the blank template workbook, with the account's ID lists when given. */
export async function runTemplate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      lookups: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      ...targetOptionSpecs,
    },
  });
  if (positionals.length || !values.output) throw new UsageError(`usage: ${templateUsage}`);
  const { template } = await chosenTarget(values);
  // The blank file the CRM imports: a workbook with its hints and reference sheets, or a CSV of the headers.
  const format = outputFormat(values.output);
  if (!template.export.formats.includes(format)) {
    throw new UsageError(
      `${template.crm}'s template is a ${template.export.formats.map((f) => `.${f}`).join(' or ')} file`,
    );
  }
  if (values.lang !== 'en' && values.lang !== 'nb') {
    throw new UsageError(`--lang must be en or nb, not "${values.lang}"`);
  }
  await checkOutputFolder(values.output);
  const { lookups } = await readLookupsFile(values.lookups);
  const csv = csvFormatOf(template);
  await writeOutputFile(
    values.output,
    template.fields.map((f) => f.header),
    [],
    { template, lookups, locale: values.lang, delimiter: csv.delimiter, bom: csv.bom },
  );
  const what = format === 'xlsx' ? 'template workbook' : 'CSV headers';
  process.stdout.write(`${shown(`${values.output}: the blank ${template.crm} ${what}`)}\n`);
  return 0;
}
