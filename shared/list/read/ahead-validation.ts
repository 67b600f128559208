import type { ColumnTarget } from '../../mapping';
import type { ListApi } from '../protocol';
import type { ProgressSink } from '../session-errors';
import type { BuildProgress, SheetDocument } from '../sheet/sheet-document';

class ValidationStopped extends Error {}

const keyOf = (targets: readonly ColumnTarget[]) => JSON.stringify(targets);

/** Requests that leave a validation ahead useful: they only read what it does not change. */
const harmless = new Set<keyof ListApi>(['proposeMapping', 'sourceBase64', 'status']);

/**
 * A document validated with the proposed mapping before the user confirms it, while they are still on the
 * Open and Map screens: confirming an unchanged mapping then shows the grid at once. Whatever makes the work
 * moot (another file, another header row, another mapping) stops it: see `interrupt`.
 */
export class AheadValidation {
  private ready: { key: string; doc: SheetDocument } | null = null;
  private running: { key: string; cancelled: boolean } | null = null;

  /** Keeps a document already validated with these targets (one validated while the file was read). */
  keep(targets: readonly ColumnTarget[], doc: SheetDocument): void {
    this.ready = { key: keyOf(targets), doc };
  }

  clear(): void {
    this.ready = null;
  }

  /** The document validated ahead with exactly these targets, or null; either way it is handed over once. */
  take(targets: readonly ColumnTarget[]): SheetDocument | null {
    const ready = this.ready;
    this.ready = null;
    return ready && ready.key === keyOf(targets) ? ready.doc : null;
  }

  /** Validates with these targets unless that is done already; answers when done or stopped. */
  async run(
    targets: readonly ColumnTarget[],
    progress: ProgressSink,
    build: (progress: BuildProgress) => Promise<SheetDocument>,
  ): Promise<void> {
    const key = keyOf(targets);
    if (this.ready?.key === key) return;
    const attempt = { key, cancelled: false };
    this.running = attempt;
    try {
      const doc = await build(async (done, total) => {
        if (attempt.cancelled) throw new ValidationStopped();
        await progress('validate', done, total === 0 ? 1 : done / total);
        if (attempt.cancelled) throw new ValidationStopped();
      });
      this.ready = { key, doc };
    } catch (error) {
      if (!(error instanceof ValidationStopped)) throw error;
    } finally {
      if (this.running === attempt) this.running = null;
    }
  }

  /**
   * Called as each request arrives, before it waits its turn: stops the validation running now unless the
   * request leaves it useful. Confirming the very mapping being validated lets it finish instead.
   */
  interrupt(type: keyof ListApi, params: unknown): void {
    const running = this.running;
    if (!running || harmless.has(type)) return;
    if (type === 'applyMapping') {
      const targets = (params as ListApi['applyMapping']['req']).targets;
      if (keyOf(targets) === running.key) return;
    }
    running.cancelled = true;
  }
}
