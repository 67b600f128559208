import { InputError, UsageError } from './errors';

type CommandModule = { usage: string; run: (args: string[]) => Promise<number> };

// Each command is loaded when it is called: `listprep check` then starts without compiling the export
// writer, the upload client and their zod schemas (about 70 ms of a check's start-up).
export const commands: Record<string, () => Promise<CommandModule>> = {
  check: () => import('./commands/check').then((m) => ({ usage: m.checkUsage, run: m.runCheck })),
  preview: () => import('./commands/preview').then((m) => ({ usage: m.previewUsage, run: m.runPreview })),
  map: () => import('./commands/map').then((m) => ({ usage: m.mapUsage, run: m.runMap })),
  fix: () => import('./commands/fix').then((m) => ({ usage: m.fixUsage, run: m.runFix })),
  export: () => import('./commands/export').then((m) => ({ usage: m.exportUsage, run: m.runExport })),
  template: () => import('./commands/template').then((m) => ({ usage: m.templateUsage, run: m.runTemplate })),
  report: () => import('./commands/report').then((m) => ({ usage: m.reportUsage, run: m.runReport })),
  upload: () => import('./commands/upload').then((m) => ({ usage: m.uploadUsage, run: m.runUpload })),
};

async function usage(): Promise<string> {
  const all = await Promise.all(Object.values(commands).map((load) => load()));
  return ['usage: listprep <command> [options]', '', ...all.map((c) => `  ${c.usage}`)].join('\n');
}

/** Runs the CLI; returns the exit code. Errors are one line for people, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${await usage()}\n`);
    return name ? 0 : 2;
  }
  // Own properties only: `listprep constructor` is an unknown command, not Object's constructor.
  if (!Object.hasOwn(commands, name)) {
    process.stderr.write(`listprep: unknown command "${name}"\n${await usage()}\n`);
    return 2;
  }
  const command = await commands[name]();
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
