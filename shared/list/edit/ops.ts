import type { SheetDocument } from '../sheet/sheet-document';

// Every change to a document is one of these. They are plain JSON: the history keeps them for undo and
// redo, and the journal stores them so a restore can replay the session exactly.

/** What the user did, for the Undo button's label. */
export type OpLabel =
  | 'edit'
  | 'fix'
  | 'fixAll'
  | 'moveToNotes'
  | 'clearValues'
  | 'replace'
  | 'fillDown'
  | 'fill'
  | 'paste'
  | 'clear'
  | 'cut'
  | 'insertRow'
  | 'deleteRows'
  | 'keep'
  | 'merge'
  | 'notDuplicate';

/** Cells set to new values; `before` makes it undoable. Stored column-wise: a million changes stay compact. */
export type CellsOp = Readonly<{
  t: 'cells';
  label: OpLabel;
  keys: readonly number[];
  cols: readonly number[];
  before: readonly string[];
  after: readonly string[];
}>;

/** New rows: `keys` are allocated in order when first applied; `at` are ascending positions in the order. */
export type InsertOp = Readonly<{
  t: 'insert';
  label: OpLabel;
  keys: readonly number[];
  at: readonly number[];
  values: readonly (readonly string[])[];
}>;

/** Rows taken out; `at` are their ascending positions before removal. */
export type DeleteOp = Readonly<{
  t: 'delete';
  label: OpLabel;
  keys: readonly number[];
  at: readonly number[];
}>;

export type DismissOp = Readonly<{
  t: 'dismiss';
  label: OpLabel;
  pairs: readonly (readonly [number, number])[];
}>;

export type GroupOp = Readonly<{ t: 'group'; label: OpLabel; ops: readonly Op[] }>;

export type Op = CellsOp | InsertOp | DeleteOp | DismissOp | GroupOp;

/** What an applied op changed: rows to redraw, and whether rows came or went (views must be rebuilt). */
export type Effect = { touched: Set<number>; structural: boolean };

export class ReplayMismatch extends Error {}

function merge(into: Effect, from: Effect): Effect {
  for (const key of from.touched) into.touched.add(key);
  into.structural ||= from.structural;
  return into;
}

/** Applies an op forwards. New rows of an insert op are created here the first time. */
export function applyOp(doc: SheetDocument, op: Op): Effect {
  switch (op.t) {
    case 'cells':
      return { touched: doc.setCells(op.keys, op.cols, op.after), structural: false };
    case 'insert': {
      op.keys.forEach((key, i) => {
        if (key === doc.keyCount) doc.createRow(op.values[i]);
        else if (key > doc.keyCount || doc.isLive(key)) {
          throw new ReplayMismatch(`row key ${key} cannot be inserted`);
        }
      });
      doc.insertRows(op.keys, op.at);
      return { touched: new Set(op.keys), structural: true };
    }
    case 'delete':
      doc.removeRows(op.keys);
      return { touched: new Set(op.keys), structural: true };
    case 'dismiss':
      return { touched: doc.setDismissed(op.pairs, true), structural: false };
    case 'group':
      return op.ops.reduce<Effect>((effect, inner) => merge(effect, applyOp(doc, inner)), {
        touched: new Set(),
        structural: false,
      });
  }
}

/** Applies an op backwards (undo). */
export function revertOp(doc: SheetDocument, op: Op): Effect {
  switch (op.t) {
    case 'cells': {
      // Reverse order, so a cell changed twice in one op ends at its first `before`.
      const n = op.keys.length;
      const keys = new Array<number>(n);
      const cols = new Array<number>(n);
      const values = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        keys[i] = op.keys[n - 1 - i];
        cols[i] = op.cols[n - 1 - i];
        values[i] = op.before[n - 1 - i];
      }
      return { touched: doc.setCells(keys, cols, values), structural: false };
    }
    case 'insert':
      doc.removeRows(op.keys);
      return { touched: new Set(op.keys), structural: true };
    case 'delete':
      doc.insertRows(op.keys, op.at);
      return { touched: new Set(op.keys), structural: true };
    case 'dismiss':
      return { touched: doc.setDismissed(op.pairs, false), structural: false };
    case 'group': {
      const effect: Effect = { touched: new Set(), structural: false };
      for (let i = op.ops.length - 1; i >= 0; i--) merge(effect, revertOp(doc, op.ops[i]));
      return effect;
    }
  }
}

/** A cells op from changes, dropping the ones that change nothing. Null when nothing changes. */
export function cellsOp(
  doc: SheetDocument,
  label: OpLabel,
  changes: Iterable<Readonly<{ key: number; col: number; value: string }>>,
): CellsOp | null {
  const keys: number[] = [];
  const cols: number[] = [];
  const before: string[] = [];
  const after: string[] = [];
  for (const change of changes) {
    const current = doc.get(change.key, change.col);
    if (current === change.value) continue;
    keys.push(change.key);
    cols.push(change.col);
    before.push(current);
    after.push(change.value);
  }
  return keys.length ? { t: 'cells', label, keys, cols, before, after } : null;
}
