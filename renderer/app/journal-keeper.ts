import type { Journal } from '../../shared/bridge';
import type { DateOrderEntry, OpenEntry, UiEntry } from '../journal/entries';
import { JournalWriter, newListId, type SaveState } from '../journal/journal-writer';
import type { AppState } from './app-state';

const uiDelayMs = 300;

/**
 * The autosave journal of the list open now, on the UI thread: it starts when the mapping is first applied
 * (before that there is no work to lose), takes every change's entry in order, and notes where the user is
 * (screen, cell, an edit in progress) a moment after it stops changing.
 */
export class JournalKeeper {
  private writer: JournalWriter | null = null;
  private uiTimer: ReturnType<typeof setTimeout> | null = null;
  private lastUi: UiEntry | null = null;

  constructor(
    private readonly journal: Journal,
    private readonly onSave: (save: SaveState) => void,
  ) {}

  get listId(): string | null {
    return this.writer?.listId ?? null;
  }

  /** Another file is being opened: nothing more goes to the last list's journal. */
  stop(): void {
    this.writer = null;
  }

  /**
   * Starts the journal of the list in `state` unless it has one: which file and how it was read (the file
   * itself when the platform cannot reopen it), then the lookups and date orders chosen so far.
   */
  async start(state: AppState, sourceBase64: () => Promise<string>): Promise<void> {
    if (this.writer) return;
    const { file, opened } = state;
    if (!file || !opened) return;
    const entry: OpenEntry = {
      t: 'open',
      name: file.name,
      size: file.size,
      options: state.readOptions,
      headerRow: opened.headerRow,
      target: state.target,
      ...(file.handle ? { handle: file.handle } : { base64: await sourceBase64() }),
    };
    this.writer = new JournalWriter(this.journal, newListId(), file.name, this.onSave);
    this.writer.append(entry);
    if (state.lookups) this.writer.append({ t: 'lookups', lookups: state.lookups });
    for (const [header, order] of Object.entries(state.dateOrders)) {
      this.writer.append({ t: 'dateOrder', header, order } satisfies DateOrderEntry);
    }
  }

  /** Carries on writing a restored list's journal: it is the same list. */
  resume(listId: string, name: string): void {
    this.writer = new JournalWriter(this.journal, listId, name, this.onSave);
  }

  append(entry: unknown): void {
    this.writer?.append(entry);
  }

  /** Records where the user is, a moment after it stops changing. */
  noteUi(entry: Omit<UiEntry, 't'>): void {
    const next: UiEntry = { t: 'ui', ...entry };
    if (this.lastUi && JSON.stringify(this.lastUi) === JSON.stringify(next)) return;
    this.lastUi = next;
    if (this.uiTimer) clearTimeout(this.uiTimer);
    this.uiTimer = setTimeout(() => {
      this.uiTimer = null;
      if (this.writer && this.lastUi) this.writer.append(this.lastUi);
    }, uiDelayMs);
  }

  /** Resolves when every change so far is in the journal. */
  async flush(): Promise<void> {
    if (this.uiTimer && this.lastUi && this.writer) {
      clearTimeout(this.uiTimer);
      this.uiTimer = null;
      this.writer.append(this.lastUi);
    }
    await this.writer?.drained();
  }
}
