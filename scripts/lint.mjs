// `npm run lint`: the formatter and linter (Biome), then the project's own structural rules.
import { spawnSync } from 'node:child_process';
import { checkLayers } from './check-layers.mjs';

const biome = spawnSync('npx', ['biome', 'check', '--error-on-warnings', '.'], { stdio: 'inherit' });
const problems = checkLayers(process.cwd());
for (const problem of problems) console.error(problem);
if (problems.length) console.error(`layer check: ${problems.length} problem(s)`);
else console.log('layer check: ok');
process.exit(biome.status !== 0 || problems.length ? 1 : 0);
