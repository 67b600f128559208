import type { Bridge, OpenedFile } from '../../shared/bridge';
import type { DateOrder } from '../../shared/fix';
import { clientTether, type Lookups } from '../../shared/template';
import { lookupsSchema } from '../../shared/template/lookups';
import type { Locale } from '../../shared/validate';
import { type Progress, type WorkerClient, WorkerFailure } from '../client/worker-client';
import { wordsFor } from '../i18n/words';
import {
  type DateOrderEntry,
  type OpenEntry,
  planRestore,
  type UiEntry,
  type UiScreen,
} from '../journal/entries';
import { JournalWriter, newListId } from '../journal/journal-writer';
import { planColumns } from '../mapping/column-plan';
import type { ColumnTarget } from '../mapping/column-target';
import { type SavedMapping, saveMappingProfile } from '../mapping/profiles';
import { columnInfo } from '../worker/column-info';
import type { Change, DocState, ExportKind, OpenResult, RequestType, WorkerApi } from '../worker/protocol';
import type { ReadOptions } from '../worker/source-reader';
import { type AppState, type BusyState, initialState, type Screen } from './app-state';

type Listener = () => void;
type ChangeListener = (change: Change) => void;

const localeKey = 'listprep.locale';
const uiDelayMs = 300;

function preferredLocale(): Locale {
  const saved = localStorage.getItem(localeKey);
  if (saved === 'en' || saved === 'nb') return saved;
  return /^(nb|no|nn)\b/i.test(navigator.language) ? 'nb' : 'en';
}

function isCancelledRead(error: unknown): boolean {
  return error instanceof WorkerFailure && error.error.code === 'read.cancelled';
}

function baseName(name: string): string {
  return name.replace(/\.[^.]+$/, '') || 'contacts';
}

/** A bridge that can remember a dropped file (the browser's does; see bridge.web.ts). */
type AdoptingBridge = Bridge & { adoptFile?: (file: File) => Promise<OpenedFile> };

/**
 * The app's state and every action the screens take. It owns the worker client and the journal writer;
 * React reads the state through `useAppState` and the grid listens to changes with `onChange`.
 */
export class AppController {
  private state: AppState;
  private readonly listeners = new Set<Listener>();
  private readonly changeListeners = new Set<ChangeListener>();
  private writer: JournalWriter | null = null;
  private uiTimer: ReturnType<typeof setTimeout> | null = null;
  private lastUi: UiEntry | null = null;
  /** Who wants the progress of the background validation with the proposed mapping (see applyMapping). */
  private prepareProgress: ((p: Progress) => void) | null = null;
  /** The user confirmed the mapping while the file was still being read: the read's progress is theirs. */
  private waitingForRead = false;

  constructor(
    readonly bridge: AdoptingBridge,
    readonly worker: WorkerClient,
  ) {
    this.state = initialState(preferredLocale());
  }

