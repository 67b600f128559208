import { open } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { checkPart, type PartJob, transferablesOf } from './check-part';
import { findRowSplits } from './row-splits';

/** Given to the first worker: it finds where to split the file while the main thread reads the start. */
export type SplitRequest = Readonly<{ file: string; size: number; parts: number }>;
export type SplitAnswer = Readonly<{ splits: number[] }>;

// The worker threads of `listprep check` on a large file (see check-parallel.ts): each gets one job and sends
// one answer. Bundled beside the CLI (scripts/build-cli.mjs) and started before the job is known, so their
// start-up overlaps the main thread's.
async function splitsFor(request: SplitRequest): Promise<number[]> {
  const handle = await open(request.file, 'r');
  try {
    return await findRowSplits(handle, request.size, request.parts);
  } finally {
    await handle.close();
  }
}

const request = workerData as SplitRequest | undefined;
if (request) {
  splitsFor(request).then(
    (splits) => parentPort?.postMessage({ splits } satisfies SplitAnswer),
    () => parentPort?.postMessage({ splits: [] } satisfies SplitAnswer),
  );
}

parentPort?.once('message', (job: PartJob) => {
  checkPart(job).then(
    (result) => parentPort?.postMessage(result, transferablesOf(result)),
    (error: unknown) =>
      parentPort?.postMessage({ ok: false, reason: (error as Error)?.message ?? String(error) }),
  );
});
