// `npm start`: builds, then launches the desktop app. Where Electron's binary is missing and cannot be
// downloaded (no access to its download site), says so in one line and serves the same built app on a local
// address instead, where it runs on the browser bridge. `npm start -- --web` asks for the browser directly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAll } from './build.mjs';

const args = process.argv.slice(2);
const forceWeb = args.includes('--web') || process.env.LISTPREP_WEB === '1';
const appArgs = args.filter((a) => a !== '--web');
const port = Number(process.env.LISTPREP_PORT ?? 5310);

/** The Electron executable, downloading it first when it is missing; null with the reason when impossible. */
function electronBinary() {
  const dir = 'node_modules/electron';
  const installed = () => {
    const name = existsSync(join(dir, 'path.txt')) ? readFileSync(join(dir, 'path.txt'), 'utf8').trim() : '';
    return name && existsSync(join(dir, 'dist', name)) ? join(dir, 'dist', name) : null;
  };
  if (!existsSync(dir)) return { path: null, reason: 'the electron package is not installed' };
  const found = installed();
  if (found) return { path: found };
  const download = spawnSync(process.execPath, [join(dir, 'install.js')], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  const reason = `${download.stderr ?? ''}`
    .split('\n')
    .find((line) => /error|failed/i.test(line))
    ?.trim();
  return installed() ? { path: installed() } : { path: null, reason: reason || 'the download failed' };
}

async function serveInBrowser() {
  const { serveApp } = await import('../dist/electron/static-server.mjs');
  const server = await serveApp('dist/renderer', port, {
    insecureServer: process.env.LISTPREP_INSECURE_SERVER,
  });
  if (server.notice) console.log(server.notice);
  console.log(`ListPrep is running at ${server.url} - open it in your browser (Ctrl+C to stop)`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await buildAll();
if (forceWeb) {
  await serveInBrowser();
} else {
  const electron = electronBinary();
  if (!electron.path) {
    console.log(
      `Electron's binary is not available here (${electron.reason}); serving ListPrep in your browser instead.`,
    );
    await serveInBrowser();
  } else {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node instead of the app
    const child = spawn(electron.path, ['.', ...appArgs], { stdio: 'inherit', env });
    child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  }
}
