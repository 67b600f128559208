import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The corpus: real export formats (headers as the tools write them, values made up), each with the mapping a
// person would choose and pinned cells: what a cell must hold after ListPrep's safe fixes, and why.

export const corpusDir = join(new URL('.', import.meta.url).pathname, 'files');

/** `field`, `field?` (offered as a guess from the values, to be confirmed), `split`, `note` or `skip`. */
export type ExpectedTarget = string;

/** [data row (1-based), template field or "notes", expected value (for "notes": a line it must contain), why] */
export type Pin = readonly [number, string, string, string];

export type CorpusFile = Readonly<{
  name: string;
  format: string;
  source: string;
  bytes: Uint8Array;
  mapping: Readonly<Record<string, ExpectedTarget>>;
  cells: readonly Pin[];
}>;

export function loadCorpus(): CorpusFile[] {
  return readdirSync(corpusDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const base = name.slice(0, -'.json'.length);
      const expect = JSON.parse(readFileSync(join(corpusDir, name), 'utf8')) as Omit<
        CorpusFile,
        'name' | 'bytes'
      >;
      return { ...expect, name: base, bytes: new Uint8Array(readFileSync(join(corpusDir, `${base}.csv`))) };
    });
}
