// A child process for journal.test.ts: appends numbered entries to one list's journal as fast as it can and
// prints how many entries are acknowledged after each append resolves, until the test kills it.
import { open } from 'node:fs/promises';
import { createJournalStore } from '../journal';

const [dir, listId, startArg] = process.argv.slice(2);
// A slow disk: each line goes down in 4 KiB pieces with a pause between them, so that a kill often lands in
// the middle of a line (one write() of a whole line is rarely interrupted, but a power cut can tear it).
const store = createJournalStore({
  dir,
  openForAppend: async (path) => {
    const handle = await open(path, 'a', 0o600);
    return {
      async write(bytes) {
        for (let at = 0; at < bytes.length; at += 4096) {
          await handle.write(bytes.subarray(at, at + 4096));
          await new Promise((resolve) => setImmediate(resolve));
        }
      },
      datasync: () => handle.datasync(),
      close: () => handle.close(),
    };
  },
});
const padding = 'x'.repeat(30_000);
let next = Number(startArg);
for (;;) {
  const size = 1 + (next % 7);
  const entries = Array.from({ length: size }, (_, k) => ({ seq: next + k, padding }));
  await store.append(listId, `List ${listId}`, entries);
  next += size;
  process.stdout.write(`${next}\n`);
}
