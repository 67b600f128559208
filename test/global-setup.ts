import { execFileSync } from 'node:child_process';

/** Builds the CLI bundle once, so CLI tests run the same `listprep` a user runs. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
}
