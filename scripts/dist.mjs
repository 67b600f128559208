// `npm run dist`: builds, stages the app in dist/app (its own package.json, no dependencies: main, preload and
// renderer are bundles) and packages it with electron-builder (electron-builder.yml) into dist/packages.
// Targets default to this OS: AppImage + deb on Linux, NSIS on Windows, dmg on macOS. Pass --linux, --win,
// --mac or --dir (an unpacked folder, quickest) to choose.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAll } from './build.mjs';

const args = process.argv.slice(2);
const root = JSON.parse(readFileSync('package.json', 'utf8'));

await buildAll();

rmSync('dist/app', { recursive: true, force: true });
mkdirSync('dist/app/dist/electron', { recursive: true });
for (const file of ['main.cjs', 'preload.cjs'])
  cpSync(join('dist/electron', file), join('dist/app/dist/electron', file));
cpSync('dist/renderer', 'dist/app/dist/renderer', { recursive: true });
writeFileSync(
  'dist/app/package.json',
  `${JSON.stringify(
    {
      name: root.name,
      productName: 'ListPrep',
      version: root.version,
      description: root.description,
      main: 'dist/electron/main.cjs',
      author: { name: 'ListPrep', email: 'support@listprep.app' },
      license: 'UNLICENSED',
    },
    null,
    2,
  )}\n`,
);

const { build, Platform } = await import('electron-builder');
const platforms = { '--linux': Platform.LINUX, '--win': Platform.WINDOWS, '--mac': Platform.MAC };
const chosen = args.filter((a) => a in platforms).map((a) => platforms[a]);
const dirOnly = args.includes('--dir');
const targets = (chosen.length ? chosen : [Platform.current()]).map((p) =>
  p.createTarget(dirOnly ? ['dir'] : undefined),
);
// Reuse Electron's binary when it is already on disk instead of downloading it again.
const localElectron = 'node_modules/electron/dist';
const config = existsSync(localElectron) ? { electronDist: localElectron } : {};

try {
  const outputs = [];
  for (const target of targets) {
    outputs.push(...(await build({ targets: target, config, publish: 'never' })));
  }
  for (const output of outputs) console.log(`dist: ${output}`);
} catch (error) {
  const first = String(error?.message ?? error).split('\n')[0];
  console.error(
    `dist: packaging failed: ${first}\n` +
      'electron-builder downloads Electron and its packaging tools (AppImage, NSIS, fpm) from GitHub on first use; ' +
      'where that site is unreachable, packaging cannot run. The configuration itself is checked by electron/packaging.test.ts.',
  );
  process.exit(1);
}
