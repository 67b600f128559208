// `npm run bench`: runs every test/bench/*.bench.ts module in turn and prints its figures. Timings live here,
// never in tests: the machines are shared and noisy, so numbers are reported, not asserted.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BenchModule, createBenchContext } from './context';

const only = process.argv.slice(2);
const context = createBenchContext();
const dir = join(process.cwd(), 'test/bench');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
for (const file of files) {
  const module = (await import(pathToFileURL(join(dir, file)).href)).default as BenchModule;
  console.log(`\n## ${module.title} (${file})`);
  await module.run(context);
}
