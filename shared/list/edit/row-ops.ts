import type { Op } from './ops';
import { SessionError } from '../session-errors';
import type { SheetDocument } from '../sheet/sheet-document';

// The ops behind the grid's row and cell commands, built from the document as it is now. Running them
// (and undoing, journaling) is the session's history's job.

/** One cell typed into. */
export function editOp(doc: SheetDocument, key: number, col: number, value: string): Op {
  if (!doc.isLive(key)) throw new SessionError('row.gone', 'That row is no longer in the list.');
  return { t: 'cells', label: 'edit', keys: [key], cols: [col], before: [doc.get(key, col)], after: [value] };
}

/** An empty row after `afterKey` (at the end when null), with the next row key. */
export function insertRowOp(doc: SheetDocument, afterKey: number | null): Op & { t: 'insert' } {
  const at = afterKey === null ? doc.order.length : doc.order.indexOf(afterKey) + 1;
  const values = doc.columns.map(() => '');
  return { t: 'insert', label: 'insertRow', keys: [doc.keyCount], at: [at], values: [values] };
}

/** The rows still in the list among `keys`, taken out (positions ascending, as the op requires). */
export function deleteRowsOp(doc: SheetDocument, keys: readonly number[]): Op {
  const live = keys.filter((k) => doc.isLive(k));
  const positions = live.map((key) => ({ key, at: doc.order.indexOf(key) })).sort((a, b) => a.at - b.at);
  return {
    t: 'delete',
    label: 'deleteRows',
    keys: positions.map((p) => p.key),
    at: positions.map((p) => p.at),
  };
}
