// `npm run build`: the renderer with Vite (renderer/vite.config.ts -> dist/renderer) and the desktop shell with
// esbuild (electron/ -> dist/electron: main.cjs, preload.cjs, and static-server.mjs for the browser fallback).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const rendererConfig = 'renderer/vite.config.ts';

export async function buildRenderer() {
  if (!existsSync(rendererConfig)) {
    // The renderer is built in its own issue; until its Vite config exists the shell still starts, on a page
    // that says so, rather than failing.
    console.log(`build: ${rendererConfig} does not exist yet; dist/renderer gets a placeholder page`);
    mkdirSync('dist/renderer', { recursive: true });
    writeFileSync(
      'dist/renderer/index.html',
      '<!doctype html><meta charset="utf-8"><title>ListPrep</title><p>The ListPrep interface has not been built yet.</p>\n',
    );
    return;
  }
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: rendererConfig, logLevel: 'error' });
  if (!existsSync('dist/renderer/index.html')) {
    throw new Error(
      `${rendererConfig} did not produce dist/renderer/index.html (set build.outDir to dist/renderer)`,
    );
  }
}

export async function buildShell() {
  const common = { bundle: true, sourcemap: 'linked', logLevel: 'warning', legalComments: 'none' };
  await Promise.all([
    build({
      ...common,
      entryPoints: ['electron/main/main.ts'],
      outfile: 'dist/electron/main.cjs',
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      external: ['electron'],
    }),
    // A sandboxed preload is one CommonJS file that may require only 'electron'; platform "browser" makes
    // esbuild fail on any Node built-in that sneaks in.
    build({
      ...common,
      entryPoints: ['electron/preload/index.ts'],
      outfile: 'dist/electron/preload.cjs',
      platform: 'browser',
      format: 'cjs',
      target: 'chrome130',
      external: ['electron'],
    }),
    build({
      ...common,
      entryPoints: ['electron/serve/static-server.ts'],
      outfile: 'dist/electron/static-server.mjs',
      platform: 'node',
      format: 'esm',
      target: 'node20',
    }),
  ]);
}

export async function buildAll() {
  const started = performance.now();
  await buildRenderer();
  await buildShell();
  console.log(
    `build: dist/renderer and dist/electron ready in ${Math.round(performance.now() - started)} ms`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildAll().catch((error) => {
    console.error(`build failed: ${error.message}`);
    process.exit(1);
  });
}
