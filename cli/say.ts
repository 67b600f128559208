import { shown } from './terminal-text';

// The command being run (set once by main), so that shared helpers can say who speaks on stderr.
let commandName = '';

export function setCommandName(name: string): void {
  commandName = name;
}

/** One line on stderr, `listprep COMMAND: …`, escaped for the terminal: notes a script's log should keep. */
export function say(line: string): void {
  process.stderr.write(`${shown(commandName ? `listprep ${commandName}: ${line}` : `listprep: ${line}`)}\n`);
}
