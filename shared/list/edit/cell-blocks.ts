import { formatClipboardText, parseClipboardText } from './clipboard-text';
import { type CellsOp, cellsOp, type InsertOp, type Op, type OpLabel } from './ops';
import type { RowView } from '../view/row-view';
import type { SheetDocument } from '../sheet/sheet-document';

// The grid's spreadsheet commands on a block of cells: copy, paste, clear (Delete, cut) and fill. Each change
// is one op, so one undo step, whatever its size; cells are changed row by row so each row is validated once.

/**
 * Cells of a view: rows `top`..`bottom` in view order (inclusive) across `cols`, document columns in the
 * order the grid shows them.
 */
export type CellBlock = Readonly<{ top: number; bottom: number; cols: readonly number[] }>;

/** Where a paste goes: the selected block, and every column of the grid in its order (a block may run on). */
export type PasteTarget = Readonly<{ block: CellBlock; columns: readonly number[] }>;

/** What a paste did, or would need (rows added at the end of the list) before it does anything. */
export type PasteOutcome = Readonly<{
  /** The cells written, as a block (rows past the list's end are the rows added). */
  landed: CellBlock;
  /** Cells written (rows of the block × its columns that fit). */
  cells: number;
  /** Rows added at the end of the list for a block longer than the rows below the cursor. */
  addedRows: number;
  /** Rows the block needs beyond the list's end. */
  needsRows: number;
  /** Columns of the clipboard's block that fall beyond the grid's last column (left out). */
  clippedCols: number;
  /** Nothing was pasted: the block needs rows or loses columns, and the person has not confirmed that. */
  unconfirmed: boolean;
}>;

type Change = { key: number; col: number; value: string };

/** The block's rows that exist in the view (a stale selection may reach past its end). */
function rowsOf(view: RowView, block: CellBlock): { top: number; bottom: number } {
  return { top: Math.max(0, block.top), bottom: Math.min(view.length - 1, block.bottom) };
}

/** The block as clipboard text (tab-separated, what Excel and Sheets paste), and how many cells it holds. */
export function copyBlock(
  doc: SheetDocument,
  view: RowView,
  block: CellBlock,
): { text: string; cells: number } {
  const { top, bottom } = rowsOf(view, block);
  function* rows(): Iterable<string[]> {
    for (let index = top; index <= bottom; index++) {
      const key = view.keyAt(index);
      yield block.cols.map((col) => doc.get(key, col));
    }
  }
  const count = Math.max(0, bottom - top + 1);
  return { text: formatClipboardText(rows()), cells: count * block.cols.length };
}

/** Empties every cell of the block (Delete, or the second half of a cut). */
export function clearBlockOp(
  doc: SheetDocument,
  view: RowView,
  block: CellBlock,
  label: 'clear' | 'cut',
): CellsOp | null {
  const { top, bottom } = rowsOf(view, block);
  const changes: Change[] = [];
  for (let index = top; index <= bottom; index++) {
    const key = view.keyAt(index);
    for (const col of block.cols) if (doc.get(key, col) !== '') changes.push({ key, col, value: '' });
  }
  return cellsOp(doc, label, changes);
}

const mod = (n: number, m: number) => ((n % m) + m) % m;

/**
 * Fills `to` from `from` (a block inside it at one edge), repeating its cells as Excel's fill handle and
 * Ctrl+D do: downwards, upwards, to the right or to the left. Cells of `from` keep their values.
 */
export function fillBlockOp(
  doc: SheetDocument,
  view: RowView,
  from: CellBlock,
  to: CellBlock,
  label: OpLabel,
): CellsOp | null {
  const source = rowsOf(view, from);
  const target = rowsOf(view, to);
  const height = source.bottom - source.top + 1;
  const width = from.cols.length;
  if (height <= 0 || width === 0) return null;
  // The source's columns sit somewhere in the target's: offsets are counted from there.
  const offset = to.cols.indexOf(from.cols[0]);
  if (offset < 0) return null;
  const values: string[][] = [];
  for (let r = 0; r < height; r++) {
    const key = view.keyAt(source.top + r);
    values.push(from.cols.map((col) => doc.get(key, col)));
  }
  const changes: Change[] = [];
  for (let index = target.top; index <= target.bottom; index++) {
    const key = view.keyAt(index);
    const row = values[mod(index - source.top, height)];
    to.cols.forEach((col, j) => {
      changes.push({ key, col, value: row[mod(j - offset, width)] });
    });
  }
  return cellsOp(doc, label, changes);
}

