import type { ImportSummary } from '../../shared/export';
import type { DateOrder } from '../../shared/fix';
import { clientTether, type Lookups, type TargetChoice, templateFor } from '../../shared/template';
import type { Locale } from '../../shared/validate';
import type { WorkerClient } from '../client/worker-client';
import type { AppBridge } from '../platform/app-bridge';
import type { FileToOpen } from '../platform/opened-blob';
import type { DateOrderEntry, UiEntry, UiScreen } from '../journal/entries';
import type { Change, DocState, ExportKind, ReadOptions, SplitCounts } from '../../shared/list';
import {
  type AccountCustomField,
  type ColumnTarget,
  columnInfo,
  planColumns,
  profileNameProblem,
} from '../../shared/mapping';
import { findSavedMapping, mappingProfileOf, type SavedMapping } from '../mapping/profiles';
import type { RequestType, WorkerApi } from '../worker/protocol';
import type { AppState, Said, Screen } from './app-state';
import { AppStore, inWords } from './app-store';
import { FileOpening } from './file-opening';
import { JournalKeeper } from './journal-keeper';
import { exportErrorRows, exportList, exportSplit } from './list-export';
import { restoreList } from './list-restore';
import { lookupsCount, readLookupsFile } from './lookups-file';

const localeKey = 'listprep.locale';
const targetKey = 'listprep.target';

/** The CRM chosen last time (a target choice kept as JSON), or ClientTether. */
function preferredTarget(): TargetChoice {
  try {
    const saved = JSON.parse(localStorage.getItem(targetKey) ?? 'null') as TargetChoice | null;
    if (saved && typeof saved.id === 'string' && templateFor(saved)) return saved;
  } catch {
    // A value that is not ours (or not JSON) is forgotten: ClientTether, as before there were targets.
  }
  return { id: clientTether.id };
}

function preferredLocale(): Locale {
  const saved = localStorage.getItem(localeKey);
  if (saved === 'en' || saved === 'nb') return saved;
  return /^(nb|no|nn)\b/i.test(navigator.language) ? 'nb' : 'en';
}

/**
 * Every action the screens take, over the app's state (AppStore), the worker and the list's journal
 * (JournalKeeper). React reads the state through `useAppState`; the grid listens to changes with `onChange`.
 * Opening files, restoring and exporting have files of their own beside this one.
 */
export class AppController {
  private readonly store: AppStore;
  private readonly journal: JournalKeeper;
  private readonly opening: FileOpening;

  constructor(
    readonly bridge: AppBridge,
    readonly worker: WorkerClient,
  ) {
    const target = preferredTarget();
    this.store = new AppStore(preferredLocale(), target, templateFor(target) ?? clientTether);
    this.journal = new JournalKeeper(bridge.journal, (save) => this.store.set({ save }));
    this.opening = new FileOpening(
      this.store,
      worker,
      this.journal,
      (handle) => void this.forgetRecent(handle),
    );
  }

  // --- state -----------------------------------------------------------------------------------------

  readonly subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  readonly getState = () => this.store.getState();

  private get state() {
    return this.store.getState();
  }

  private set(patch: Partial<AppState>): void {
    this.store.set(patch);
  }

  /** The grid subscribes here: every change to the list, whoever made it. */
  onChange(listener: (change: Change) => void): () => void {
    return this.store.onChange(listener);
  }

