import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/fixtures/random';
import { NumericKeyIndex } from './numeric-key-index';

describe('NumericKeyIndex', () => {
  it('agrees with a Map of row lists through growth, shared keys and removals', () => {
    const random = seededRandom(99);
    const index = new NumericKeyIndex(16);
    const model = new Map<number, number[]>();
    const keyOf = () => Math.floor(random() * 3_000) * 0x100000001; // large keys, beyond 32 bits
    const held: [number, number][] = [];
    for (let row = 0; row < 20_000; row++) {
      const key = keyOf();
      index.add(key, row);
      model.set(key, [...(model.get(key) ?? []), row]);
      held.push([key, row]);
      if (random() < 0.3) {
        const [oldKey, oldRow] = held.splice(Math.floor(random() * held.length), 1)[0];
        index.remove(oldKey, oldRow);
        model.set(
          oldKey,
          (model.get(oldKey) ?? []).filter((r) => r !== oldRow),
        );
      }
    }
    for (const [key, rows] of model) {
      expect(index.count(key)).toBe(rows.length);
      expect(index.rows(key).sort((a, b) => a - b)).toEqual([...rows].sort((a, b) => a - b));
    }
    expect(index.count(12345)).toBe(0);
    expect(index.rows(12345)).toEqual([]);
  });

  it('ignores removing a row that does not hold the key', () => {
    const index = new NumericKeyIndex();
    index.add(7, 1);
    index.remove(7, 2);
    index.remove(8, 1);
    expect(index.rows(7)).toEqual([1]);
  });
});
