// Bundles the CLI (and the shared core it uses) into one ES module, so `listprep` starts in milliseconds
// instead of compiling TypeScript on every run.
import { build } from 'esbuild';

await build({
  entryPoints: ['cli/index.ts'],
  outfile: 'dist/cli/listprep.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
