import { checkUsage, runCheck } from './commands/check';
import { exportUsage, runExport } from './commands/export';
import { fixUsage, runFix } from './commands/fix';
import { mapUsage, runMap } from './commands/map';
import { previewUsage, runPreview } from './commands/preview';
import { reportUsage, runReport } from './commands/report';
import { runTemplate, templateUsage } from './commands/template';
import { runUpload, uploadUsage } from './commands/upload';
import { InputError, UsageError } from './errors';

type Command = { usage: string; run: (args: string[]) => Promise<number> };

/** Every subcommand; later issues add preview, map, fix, export, report, template, upload. */
export const commands: Record<string, Command> = {
  check: { usage: checkUsage, run: runCheck },
  preview: { usage: previewUsage, run: runPreview },
  map: { usage: mapUsage, run: runMap },
  fix: { usage: fixUsage, run: runFix },
  export: { usage: exportUsage, run: runExport },
  template: { usage: templateUsage, run: runTemplate },
  report: { usage: reportUsage, run: runReport },
  upload: { usage: uploadUsage, run: runUpload },
};

function usage(): string {
  return [
    'usage: listprep <command> [options]',
    '',
    ...Object.values(commands).map((c) => `  ${c.usage}`),
  ].join('\n');
}

/** Runs the CLI; returns the exit code. Errors are one line for people, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`listprep: unknown command "${name}"\n${usage()}\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      process.stderr.write(`listprep ${name}: ${error.message}\n`);
      return 2;
    }
    // parseArgs reports unknown options and missing values with a code; those are usage errors too.
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`listprep ${name}: ${(error as Error).message}\nusage: ${command.usage}\n`);
      return 2;
    }
    process.stderr.write(
      `listprep ${name}: unexpected failure: ${(error as Error).message ?? String(error)}\n`,
    );
    return 2;
  }
}
