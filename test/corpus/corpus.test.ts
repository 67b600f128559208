import { describe, expect, it } from 'vitest';
import { loadCorpus } from './corpus';
import { formatScore, scoreCorpus } from './score';

// The bar, on the corpus of real export formats run through the list engine as the app runs it
// (`npx tsx test/corpus/score.ts --details` prints the table).

describe('the corpus of real export formats', () => {
  it('holds the formats a first-time user brings, each with pinned cells', () => {
    const files = loadCorpus();
    expect(files.length).toBeGreaterThanOrEqual(21);
    for (const file of files) expect(file.cells.length, file.name).toBeGreaterThan(0);
  });

  it('maps at least 97% of columns right, invents no value by a guess, judges every pinned cell right and fixes at least 95% of fixable cells right', async () => {
    const score = await scoreCorpus();
    const table = formatScore(score, true);
    expect(score.columnsRight / score.columns, table).toBeGreaterThanOrEqual(0.97);
    expect(score.invented, table).toBe(0);
    expect(score.pinsRight, table).toBe(score.pins);
    expect(score.fixedRight / score.fixable, table).toBeGreaterThanOrEqual(0.95);
    expect(score.unexpected, table).toBe(0);
  });
});
