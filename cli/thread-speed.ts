/** What a worker of `listprep check` has read of its stretch, from its progress reports. */
export type WorkerProgress = {
  bytes: number;
  total: number;
  /** The first report after the rules went out (before, the worker only parses and holds rows). */
  since: { ms: number; bytes: number } | null;
  /** When the last report came. */
  last: number;
};

/**
 * At the first split: would the main thread, at the speed it has read since the rules went out, read the
 * workers' stretches (`size` - `bytesNow`) sooner than the slowest worker finishes its own at its speed? A
 * worker with no measured speed yet is taken as starved of a core. All times in ms on the main thread.
 */
export function readingOnIsQuicker(
  now: number,
  main: Readonly<{ ms: number; bytes: number; bytesNow: number }>,
  size: number,
  workers: readonly WorkerProgress[],
): boolean {
  if (now <= main.ms || main.bytesNow <= main.bytes) return false;
  const mainRate = (main.bytesNow - main.bytes) / (now - main.ms);
  const readingOnMs = (size - main.bytesNow) / mainRate;
  let waitingMs = 0;
  for (const worker of workers) {
    if (worker.bytes >= worker.total) continue;
    const from = worker.since;
    if (!from || worker.last <= from.ms || worker.bytes <= from.bytes) return true;
    const rate = (worker.bytes - from.bytes) / (worker.last - from.ms);
    waitingMs = Math.max(waitingMs, (worker.total - worker.bytes) / rate - (now - worker.last));
  }
  return waitingMs > readingOnMs;
}
