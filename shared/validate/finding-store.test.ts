import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/fixtures/random';
import { FindingStore } from './finding-store';

describe('FindingStore', () => {
  it('keeps every row’s findings through growth, shrinking replacements and compaction', () => {
    const random = seededRandom(5);
    const store = new FindingStore();
    const model: number[][] = [];
    for (let step = 0; step < 50_000; step++) {
      const row = Math.floor(random() * 3_000);
      const list = Array.from({ length: Math.floor(random() * 6) }, () => Math.floor(random() * 5_000));
      store.set(row, list, list.length);
      model[row] = list;
    }
    for (let row = 0; row < 3_100; row++) {
      const expected = model[row] ?? [];
      expect(store.count(row)).toBe(expected.length);
      expect(Array.from({ length: store.count(row) }, (_, k) => store.at(row, k))).toEqual(expected);
    }
  });
});
