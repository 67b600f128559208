import { defineConfig } from 'vitest/config';

// The app's own tests without the repository's global setup (which builds the CLI, unrelated to the app):
// `npx vitest run --config test/e2e/vitest.config.ts`. `npm test` runs the same files with the root config.
export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  test: {
    include: ['renderer/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
  },
});
