import { open } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import {
  checkPart,
  type PartProgress,
  type PartRules,
  type PartStretch,
  transferablesOf,
} from './check-part';
import { findRowSplits } from './row-splits';

/** Given to the first worker: it finds where to split the file while the main thread reads the start. */
export type SplitRequest = Readonly<{ file: string; size: number; parts: number }>;
export type SplitAnswer = Readonly<{ splits: number[] }>;

// The worker threads of `listprep check` on a large file (see check-parallel.ts): each gets one stretch of
// the file and, a little later, the rules, and sends one answer. Bundled beside the CLI
// (scripts/build-cli.mjs) and started before the job is known, so their start-up overlaps the main thread's.
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

let rulesCame: (rules: PartRules) => void = () => {};
const rules = new Promise<PartRules>((resolve) => {
  rulesCame = resolve;
});

// The stretch comes first (the worker starts reading), the rules once the main thread has its sample.
parentPort?.on('message', (message: PartStretch | PartRules) => {
  if (message.kind === 'rules') {
    rulesCame(message);
    return;
  }
  const progress = (bytes: number) =>
    parentPort?.postMessage({ kind: 'progress', bytes } satisfies PartProgress);
  checkPart(message, rules, progress).then(
    (result) => parentPort?.postMessage(result, transferablesOf(result)),
    (error: unknown) =>
      parentPort?.postMessage({ ok: false, reason: (error as Error)?.message ?? String(error) }),
  );
});