  // --- state plumbing --------------------------------------------------------------------------------

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): AppState => this.state;

  private set(patch: Partial<AppState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** The grid subscribes here: every change to the list, whoever made it. */
  onChange(listener: ChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  get words() {
    return wordsFor(this.state.locale);
  }

  private fail(error: unknown): void {
    const text = error instanceof WorkerFailure || error instanceof Error ? error.message : String(error);
    this.set({ notice: { kind: 'error', text }, busy: null });
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  info(text: string): void {
    this.set({ notice: { kind: 'info', text } });
  }

  private progress(task: BusyState['task']) {
    return (p: Progress) =>
      this.set({
        busy: {
          task: p.phase === 'validate' && task === 'read' ? 'validate' : task,
          done: p.done,
          fraction: p.fraction,
        },
      });
  }

  // --- start -----------------------------------------------------------------------------------------

  /** Loads recent files and unsaved lists; opens the file named by `?open=<handle>` (a desktop file launch). */
  async start(openHandle: string | null = null): Promise<void> {
    const [recent, unsaved] = await Promise.all([this.bridge.recentFiles(), this.bridge.journal.list()]);
    this.set({
      recent: recent.ok ? recent.value : [],
      unsaved: unsaved.ok ? [...unsaved.value].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) : [],
    });
    if (openHandle) await this.openRecent(openHandle);
  }

  setLocale(locale: Locale): void {
    localStorage.setItem(localeKey, locale);
    this.set({ locale });
  }

  goTo(screen: Screen): void {
    this.set({ screen, notice: null });
    if (screen !== 'open') this.noteUi({ screen });
  }

  // --- open ------------------------------------------------------------------------------------------

  async pickFile(): Promise<void> {
    const picked = await this.bridge.openFile();
    if (!picked.ok) return this.fail(new Error(picked.error.message));
    if (picked.value) await this.openFile(picked.value);
  }

  async dropFile(file: File): Promise<void> {
    try {
      const opened = this.bridge.adoptFile
        ? await this.bridge.adoptFile(file)
        : { name: file.name, size: file.size, bytes: new Uint8Array(await file.arrayBuffer()) };
      await this.openFile(opened);
    } catch (error) {
      this.fail(error);
    }
  }

  async openRecent(handle: string): Promise<void> {
    const reopened = await this.bridge.reopenFile(handle);
    if (!reopened.ok) return this.fail(new Error(reopened.error.message));
    await this.openFile(reopened.value);
  }

  /** Reads a file in the worker (the bytes move there, not copied) with progress. */
  async openFile(file: OpenedFile, options: ReadOptions = {}, validateAhead = true): Promise<boolean> {
    performance.mark('listprep:file-chosen');
    this.writer = null;
    this.set({
      file: { name: file.name, size: file.size, ...(file.handle ? { handle: file.handle } : {}) },
      readOptions: options,
      opened: null,
      proposals: null,
      targets: null,
      columns: null,
      status: null,
      lookups: null,
      dateOrders: {},
      save: 'idle',
      notice: null,
      screen: 'open',
      busy: { task: 'read', done: 0, fraction: 0 },
    });
    try {
      const opened = await this.worker.call(
        'open',
        { bytes: file.bytes, options: { ...options, fileName: file.name } },
        { onProgress: this.readProgress(), transfer: [file.bytes.buffer] },
      );
      this.readDone(opened);
      performance.mark('listprep:file-read');
      if (validateAhead) await this.proposeAndPrepare();
      return true;
    } catch (error) {
      if (isCancelledRead(error)) return false;
      this.set({
        notice: { kind: 'error', text: this.words.openFailed((error as Error).message) },
        busy: null,
      });
      return false;
    }
  }

  async changeReadOptions(options: ReadOptions): Promise<void> {
    const readOptions = { ...this.state.readOptions, ...options };
    this.set({ readOptions, busy: { task: 'read', done: 0, fraction: 0 }, proposals: null, targets: null });
    try {
      const opened = await this.worker.call(
        'reread',
        { options: readOptions },
        { onProgress: this.readProgress() },
      );
      this.readDone(opened);
      await this.proposeAndPrepare();
    } catch (error) {
      if (isCancelledRead(error)) return;
      this.fail(error);
    }
  }

  async setHeaderRow(row: number): Promise<void> {
    try {
      this.set({
        proposals: null,
        targets: null,
        readOptions: { ...this.state.readOptions, headerRow: row },
      });
      const opened = await this.worker.call('setHeaderRow', { row }, { onProgress: this.readProgress() });
      this.readDone(opened);
      await this.proposeAndPrepare();
    } catch (error) {
      if (isCancelledRead(error)) return;
      this.fail(error);
    }
  }

  /**
   * Progress of a read. Its first report with `early` carries the header, the first rows and the proposed
   * mapping: the Open and Map screens show them while the rest is read (and validated) in the worker.
   */
  private readProgress(): (p: Progress) => void {
    return (p) => {
      if (p.early) {
        performance.mark('listprep:preview-ready');
        const early = p.early;
        this.set({
          opened: {
            format: early.format,
            headerRow: early.headerRow,
            preview: early.preview,
            lines: early.lines,
            dataRows: p.done,
          },
          proposals: early.proposals,
          targets: early.proposals.map((proposal) => proposal.target),
          reading: { done: p.done, fraction: p.fraction },
          busy: this.waitingForRead ? this.state.busy : null,
        });
        return;
      }
      const busy = { task: 'read' as const, done: p.done, fraction: p.fraction };
      if (!this.state.reading) this.set({ busy });
      else
        this.set({
          reading: { done: p.done, fraction: p.fraction },
          ...(this.waitingForRead ? { busy } : {}),
        });
    };
  }

  private readDone(opened: OpenResult): void {
    this.set({ opened, reading: null, ...(this.waitingForRead ? {} : { busy: null }) });
  }

  // --- map -------------------------------------------------------------------------------------------

  /**
   * Proposes the mapping as soon as the file is read, then lets the worker validate with it in the
   * background while the user looks at the preview and the mapping: confirming it unchanged then shows the
   * grid without waiting. Whatever the user does next (another header row, another mapping) stops that work.
   */
  private async proposeAndPrepare(): Promise<void> {
    if (!this.state.proposals) {
      const proposals = await this.worker.call('proposeMapping', {});
      this.set({ proposals, targets: proposals.map((p) => p.target) });
    }
    // A failure here is not the user's: the confirmed mapping is validated again and reports it then.
    void this.worker.call('prepare', {}, { onProgress: (p) => this.prepareProgress?.(p) }).catch(() => {});
  }

  async goToMap(): Promise<void> {
    try {
      if (!this.state.proposals) {
        const proposals = await this.worker.call('proposeMapping', {});
        this.set({ proposals, targets: proposals.map((p) => p.target) });
      }
      this.goTo('map');
    } catch (error) {
      this.fail(error);
    }
  }

  setTarget(source: number, target: ColumnTarget): void {
    const targets = [...(this.state.targets ?? [])];
    targets[source] = target;
    this.set({ targets });
  }

  setTargets(targets: readonly ColumnTarget[]): void {
    this.set({ targets });
  }

  /** Saves the mapping (and the day/month orders chosen so far) as a profile in shared/mapping's format. */
  saveMappingProfile(name: string): void {
    const proposals = this.state.proposals;
    const targets = this.state.targets;
    if (!proposals || !targets) return;
    const headers = proposals.map((p) => p.header);
    saveMappingProfile(name, clientTether, headers, targets, { dateOrders: this.state.dateOrders });
    this.info(this.words.profileSaved);
  }

  /** Lays a saved mapping over the file's columns, with the day/month orders saved with it. */
  applySavedMapping(saved: SavedMapping): void {
    this.setTargets(saved.targets);
    for (const [header, order] of Object.entries(saved.dateOrders)) this.setDateOrder(header, order);
  }

  /**
   * Lays the mapping over the file and validates every row in the worker, with progress. The grid is set up
   * meanwhile (its columns follow from the mapping alone), so it is ready when the rows are; its first
   * request for rows waits in the worker's queue behind the validation.
   */
  async applyMapping(): Promise<void> {
    const targets = this.state.targets;
    const headers = this.state.proposals?.map((p) => p.header);
    if (!targets || !headers) return;
    performance.mark('listprep:map-confirmed');
    const hadList = this.state.status !== null;
    // The answer waits for the background validation when one runs; its progress is this wait's progress.
    this.prepareProgress = this.progress('validate');
    this.waitingForRead = this.state.reading !== null;
    const validating = this.worker.call(
      'applyMapping',
      { targets },
      { onProgress: this.progress('validate') },
    );
    const planned = planColumns(clientTether, headers, targets).map(columnInfo);
    this.set({
      busy: { task: 'validate', done: 0, fraction: 0 },
      columns: planned,
      screen: 'fix',
      notice: null,
    });
    try {
      const state = await validating;
      this.prepareProgress = null;
      this.waitingForRead = false;
      performance.mark('listprep:list-validated');
      await this.startJournal();
      // A new grid asks for its rows itself; an existing one (a remap) must reload them.
      this.accept(state, hadList);
      this.set({ busy: null });
      this.noteUi({ screen: 'fix' });
    } catch (error) {
      this.prepareProgress = null;
      this.waitingForRead = false;
      this.fail(error);
      this.set({ screen: 'map' });
    }
  }

  private accept(state: DocState, reload = true): void {
    // Same columns as planned: keep the array, so the grid does not rebuild its columns.
    const same = JSON.stringify(state.columns) === JSON.stringify(this.state.columns);
    this.set({ columns: same ? this.state.columns : state.columns, status: state.status });
    if (state.entry) this.writer?.append(state.entry);
    if (reload) this.emit({ status: state.status, rows: null, structural: true, entry: null });
  }

  // --- journal ---------------------------------------------------------------------------------------

  /** The journal of a list starts when its mapping is first applied: before that there is no work to lose. */
  private async startJournal(): Promise<void> {
    if (this.writer) return;
    const file = this.state.file;
    const opened = this.state.opened;
    if (!file || !opened) return;
    const entry: OpenEntry = {
      t: 'open',
      name: file.name,
      size: file.size,
      options: this.state.readOptions,
      headerRow: opened.headerRow,
      ...(file.handle ? { handle: file.handle } : { base64: await this.worker.call('sourceBase64', {}) }),
    };
    this.writer = new JournalWriter(this.bridge.journal, newListId(), file.name, (save) =>
      this.set({ save }),
    );
    this.writer.append(entry);
    if (this.state.lookups) this.writer.append({ t: 'lookups', lookups: this.state.lookups });
    for (const [header, order] of Object.entries(this.state.dateOrders)) {
      this.writer.append({ t: 'dateOrder', header, order } satisfies DateOrderEntry);
    }
  }

  /** Records where the user is (screen, cell, an edit in progress), a moment after it stops changing. */
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

  /** Resolves when every change so far is in the journal (tests and "saved" indicators wait on it). */
  async flushJournal(): Promise<void> {
    if (this.uiTimer && this.lastUi && this.writer) {
      clearTimeout(this.uiTimer);
      this.uiTimer = null;
      this.writer.append(this.lastUi);
    }
    await this.writer?.drained();
  }

  async discardUnsaved(listId: string): Promise<void> {
    await this.bridge.journal.discard(listId);
    this.set({ unsaved: this.state.unsaved.filter((u) => u.listId !== listId) });
  }

  /** Opens the list's file again and replays its journal: every change, then the place the user was. */
  async restore(listId: string): Promise<void> {
    const words = this.words;
    this.set({ busy: { task: 'restore', done: 0, fraction: 0 }, notice: null });
    try {
      const read = await this.bridge.journal.read(listId);
      if (!read.ok) throw new Error(read.error.message);
      const plan = planRestore(read.value);
      if (!plan) throw new Error('the journal is empty');
      const { open, work, dateOrders, ui } = plan;
      let file: OpenedFile;
      if (open.handle) {
        const reopened = await this.bridge.reopenFile(open.handle);
        if (!reopened.ok) throw new Error(reopened.error.message);
        file = reopened.value;
      } else if (open.base64) {
        file = {
          name: open.name,
          size: open.size,
          bytes: Uint8Array.from(atob(open.base64), (c) => c.charCodeAt(0)),
        };
      } else {
        throw new Error('the file is not kept');
      }
      if (!(await this.openFile(file, { ...open.options, headerRow: open.headerRow }, false))) return;
      this.set({ busy: { task: 'restore', done: 0, fraction: 0 } });
      const proposals = await this.worker.call('proposeMapping', {});
      const state = await this.worker.call(
        'replay',
        { entries: work },
        { onProgress: this.progress('restore') },
      );
      const lastMap = [...work].reverse().find((e) => e.t === 'map');
      const lastLookups = [...work].reverse().find((e) => e.t === 'lookups');
      // Carry on writing to the same journal: the restored list is the same list.
      this.writer = new JournalWriter(this.bridge.journal, listId, open.name, (save) => this.set({ save }));
      this.set({
        proposals,
        targets: lastMap?.t === 'map' ? lastMap.targets : proposals.map((p) => p.target),
        lookups: lastLookups?.t === 'lookups' ? lastLookups.lookups : null,
        dateOrders,
        columns: state.columns,
        status: state.status,
        busy: null,
        save: 'saved',
        unsaved: this.state.unsaved.filter((u) => u.listId !== listId),
        resumeAt: ui,
        screen: ui?.screen ?? 'fix',
      });
      this.emit({ status: state.status, rows: null, structural: true, entry: null });
    } catch (error) {
      this.set({
        notice: { kind: 'error', text: words.restoreFailed((error as Error).message) },
        busy: null,
      });
    }
  }

  consumeResume(): UiEntry | null {
    const resume = this.state.resumeAt;
    if (resume) this.set({ resumeAt: null });
    return resume;
  }

  // --- changes ---------------------------------------------------------------------------------------

  /** Runs a request that changes the list: journals it, updates counts, tells the grid. */
  async change<K extends RequestType>(
    type: K,
    params: WorkerApi[K]['req'],
  ): Promise<WorkerApi[K]['res'] | null> {
    try {
      const result = await this.worker.call(type, params);
      const change = result as Change;
      if (change.entry) this.writer?.append(change.entry);
      this.set({ status: change.status });
      this.emit(change);
      return result;
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  private emit(change: Change): void {
    for (const listener of this.changeListeners) listener(change);
  }

  /** A read-only request; failures become a notice and null. */
  async ask<K extends RequestType>(
    type: K,
    params: WorkerApi[K]['req'],
  ): Promise<WorkerApi[K]['res'] | null> {
    try {
      return await this.worker.call(type, params);
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  undo(): Promise<unknown> {
    return this.change('undo', { locale: this.state.locale });
  }

  redo(): Promise<unknown> {
    return this.change('redo', { locale: this.state.locale });
  }

  /** The user's day/month order for a date column the data leaves undecided; journaled like any change. */
  setDateOrder(header: string, order: DateOrder): void {
    if (this.state.dateOrders[header] === order) return;
    this.set({ dateOrders: { ...this.state.dateOrders, [header]: order } });
    this.writer?.append({ t: 'dateOrder', header, order } satisfies DateOrderEntry);
  }

  // --- lookups ---------------------------------------------------------------------------------------

  async loadLookups(): Promise<void> {
    const picked = await this.bridge.openFile();
    if (!picked.ok) return this.fail(new Error(picked.error.message));
    if (!picked.value) return;
    let lookups: Lookups;
    try {
      const json = JSON.parse(new TextDecoder().decode(picked.value.bytes)) as unknown;
      const parsed = lookupsSchema.safeParse(json);
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'not a lookups file');
      lookups = parsed.data;
    } catch (error) {
      this.set({ notice: { kind: 'error', text: this.words.lookupsFailed((error as Error).message) } });
      return;
    }
    const count = Object.values(lookups).reduce((n, list) => n + (list?.length ?? 0), 0);
    await this.setLookups(lookups, this.words.lookupsLoaded(count));
  }

  /** Checks the ID columns against these lists (a lookups file, or the server's: renderer/upload). */
  async setLookups(lookups: Lookups, notice: string): Promise<void> {
    this.set({ busy: { task: 'validate', done: 0, fraction: 0 } });
    try {
      const result = await this.worker.call(
        'setLookups',
        { lookups },
        { onProgress: this.progress('validate') },
      );
      this.set({ lookups, busy: null, notice: { kind: 'info', text: notice } });
      if (this.writer) this.writer.append(result.entry);
      if (result.state) this.accept(result.state);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Opens the Fix screen on a cell (a row the import server rejected: renderer/upload). */
  showCell(key: number, col: number): void {
    this.set({ resumeAt: { t: 'ui', screen: 'fix', focus: { key, col } } });
    this.goTo('fix');
  }

  // --- export ----------------------------------------------------------------------------------------

  async exportFile(kind: ExportKind): Promise<void> {
    const words = this.words;
    this.set({ busy: { task: 'export', done: 0, fraction: 0 }, notice: null });
    try {
      const result = await this.worker.call('export', {
        kind,
        locale: this.state.locale,
        settings: { dateOrderByField: this.state.dateOrders },
      });
      if (!result.ok) {
        this.set({ busy: null, notice: { kind: 'error', text: words.exportBlocked(result.errors) } });
        return;
      }
      const base = baseName(this.state.file?.name ?? 'contacts');
      const suggestedName =
        kind === 'workbook'
          ? `${base}-clienttether.xlsx`
          : kind === 'csv'
            ? `${base}-clienttether.csv`
            : `${base}-errors.xlsx`;
      const saved = await this.bridge.saveFile({
        suggestedName,
        kind: kind === 'csv' ? 'csv' : 'xlsx',
        bytes: result.bytes,
      });
      if (!saved.ok) throw new Error(saved.error.message);
      this.set({
        busy: null,
        notice: saved.value ? { kind: 'info', text: words.exported(saved.value.savedAs) } : null,
      });
    } catch (error) {
      this.set({ busy: null, notice: { kind: 'error', text: words.exportFailed((error as Error).message) } });
    }
  }

  /** For screens that need the journal's open entry (tests, diagnostics). */
  get currentListId(): string | null {
    return this.writer?.listId ?? null;
  }

  screenForUi(): UiScreen | null {
    const screen = this.state.screen;
    return screen === 'open' ? null : screen;
  }
}
