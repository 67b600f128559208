import { IntList } from './int-list';

// The document's order (live row keys, in the order people see them) as rows come and go. Positions are
// always ascending, so an undone delete puts every row back exactly where it was.

/** Puts keys into the order at the given ascending positions (positions in the order after insertion). */
export function insertIntoOrder(order: IntList, keys: readonly number[], at: readonly number[]): void {
  if (keys.length <= 32) {
    for (let i = 0; i < keys.length; i++) order.insert(at[i], keys[i]);
    return;
  }
  // Many rows at once (an undone mass delete): one merge pass, not a shift of the whole list per row.
  const before = order.toInt32Array();
  const total = before.length + keys.length;
  const merged = new IntList(total);
  let from = 0;
  let next = 0;
  for (let pos = 0; pos < total; pos++) {
    if (next < keys.length && at[next] === pos) merged.push(keys[next++]);
    else merged.push(before[from++]);
  }
  order.retain(() => false);
  for (let i = 0; i < merged.length; i++) order.push(merged.get(i));
}

/** Takes keys out of the order; returns the ones found with their positions before removal, ascending. */
export function removeFromOrder(order: IntList, keys: readonly number[]): { keys: number[]; at: number[] } {
  const wanted = new Set(keys);
  const found: number[] = [];
  const at: number[] = [];
  for (let i = 0; i < order.length; i++) {
    const key = order.get(i);
    if (wanted.has(key)) {
      found.push(key);
      at.push(i);
    }
  }
  order.retain((key) => !wanted.has(key));
  return { keys: found, at };
}