/**
 * Ctrl+D as Excel does it: the top row of the block copied into the rows below it; with a block one row
 * high, the row above copied into it. Null at the top of the list with one row selected.
 */
export function fillDownBlocks(block: CellBlock): { from: CellBlock; to: CellBlock } | null {
  if (block.bottom > block.top)
    return { from: { top: block.top, bottom: block.top, cols: block.cols }, to: block };
  if (block.top === 0) return null;
  const above = block.top - 1;
  return {
    from: { top: above, bottom: above, cols: block.cols },
    to: { top: above, bottom: block.bottom, cols: block.cols },
  };
}

/**
 * A paste of clipboard text at a selection. One cell pasted into a larger selection fills it, and so does a
 * block whose size divides the selection's (Excel tiles it); otherwise the block lands at the selection's
 * top-left cell, running on to the right and down. A block that needs rows past the list's end (added there)
 * or has columns past the grid's last (left out) is pasted only when `confirmed`: the grid asks first.
 */
export function planPaste(
  doc: SheetDocument,
  view: RowView,
  text: string,
  target: PasteTarget,
  confirmed: boolean,
): { op: Op | null; outcome: PasteOutcome } {
  const grid = parseClipboardText(text);
  const height = grid.length;
  const width = grid.reduce((max, row) => Math.max(max, row.length), 0);
  const { block, columns } = target;
  const left = Math.max(0, columns.indexOf(block.cols[0]));
  const selectedRows = block.bottom - block.top + 1;
  const selectedCols = block.cols.length;
  const tiles =
    (selectedRows > height || selectedCols > width) &&
    selectedRows % height === 0 &&
    selectedCols % width === 0;
  const rows = tiles ? selectedRows : height;
  const cols = tiles ? block.cols : columns.slice(left, left + width);
  const clippedCols = tiles ? 0 : width - cols.length;
  const landed: CellBlock = { top: block.top, bottom: block.top + rows - 1, cols };
  const needsRows = Math.max(0, landed.bottom - (view.length - 1));
  const outcome = {
    landed,
    cells: rows * cols.length,
    addedRows: 0,
    needsRows,
    clippedCols,
    unconfirmed: false,
  };
  if ((needsRows > 0 || clippedCols > 0) && !confirmed)
    return { op: null, outcome: { ...outcome, unconfirmed: true } };
  const valueAt = (r: number, j: number) => grid[r % height][j % width] ?? '';
  const changes: Change[] = [];
  const existing = Math.min(landed.bottom, view.length - 1);
  for (let index = landed.top; index <= existing; index++) {
    const key = view.keyAt(index);
    cols.forEach((col, j) => {
      changes.push({ key, col, value: valueAt(index - landed.top, j) });
    });
  }
  const ops: Op[] = [];
  const cells = cellsOp(doc, 'paste', changes);
  if (cells) ops.push(cells);
  if (needsRows > 0)
    ops.push(
      appendRowsOp(doc, needsRows, (n, out) => {
        const r = view.length + n - landed.top;
        cols.forEach((col, j) => {
          out[col] = valueAt(r, j);
        });
      }),
    );
  const op: Op | null =
    ops.length === 0 ? null : ops.length === 1 ? ops[0] : { t: 'group', label: 'paste', ops };
  return { op, outcome: { ...outcome, addedRows: needsRows } };
}

/** `count` new rows at the end of the list, each filled by `fill(n, values)` (values in column order). */
function appendRowsOp(
  doc: SheetDocument,
  count: number,
  fill: (n: number, values: string[]) => void,
): InsertOp {
  const keys: number[] = [];
  const at: number[] = [];
  const values: string[][] = [];
  for (let n = 0; n < count; n++) {
    keys.push(doc.keyCount + n);
    at.push(doc.order.length + n);
    const row = doc.columns.map(() => '');
    fill(n, row);
    values.push(row);
  }
  return { t: 'insert', label: 'paste', keys, at, values };
}
