import type { CellPosition } from '../edit/find-replace';
import type { ListProblems } from './list-problems';
import type { ProblemCode } from '../protocol';
import type { RowView } from '../view/row-view';

/**
 * The next problem cell in view order from `from` (F8; `direction` -1 for Shift+F8), wrapping around the
 * list; from nowhere, the first (or last). `only` keeps to one column and kind (a line of the problems
 * panel). Rows without problems are skipped without looking at their cells.
 */
export function findNextProblem(
  view: RowView,
  problems: ListProblems,
  width: number,
  from: CellPosition | null,
  direction: 1 | -1,
  only: Readonly<{ col: number; code: ProblemCode }> | undefined,
): CellPosition | null {
  const n = view.length;
  if (n === 0) return null;
  const cellHas = (key: number, col: number) => {
    const code = problems.cellCode(key, col);
    return code !== null && (!only || (only.col === col && only.code === code));
  };
  /** The first problem cell of a row in `direction`, starting after `after` (or at the row's edge). */
  const scanRow = (index: number, after: number | null): CellPosition | null => {
    const key = view.keyAt(index);
    if (!problems.hasProblems(key)) return null;
    if (direction === 1) {
      for (let col = after === null ? 0 : after + 1; col < width; col++)
        if (cellHas(key, col)) return { index, col };
    } else {
      for (let col = after === null ? width - 1 : after - 1; col >= 0; col--)
        if (cellHas(key, col)) return { index, col };
    }
    return null;
  };
  const wrap = (index: number) => ((index % n) + n) % n;
  if (!from) {
    for (let step = 0; step < n; step++) {
      const hit = scanRow(direction === 1 ? step : n - 1 - step, null);
      if (hit) return hit;
    }
    return null;
  }
  const here = scanRow(from.index, from.col);
  if (here) return here;
  for (let step = 1; step < n; step++) {
    const hit = scanRow(wrap(from.index + step * direction), null);
    if (hit) return hit;
  }
  // Wrapped all the way round: the starting row's cells on the other side of `from`.
  return scanRow(from.index, null);
}
