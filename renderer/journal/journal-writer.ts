import type { Journal } from '../../shared/bridge';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * Appends entries to one list's journal strictly in order. While a write is in flight, new entries wait
 * and go out together in the next write, so a burst of edits costs few writes and never reorders.
 */
export class JournalWriter {
  private waiting: unknown[] = [];
  private writing = false;
  private idle: Promise<void> = Promise.resolve();
  private settle: (() => void) | null = null;

  constructor(
    private readonly journal: Journal,
    readonly listId: string,
    private readonly name: string,
    private readonly onState: (state: SaveState) => void,
  ) {}

  append(...entries: unknown[]): void {
    this.waiting.push(...entries);
    if (!this.writing) void this.flush();
  }

  /** Resolves when everything appended so far is written (or failed). */
  drained(): Promise<void> {
    return this.writing || this.waiting.length ? this.idle : Promise.resolve();
  }

  private async flush(): Promise<void> {
    this.writing = true;
    this.idle = new Promise((resolve) => {
      this.settle = resolve;
    });
    this.onState('saving');
    let failed = false;
    while (this.waiting.length) {
      const batch = this.waiting;
      this.waiting = [];
      const result = await this.journal.append(this.listId, this.name, batch);
      if (!result.ok) {
        // Keep the entries and try again with the next change: nothing is dropped.
        this.waiting = [...batch, ...this.waiting];
        failed = true;
        break;
      }
    }
    this.writing = false;
    this.onState(failed ? 'failed' : 'saved');
    this.settle?.();
  }
}

/** A list id the journal accepts everywhere (letters, digits, dash; no dots or slashes). */
export function newListId(): string {
  return `l${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
