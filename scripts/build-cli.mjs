// Bundles the CLI (and the shared core it uses) into ES modules, so `listprep` starts in milliseconds
// instead of compiling TypeScript on every run. The second entry is the worker thread `listprep check`
// hands part of a large file to (cli/check-parallel); it sits beside the CLI so each finds the other.
import { readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const outdir = 'dist/cli';

const result = await build({
  entryPoints: { listprep: 'cli/index.ts', 'check-part-worker': 'cli/check-part-worker.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // Each command the CLI imports lazily becomes its own chunk that imports its own packages: without
  // splitting, every package import sits at the top of one file and loads for every command (zod alone
  // was about 90 ms of `listprep check`'s start-up). Chunks stay beside the entries (no subfolder), so
  // paths made from `import.meta.url` point at the same folder from any chunk.
  splitting: true,
  metafile: true,
  sourcemap: true,
  logLevel: 'warning',
});

// Chunk names carry a content hash, so each build leaves the previous build's chunks behind: remove them.
const outputs = new Set(Object.keys(result.metafile.outputs).map((path) => relative(outdir, path)));
for (const name of await readdir(outdir)) {
  if (/\.mjs(\.map)?$/.test(name) && !outputs.has(name)) await rm(join(outdir, name), { force: true });
}
