#!/usr/bin/env node
// The `listprep` command. The TypeScript sources are bundled into dist/ by `npm install` (the prepare
// script) or `npm run build:cli`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/listprep.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('listprep: not built yet; run `npm run build:cli` in the project folder\n');
  process.exit(2);
}
await import(bundle);
