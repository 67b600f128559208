import packageJson from '../package.json';
import { InputError, UsageError } from './errors';
import { commandHelp, formatCommandHelp, formatOverview } from './help';
import { setCommandName } from './say';
import { shown } from './terminal-text';

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
  targets: () => import('./commands/targets').then((m) => ({ usage: m.targetsUsage, run: m.runTargets })),
  upload: () => import('./commands/upload').then((m) => ({ usage: m.uploadUsage, run: m.runUpload })),
};

/** A failure as one line on stderr (escaped: a file name may hold a line break or an ESC), exit 2. */
function fail(who: string, message: string): number {
  process.stderr.write(`${shown(`${who}: ${message}`)}\n`);
  return 2;
}

/** True when the arguments ask for help (before a `--`, after which everything is a file name). */
function asksForHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/** parseArgs' complaint in one line, and where the options are explained. */
function parseArgsMessage(name: string, error: Error & { code: string }): string {
  const option = /'(-[^' ]*)/.exec(error.message)?.[1] ?? '';
  const where = `see listprep ${name} --help`;
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option} (${where})`;
  if (/ambiguous/.test(error.message))
    return `${option} needs a value; a value starting with "-" is written ${option}=VALUE (${where})`;
  if (/argument missing/.test(error.message)) return `${option} needs a value (${where})`;
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return `too many files or words: ${error.message.split('\n')[0]} (${where})`;
  return `${error.message.split('\n')[0]} (${where})`;
}

/** Runs the CLI; returns the exit code. Errors are one line for people, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`listprep ${packageJson.version}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name ? rest[0] : undefined;
    if (topic !== undefined) {
      if (!Object.hasOwn(commandHelp, topic))
        return fail('listprep help', `no command "${topic}" (listprep help lists them)`);
      process.stdout.write(formatCommandHelp(topic));
      return 0;
    }
    process.stdout.write(formatOverview());
    return name ? 0 : 2;
  }
  // Own properties only: `listprep constructor` is an unknown command, not Object's constructor.
  if (!Object.hasOwn(commands, name))
    return fail('listprep', `unknown command "${name}" (listprep help lists them)`);
  if (asksForHelp(rest)) {
    process.stdout.write(formatCommandHelp(name));
    return 0;
  }
  setCommandName(name);
  const command = await commands[name]();
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError)
      return fail(`listprep ${name}`, error.message);
    // parseArgs reports unknown options and missing values with a code; those are usage errors too.
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
      return fail(`listprep ${name}`, parseArgsMessage(name, error as Error & { code: string }));
    const message = (error as Error)?.message ?? String(error);
    return fail(`listprep ${name}`, `unexpected failure: ${message}`);
  }
}
