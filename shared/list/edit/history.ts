import { applyOp, type Effect, type Op, type OpLabel, revertOp } from './ops';
import type { SheetDocument } from '../sheet/sheet-document';

/** Unlimited undo and redo over every kind of change (edits, fixes, row changes, duplicate decisions). */
export class History {
  private readonly done: Op[] = [];
  private readonly undone: Op[] = [];

  /** Applies a new op and records it; redo is no longer possible. */
  run(doc: SheetDocument, op: Op): Effect {
    const effect = applyOp(doc, op);
    this.done.push(op);
    this.undone.length = 0;
    return effect;
  }

  undo(doc: SheetDocument): Effect | null {
    const op = this.done.pop();
    if (!op) return null;
    const effect = revertOp(doc, op);
    this.undone.push(op);
    return effect;
  }

  redo(doc: SheetDocument): Effect | null {
    const op = this.undone.pop();
    if (!op) return null;
    const effect = applyOp(doc, op);
    this.done.push(op);
    return effect;
  }

  get undoLabel(): OpLabel | null {
    return this.done.at(-1)?.label ?? null;
  }

  get redoLabel(): OpLabel | null {
    return this.undone.at(-1)?.label ?? null;
  }
}
