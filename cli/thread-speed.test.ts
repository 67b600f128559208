import { describe, expect, it } from 'vitest';
import { readingOnIsQuicker, type WorkerProgress } from './thread-speed';

// The main thread of `listprep check` reached the first split at 1,000 ms, having read 10 MB since 500 ms
// (20,000 bytes/ms); the other 10 MB are the worker's.
const main = { ms: 500, bytes: 0, bytesNow: 10_000_000 };
const size = 20_000_000;
const worker = (bytes: number, ratePerMs: number): WorkerProgress => ({
  bytes,
  total: 10_000_000,
  since: { ms: 600, bytes: 0 },
  last: 600 + bytes / ratePerMs,
});

describe('whether the main thread reads on instead of waiting for a worker', () => {
  it('waits for a worker that keeps pace or is nearly done', () => {
    expect(readingOnIsQuicker(1000, main, size, [worker(8_000_000, 20_000)])).toBe(false);
    expect(readingOnIsQuicker(1000, main, size, [worker(9_000_000, 12_000)])).toBe(false);
    expect(readingOnIsQuicker(1000, main, size, [{ ...worker(0, 1), bytes: 10_000_000 }])).toBe(false);
  });

  it('reads on when a starved worker would finish later than the main thread alone', () => {
    // 2 MB read at 4,000 bytes/ms: 8 MB more take 2,000 ms; all 10 MB read here take 500 ms.
    expect(readingOnIsQuicker(1000, main, size, [worker(2_000_000, 4_000)])).toBe(true);
    // No report since the rules went out: no speed to go by.
    expect(readingOnIsQuicker(1000, main, size, [{ ...worker(0, 1), since: null }])).toBe(true);
  });
});