  get words() {
    return this.store.words;
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  info(text: Said, untilChange = false): void {
    this.store.info(text, untilChange);
  }

  // --- start -----------------------------------------------------------------------------------------

  /** Loads recent files and unsaved lists; opens the file named by `?open=<handle>` (a desktop file launch). */
  async start(openHandle: string | null = null): Promise<void> {
    const [recent, unsaved] = await Promise.all([
      this.bridge.recentFiles(),
      this.bridge.journal.list(),
      // The worker prepares the remembered target before any file is read.
      this.worker.call('setTarget', { target: this.state.target }),
    ]);
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

  /**
   * Prepares the list for another CRM: remembered for the next list; an open list is read again for the new
   * template, its mapping proposed anew, and validated by the new rules once the mapping is confirmed.
   */
  async chooseTarget(target: TargetChoice): Promise<void> {
    const template = templateFor(target);
    if (!template || JSON.stringify(target) === JSON.stringify(this.state.target)) return;
    localStorage.setItem(targetKey, JSON.stringify(target));
    await this.opening.changeTarget(target, template);
  }

  goTo(screen: Screen): void {
    this.set({ screen, notice: null });
    if (screen !== 'open') this.noteUi({ screen });
  }

  // --- open ------------------------------------------------------------------------------------------

  async pickFile(): Promise<void> {
    const picked = this.bridge.openFileBlob ? await this.bridge.openFileBlob() : await this.bridge.openFile();
    if (!picked.ok) return this.store.fail(new Error(picked.error.message));
    if (picked.value) await this.openFile(picked.value);
  }

  async dropFile(file: File): Promise<void> {
    try {
      const opened = this.bridge.adoptFile
        ? this.bridge.adoptFile(file)
        : { name: file.name, size: file.size, bytes: new Uint8Array(await file.arrayBuffer()) };
      await this.openFile(opened);
    } catch (error) {
      this.store.fail(error);
    }
  }

  async openRecent(handle: string): Promise<void> {
    const reopened = await this.bridge.reopenFile(handle);
    if (!reopened.ok) {
      this.store.fail(new Error(reopened.error.message));
      await this.forgetRecent(handle);
      return;
    }
    await this.openFile(reopened.value);
  }

  /** A file that failed to open (gone, unreadable, not a list) is no longer offered as a recent file. */
  private async forgetRecent(handle: string): Promise<void> {
    await this.bridge.forgetRecent(handle);
    this.set({ recent: this.state.recent.filter((r) => r.handle !== handle) });
  }

  /** Reads a file in the worker with progress (see FileOpening). */
  openFile(file: FileToOpen, options: ReadOptions = {}, validateAhead = true): Promise<boolean> {
    return this.opening.open(file, options, validateAhead);
  }

  changeReadOptions(options: ReadOptions): Promise<void> {
    return this.opening.changeReadOptions(options);
  }

  setHeaderRow(row: number): Promise<void> {
    return this.opening.setHeaderRow(row);
  }

  // --- map -------------------------------------------------------------------------------------------

  async goToMap(): Promise<void> {
    try {
      if (!this.state.proposals) {
        const proposals = await this.worker.call('proposeMapping', {});
        this.set({ proposals, targets: proposals.map((p) => p.target) });
      }
      this.goTo('map');
    } catch (error) {
      this.store.fail(error);
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

  /**
   * Saves the mapping (and the day/month orders chosen so far) as a profile in shared/mapping's format, where
   * the platform keeps them (the desktop app: beside the CLI's profiles).
   */
  async saveMappingProfile(name: string): Promise<void> {
    const proposals = this.state.proposals;
    const targets = this.state.targets;
    if (!proposals || !targets) return;
    if (profileNameProblem(name)) return this.store.fail(new Error(this.words.profileNameInvalid));
    const headers = proposals.map((p) => p.header);
    const profile = mappingProfileOf(name, this.state.template, headers, targets, {
      dateOrders: this.state.dateOrders,
    });
    const saved = await this.bridge.profiles.save(profile);
    if (!saved.ok) return this.store.fail(new Error(this.words.profileNotSaved));
    this.info(inWords((w) => w.profileSaved));
  }

  /** The saved mapping for a file with these headers (any order), or null; a store that fails offers none. */
  async savedMappingFor(headers: readonly string[]): Promise<SavedMapping | null> {
    const found = await findSavedMapping(this.bridge.profiles, this.state.template, headers);
    return found.ok ? found.value : null;
  }

  /** Forgets a saved mapping, so it is no longer offered. */
  async forgetSavedMapping(name: string): Promise<void> {
    const removed = await this.bridge.profiles.remove(name);
    if (!removed.ok) return this.store.fail(new Error(removed.error.message));
    this.info(this.words.profileForgotten(name));
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
    this.opening.waitForList(this.store.progress('validate'));
    const validating = this.worker.call(
      'applyMapping',
      { targets },
      { onProgress: this.store.progress('validate') },
    );
    const planned = planColumns(this.state.template, headers, targets, this.state.customFields).map(
      columnInfo,
    );
    // While the file is still being read, the wait starts from the read's progress so far (its next report
    // comes within a quarter second), not from "checking 0 rows".
    const reading = this.state.reading;
    this.set({
      busy: reading ? { task: 'read', ...reading } : { task: 'validate', done: 0, fraction: 0 },
      columns: planned,
      screen: 'fix',
      notice: null,
    });
    try {
      const state = await validating;
      this.opening.stopWaiting();
      performance.mark('listprep:list-validated');
      await this.journal.start(this.state, () => this.worker.call('sourceBase64', {}));
      // A new grid asks for its rows itself; an existing one (a remap) must reload them.
      this.accept(state, hadList);
      this.set({ busy: null });
      this.noteUi({ screen: 'fix' });
    } catch (error) {
      this.opening.stopWaiting();
      this.store.fail(error);
      this.set({ screen: 'map' });
    }
  }

  private accept(state: DocState, reload = true): void {
    // Same columns as planned: keep the array, so the grid does not rebuild its columns.
    const same = JSON.stringify(state.columns) === JSON.stringify(this.state.columns);
    this.set({ columns: same ? this.state.columns : state.columns, status: state.status });
    if (state.entry) this.journal.append(state.entry);
    if (reload) this.store.emit({ status: state.status, rows: null, structural: true, entry: null });
  }

  // --- journal ---------------------------------------------------------------------------------------

  /** Records where the user is (screen, cell, an edit in progress), a moment after it stops changing. */
  noteUi(entry: Omit<UiEntry, 't'>): void {
    this.journal.noteUi(entry);
  }

  /** Resolves when every change so far is in the journal (tests and "saved" indicators wait on it). */
  flushJournal(): Promise<void> {
    return this.journal.flush();
  }

  async discardUnsaved(listId: string): Promise<void> {
    await this.bridge.journal.discard(listId);
    this.set({ unsaved: this.state.unsaved.filter((u) => u.listId !== listId) });
  }

  /** Opens the list's file again and replays its journal (see list-restore.ts). */
  restore(listId: string): Promise<void> {
    const { store, worker, bridge, journal, opening } = this;
    return restoreList(listId, { store, worker, bridge, journal, opening });
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
      if (change.entry) this.journal.append(change.entry);
      this.set({ status: change.status });
      this.store.emit(change);
      return result;
    } catch (error) {
      this.store.fail(error);
      return null;
    }
  }

  /** A read-only request; failures become a notice and null. */
  async ask<K extends RequestType>(
    type: K,
    params: WorkerApi[K]['req'],
  ): Promise<WorkerApi[K]['res'] | null> {
    try {
      return await this.worker.call(type, params);
    } catch (error) {
      this.store.fail(error);
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
    this.journal.append({ t: 'dateOrder', header, order } satisfies DateOrderEntry);
  }

  // --- lookups ---------------------------------------------------------------------------------------

  async loadLookups(): Promise<void> {
    const picked = await this.bridge.openFile();
    if (!picked.ok) return this.store.fail(new Error(picked.error.message));
    if (!picked.value) return;
    const parsed = readLookupsFile(picked.value.bytes);
    if (!parsed.ok) {
      this.set({ notice: { kind: 'error', text: inWords((w) => w.lookupsFailed(parsed.reason)) } });
      return;
    }
    const { lookups, customFields } = parsed.lists;
    const count = lookupsCount(lookups);
    await this.setLookups(
      lookups,
      inWords((w) => w.lookupsLoaded(count)),
      customFields,
    );
  }

  /**
   * Checks the ID columns against these lists and the custom-field columns as the account's custom fields
   * (a lookups file has lists only; the server's lookups, fetched or saved as a file, have both).
   */
  async setLookups(
    lookups: Lookups,
    notice: Said,
    customFields: readonly AccountCustomField[] = [],
  ): Promise<void> {
    this.set({ busy: { task: 'validate', done: 0, fraction: 0 } });
    try {
      const result = await this.worker.call(
        'setLookups',
        { lookups, customFields },
        { onProgress: this.store.progress('validate') },
      );
      this.set({ lookups, customFields, busy: null, notice: { kind: 'info', text: notice } });
      this.journal.append(result.entry);
      if (result.state) this.accept(result.state);
    } catch (error) {
      this.store.fail(error);
    }
  }

  /** Opens the Fix screen on a cell (a row the import server rejected: renderer/upload). */
  showCell(key: number, col: number): void {
    this.set({ resumeAt: { t: 'ui', screen: 'fix', focus: { key, col } } });
    this.goTo('fix');
  }

  // --- export ----------------------------------------------------------------------------------------

  /** A choice for the CRM's import (template.choices): said in the export's summary. */
  setImportChoice(id: string, value: string): void {
    this.set({ importChoices: { ...this.state.importChoices, [id]: value } });
  }

  /** The CSV separator, among those the CRM takes. */
  setCsvDelimiter(delimiter: string): void {
    this.set({ csvDelimiter: delimiter });
  }

  /** What the export will tell the CRM's import, counted on the list as it is now (the CLI prints the same). */
  importSummary(): Promise<ImportSummary> {
    return this.worker.call('importSummary', {
      choices: this.state.importChoices,
      locale: this.state.locale,
    });
  }

  exportFile(kind: ExportKind): Promise<void> {
    const { store, worker, bridge } = this;
    return exportList(kind, { store, worker, bridge });
  }

  /** The clean rows to the template and the rows with errors to the error report, in one step. */
  exportSplit(kind: 'workbook' | 'csv', counts: SplitCounts): Promise<void> {
    const { store, worker, bridge } = this;
    return exportSplit(kind, counts, { store, worker, bridge });
  }

  /** Saves the error report of the rows with errors only (the rows a clean-only upload leaves behind). */
  exportErrorRows(): Promise<void> {
    const { store, worker, bridge } = this;
    return exportErrorRows({ store, worker, bridge });
  }

  /** For screens that need the journal's open entry (tests, diagnostics). */
  get currentListId(): string | null {
    return this.journal.listId;
  }

  screenForUi(): UiScreen | null {
    const screen = this.state.screen;
    return screen === 'open' ? null : screen;
  }
}
