import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/fixtures/random';
import { NumericKeyIndex } from './numeric-key-index';
import { GroupRegistry } from './row-group';

describe('NumericKeyIndex', () => {
  it('agrees with a Map of row lists through growth, shared keys and removals', () => {
    const random = seededRandom(99);
    const registry = new GroupRegistry();
    const index = new NumericKeyIndex(registry, 0, 16);
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
    let groups = 0;
    for (const [key, rows] of model) {
      expect(index.count(key)).toBe(rows.length);
      const sorted = [...rows].sort((a, b) => a - b);
      expect(index.rows(key)).toEqual(sorted);
      const group = index.group(key);
      expect(group?.rows ?? [], 'a group exactly when two or more rows share the key').toEqual(
        rows.length >= 2 ? sorted : [],
      );
      if (group) expect(registry.get(group.id)).toBe(group);
      if (rows.length >= 2) groups++;
    }
    expect(registry.size).toBe(groups);
    expect(index.count(12345)).toBe(0);
    expect(index.rows(12345)).toEqual([]);
  });

  it('ignores removing a row that does not hold the key', () => {
    const index = new NumericKeyIndex(new GroupRegistry());
    index.add(7, 1);
    index.remove(7, 2);
    index.remove(8, 1);
    expect(index.rows(7)).toEqual([1]);
  });
});

describe('RowGroup', () => {
  it('keeps its rows in order whatever order they come and go in', () => {
    const registry = new GroupRegistry();
    const index = new NumericKeyIndex(registry);
    for (const row of [50, 10, 30, 70, 20]) index.add(9, row);
    expect(index.group(9)?.rows).toEqual([10, 20, 30, 50, 70]);
    index.remove(9, 30);
    index.remove(9, 70);
    index.add(9, 5);
    expect(index.group(9)?.rows).toEqual([5, 10, 20, 50]);
  });

  it('is numbered when a second row joins and forgotten when one row is left', () => {
    const registry = new GroupRegistry();
    const index = new NumericKeyIndex(registry);
    expect(index.add(4, 1)).toBeNull();
    const group = index.add(4, 2);
    expect(group?.id).toBe(0);
    expect(registry.changed).toEqual([0]);
    registry.clearChanges();
    expect(index.remove(4, 1)).toBe(group);
    expect(group?.id).toBe(-1);
    expect(registry.changed).toEqual([0]);
    expect(registry.size).toBe(0);
    // Formed again, it is a new group with a new number.
    expect(index.add(4, 3)?.id).toBe(1);
  });
});
