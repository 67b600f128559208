// Files the operating system hands the app on a command line: a double-clicked .csv, "Open with ListPrep",
// or a second launch forwarded to the running instance. Only list files count; switches Chromium or the OS
// add, and the app's own script path in development, are not files to open.
import { extname, isAbsolute, resolve } from 'node:path';
import { listExtensions } from './file-service';

/** The list files named in `argv` (the first entry is the executable), as absolute paths. */
export function filesFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && listExtensions.includes(extname(arg).toLowerCase()))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(cwd, arg)));
}
