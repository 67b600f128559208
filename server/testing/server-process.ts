import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** `npm run server` as its own process, for tests that kill it: what it printed, and how to wait for a line. */
export type ServerProcess = Readonly<{
  child: ChildProcess;
  url: string;
  lines: string[];
  waitForLine: (test: (line: string) => boolean, timeoutMs?: number) => Promise<string>;
  /** Resolves with the exit signal or code. */
  exited: Promise<string>;
}>;

export async function spawnServer(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0', ...args], {
    cwd: process.cwd(),
    env: { ...process.env, LISTPREP_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      for (const wake of [...waiters]) wake();
    });
  }
  const waitForLine = (test: (line: string) => boolean, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = lines.find(test);
        if (found === undefined) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `no such line within ${timeoutMs} ms; the server printed:\n${lines.slice(-20).join('\n')}`,
          ),
        );
      }, timeoutMs);
      const onExit = () => {
        if (check()) return;
        cleanup();
        reject(new Error(`the server exited; it printed:\n${lines.slice(-20).join('\n')}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(wake);
        child.off('exit', onExit);
      };
      const wake = () => {
        check();
      };
      waiters.add(wake);
      child.once('exit', onExit);
      check();
    });
  // Five minutes to start: creating a PGlite folder and its demo took two and a half on a loaded machine.
  const listening = await waitForLine(
    (line) => line.startsWith('ListPrep import server listening on '),
    300_000,
  );
  const url = /listening on (http:\/\/\S+)/.exec(listening)?.[1];
  if (!url) throw new Error(`cannot read the address from: ${listening}`);
  return { child, url, lines, waitForLine, exited };
}
