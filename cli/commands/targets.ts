import { parseArgs } from 'node:util';
import { builtInTemplates, type Template, targetName } from '../../shared/template';
import { UsageError } from '../errors';

export const targetsUsage = 'listprep targets [--json]';

/** One line for people: the name to pass to --target, the CRM, what it takes and how the list gets there. */
function describe(template: Template): string {
  const formats = template.export.formats.join(' or ');
  const how = template.upload ? `${formats}, or upload to the import server` : `${formats} file to import`;
  const extras = [
    template.builder ? 'fields chosen with --fields' : '',
    template.choices.length ? `import choices: ${template.choices.map((c) => c.id).join(', ')}` : '',
  ].filter(Boolean);
  return `${targetName(template).padEnd(14)}${template.name} (${template.fields.length} columns; ${how}${extras.length ? `; ${extras.join('; ')}` : ''})`;
}

/** `listprep targets`: the CRMs a list can be prepared for, one line each (or JSON). */
export async function runTargets(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  if (positionals.length) throw new UsageError(`usage: ${targetsUsage}`);
  if (values.json) {
    const list = builtInTemplates.map((t) => ({
      name: targetName(t),
      id: t.id,
      crm: t.crm,
      template: t.name,
      columns: t.fields.length,
      formats: t.export.formats,
      upload: t.upload,
      builder: t.builder,
      choices: t.choices.map((c) => ({
        id: c.id,
        options: c.options.map((o) => o.value),
        default: c.default,
      })),
    }));
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`${builtInTemplates.map(describe).join('\n')}\n`);
  return 0;
}
