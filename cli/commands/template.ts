import { parseArgs } from 'node:util';
import { clientTether } from '../../shared/template';
import { UsageError } from '../errors';
import { checkOutputFolder, outputFormat, writeOutputFile } from '../write-output';
import { readLookupsFile } from '../read-lookups';
import { shown } from '../terminal-text';

export const templateUsage = 'listprep template -o OUT.xlsx [--lookups FILE.json] [--lang en|nb]';

/** `listprep template`: writes the blank template workbook, with the account's ID lists when given. */
export async function runTemplate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      lookups: { type: 'string' },
      lang: { type: 'string', default: 'en' },
    },
  });
  if (positionals.length || !values.output) throw new UsageError(`usage: ${templateUsage}`);
  if (outputFormat(values.output) !== 'xlsx')
    throw new UsageError('the template is a workbook: use an .xlsx file');
  if (values.lang !== 'en' && values.lang !== 'nb') {
    throw new UsageError(`--lang must be en or nb, not "${values.lang}"`);
  }
  await checkOutputFolder(values.output);
  const { lookups } = await readLookupsFile(values.lookups);
  const template = clientTether;
  await writeOutputFile(
    values.output,
    template.fields.map((f) => f.header),
    [],
    { template, lookups, locale: values.lang },
  );
  process.stdout.write(`${shown(`${values.output}: the blank ${template.crm} template workbook`)}\n`);
  return 0;
}
