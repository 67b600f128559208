import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** What every bench module gets: where to put generated data, and how to print figures. */
export type BenchContext = Readonly<{
  dataDir: string;
  /** Prints one result line: a name, figures, and the ratio against the target. */
  report: (line: string) => void;
  /** Rows for the "large" runs; `BENCH_QUICK=1` shrinks them for a smoke run. */
  quick: boolean;
}>;

export type BenchModule = Readonly<{ title: string; run: (context: BenchContext) => Promise<void> }>;

export function createBenchContext(): BenchContext {
  const dataDir = join(process.cwd(), 'test/bench/data');
  mkdirSync(dataDir, { recursive: true });
  return { dataDir, report: (line) => console.log(`  ${line}`), quick: process.env.BENCH_QUICK === '1' };
}

/** Median wall time in milliseconds of `runs` runs. */
export async function medianMs(runs: number, task: () => unknown | Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** "1.23× (target ≤ 1.5×: met)" */
export function verdict(ratio: number, target: string, met: boolean): string {
  return `${ratio.toFixed(2)}× (target ${target}: ${met ? 'met' : 'NOT met'})`;
}
