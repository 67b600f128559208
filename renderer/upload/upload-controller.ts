import type { Account, ImportJob, LookupsResponse, MeResponse } from '../../shared/api';
import type { DryRunSummary, UploadRun, UploadTaskState } from '../../shared/list';
import {
  ApiClient,
  type Consequences,
  consequencesOf,
  defaultChoices,
  LookupsCache,
  type LookupsState,
  type SheetFacts,
  type UploadChoices,
  withRetry,
  appRetryPolicy,
} from '../../shared/upload';
import type { AppController } from '../app/app-controller';
import { type UploadWords, uploadUiWords } from './words';

export type ConnectionStatus = 'checking' | 'disconnected' | 'connecting' | 'connected';

/** What the worker says of the rows now (consent, plans, unmapped columns), at the list's version. */
export type ListFacts = Readonly<{ version: number; facts: SheetFacts }>;

export type UploadState = Readonly<{
  status: ConnectionStatus;
  serverUrl: string;
  /** Plain http to a lab server allowed at start: the key and the list travel unencrypted (said on screen). */
  unencrypted: boolean;
  who: string | null;
  me: MeResponse | null;
  accountId: string | null;
  lookups: LookupsState | null;
  choices: UploadChoices;
  facts: ListFacts | null;
  /**
   * Send only the rows without errors (a split): the rows with errors stay in the list for the error report.
   * The CRM's rule holds either way: what is sent holds no error.
   */
  cleanOnly: boolean;
  /** The dry run of the list at `version` with `choices` as they were; stale when either changed since. */
  dryRun: Readonly<{
    result: DryRunSummary;
    version: number;
    choices: UploadChoices;
    cleanOnly: boolean;
  }> | null;
  /** A dry run waiting for the server: "retrying" when it gets no answer. */
  pending: Readonly<{
    what: 'connect' | 'lookups' | 'dryRun';
    retry: { attempt: number; delayMs: number } | null;
  }> | null;
  /** The import, which the worker runs and reports (it goes on while the user works elsewhere). */
  run: UploadRun;
  /** Rows the server rejected that are marked on the grid. */
  serverProblemRows: number;
  history: readonly ImportJob[] | null;
  error: string | null;
}>;

const serverKey = 'listprep.upload.server';
const defaultServer = 'http://127.0.0.1:4870';

/** Browser localStorage as the lookups cache (lookups are account lists, not secrets). */
const localStore = {
  get: (key: string) => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set: (key: string, value: string) => localStorage.setItem(key, value),
};

/**
 * Everything the Upload step does, outside React so an import keeps running while the user goes back to fix
 * the list. Talks to the server only through `Bridge.connection.request` (in Electron the main process holds
 * the key), to the list only through the app controller's worker requests.
 */
export class UploadController {
  private state: UploadState;
  private readonly listeners = new Set<() => void>();
  private readonly client: ApiClient;
  private wake: (() => void) | null = null;
  private cancelled = false;
  /** Whether the dry run asked for last sends only the rows without errors (its answer comes later). */
  private dryRunCleanOnly = false;

  constructor(private readonly app: AppController) {
    this.client = new ApiClient((request) => app.bridge.connection.request(request));
    this.state = {
      status: 'checking',
      serverUrl: localStorage.getItem(serverKey) ?? defaultServer,
      unencrypted: false,
      who: null,
      me: null,
      accountId: null,
      lookups: null,
      choices: { ...defaultChoices, locale: app.getState().locale },
      facts: null,
      cleanOnly: false,
      dryRun: null,
      pending: null,
      run: { phase: 'idle' },
      serverProblemRows: 0,
      history: null,
      error: null,
    };
    // Back online: stop waiting out the backoff.
    window.addEventListener('online', () => this.retryNow());
    // The worker runs the dry run and the import beside its requests and says how they go.
    app.worker.onUpload((state) => this.followWorker(state));
    // Another list: what was said about the last one (dry run, marks, consent) is not about this one.
    let file = app.getState().file;
    app.subscribe(() => {
      if (app.getState().file === file) return;
      file = app.getState().file;
      this.set({
        facts: null,
        cleanOnly: false,
        dryRun: null,
        serverProblemRows: 0,
        choices: { ...this.state.choices, complianceConfirmed: false },
      });
      // A finished import's results (and the header's "Import finished") belong to the list it sent; one
      // still running goes on and says how it ends.
      this.resetRun();
    });
    void this.resume();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): UploadState => this.state;

  private set(patch: Partial<UploadState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private get words(): UploadWords {
    return uploadUiWords(this.app.getState().locale);
  }

  /** A wait that "retry now" (or coming back online) cuts short. */
  private readonly sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });

  retryNow(): void {
    this.wake?.();
    void this.app.worker.call('uploadRetryNow', {});
  }

  private retryEnv(what: 'connect' | 'lookups' | 'dryRun') {
    this.cancelled = false;
    return {
      policy: appRetryPolicy,
      sleep: this.sleep,
      cancelled: () => this.cancelled,
      onRetry: (n: { attempt: number; delayMs: number }) =>
        this.set({ pending: { what, retry: { attempt: n.attempt, delayMs: n.delayMs } } }),
    };
  }

  /** Stops waiting for the server (a dry run or a connection); a running import is followed to its end. */
  cancelWaiting(): void {
    this.cancelled = true;
    this.wake?.();
    void this.app.worker.call('uploadCancel', {});
  }

  // --- connection ------------------------------------------------------------------------------------

  /** A key kept by the platform (Electron's safeStorage) connects without asking again. */
  private async resume(): Promise<void> {
    const info = await this.app.bridge.connection.info();
    if (!info.ok || !info.value?.connected) {
      this.set({ status: 'disconnected' });
      return;
    }
    this.set({
      serverUrl: info.value.serverUrl,
      unencrypted: info.value.unencrypted === true,
      status: 'connecting',
    });
    await this.identify();
  }

  async connect(serverUrl: string, apiKey: string): Promise<void> {
    this.set({ status: 'connecting', error: null, serverUrl });
    const connected = await this.app.bridge.connection.connect(serverUrl.trim(), apiKey.trim());
    if (!connected.ok) {
      this.set({ status: 'disconnected', error: connected.error.message });
      return;
    }
    localStorage.setItem(serverKey, connected.value.serverUrl);
    this.set({ serverUrl: connected.value.serverUrl, unencrypted: connected.value.unencrypted === true });
    await this.identify();
  }

  private async identify(): Promise<void> {
    const me = await this.client.me();
    if (!me.ok) {
      await this.app.bridge.connection.disconnect();
      this.set({ status: 'disconnected', error: this.words.connectFailed(me.failure) });
      return;
    }
    const accounts = me.value.accounts;
    this.set({
      status: 'connected',
      me: me.value,
      who: `${me.value.user.name} · ${me.value.account.name}`,
      error: null,
    });
    // One account (a sub-account's key) needs no choosing.
    if (accounts.length === 1) await this.chooseAccount(accounts[0].id);
  }

  async disconnect(): Promise<void> {
    await this.app.bridge.connection.disconnect();
    this.set({
      status: 'disconnected',
      me: null,
      who: null,
      accountId: null,
      lookups: null,
      dryRun: null,
      history: null,
    });
  }

  get accounts(): readonly Account[] {
    return this.state.me?.accounts ?? [];
  }

  // --- account and lookups -----------------------------------------------------------------------------

  private cache(): LookupsCache {
    return new LookupsCache(this.client, { store: localStore, serverUrl: this.state.serverUrl });
  }

  async chooseAccount(accountId: string): Promise<void> {
    if (accountId === this.state.accountId) return;
    this.set({
      accountId,
      lookups: null,
      dryRun: null,
      history: null,
      choices: { ...this.state.choices, actionPlanId: null, leadSourceId: null, salesCycleId: null },
      pending: { what: 'lookups', retry: null },
    });
    const cached = this.cache().cached(accountId);
    // The cached copy goes on the grid at once (offline work); the server's replaces it when it answers.
    if (cached) await this.applyLookups({ ...cached, changed: false });
    const loaded = await this.cache().load(accountId);
    this.set({ pending: null });
    if (!loaded.ok) {
      this.set({ error: this.words.lookupsFailed(loaded.failure) });
      return;
    }
    if (!cached || loaded.value.source === 'server') await this.applyLookups(loaded.value);
    void this.loadHistory();
  }

  /** Gives the account's lists to the grid: ID columns are checked against them and offer their names. */
  private async applyLookups(state: LookupsState): Promise<void> {
    const previous = this.state.lookups;
    this.set({ lookups: state });
    if (previous?.lookups.version === state.lookups.version && this.app.getState().lookups) return;
    if (this.app.getState().columns)
      await this.app.setLookups(
        state.lookups.lookups,
        (locale) => uploadUiWords(locale).lookupsApplied,
        state.lookups.customFields,
      );
  }

  setChoices(patch: Partial<UploadChoices>): void {
    this.set({ choices: { ...this.state.choices, ...patch } });
  }

  // --- the list ---------------------------------------------------------------------------------------

  /** What the options screen says about the rows, asked of the worker (the rows stay there). */
  async loadFacts(): Promise<ListFacts | null> {
    const facts = await this.app.ask('uploadFacts', { rows: this.rowsToSend() });
    if (facts) this.set({ facts });
    return facts;
  }

  consequences(): Consequences | null {
    const { facts, lookups, choices, dryRun } = this.state;
    if (!facts) return null;
    const fresh = dryRun && this.dryRunIsCurrent() ? dryRun.result : null;
    return consequencesOf(facts.facts, lookups?.lookups ?? null, choices, fresh);
  }

  /** Sends only the rows without errors, or every row; the dry run is asked again for either. */
  setCleanOnly(cleanOnly: boolean): void {
    if (cleanOnly === this.state.cleanOnly) return;
    this.set({ cleanOnly });
    void this.loadFacts();
  }

  private rowsToSend(): 'all' | 'clean' {
    return this.state.cleanOnly ? 'clean' : 'all';
  }

  /** The dry run still describes the list and the options as they are. */
  dryRunIsCurrent(): boolean {
    const { dryRun, choices } = this.state;
    const version = this.app.getState().status?.version;
    return (
      dryRun !== null &&
      dryRun.version === version &&
      dryRun.cleanOnly === this.state.cleanOnly &&
      JSON.stringify({ ...dryRun.choices, complianceConfirmed: false }) ===
        JSON.stringify({ ...choices, complianceConfirmed: false })
    );
  }

  // --- dry run and import -----------------------------------------------------------------------------

  /** Gives the worker the connection to send with (a new port in the desktop app, the key in a browser). */
  private async connectWorker(): Promise<void> {
    const connection = this.app.bridge.workerConnection();
    await this.app.worker.call('useConnection', connection, {
      transfer: connection?.kind === 'port' ? [connection.port] : [],
    });
  }

  /**
   * Refreshes the lookups (a stale cache must not judge an upload), then has the worker dry-run the list as it
   * is now; the answer comes back through `followWorker`.
   */
  async dryRun(): Promise<void> {
    const accountId = this.state.accountId;
    if (!accountId) return;
    this.set({ error: null, pending: { what: 'dryRun', retry: null } });
    const refreshed = await withRetry(() => this.cache().refresh(accountId), this.retryEnv('dryRun'));
    if (this.cancelled) {
      this.set({ pending: null });
      return;
    }
    if (refreshed.ok) await this.applyLookups(refreshed.value);
    await this.loadFacts();
    await this.connectWorker();
    const choices = { ...this.state.choices, locale: this.app.getState().locale };
    this.dryRunCleanOnly = this.state.cleanOnly;
    const state = await this.app.ask('uploadDryRun', {
      accountId,
      choices,
      name: this.listName(),
      rows: this.rowsToSend(),
    });
    if (state) this.followWorker(state);
  }

  /** Sends the dry-run rows for real. Runs on while the user works elsewhere; retries never import twice. */
  async startImport(): Promise<void> {
    const { accountId, dryRun } = this.state;
    if (!accountId || !dryRun || this.state.run.phase === 'running') return;
    this.set({ error: null });
    await this.connectWorker();
    const answer = await this.app.ask('uploadImport', {
      choices: { ...dryRun.choices, complianceConfirmed: this.state.choices.complianceConfirmed },
      idempotencyKey: crypto.randomUUID(),
      name: this.listName(),
    });
    if (answer) this.followWorker(answer.state);
  }

  /** The worker's upload state, in the screen's terms; a finished answer puts its rejections on the grid. */
  private followWorker(state: UploadTaskState): void {
    const { check, run } = state;
    const was = this.state;
    if (check.state === 'running') {
      this.set({ pending: { what: 'dryRun', retry: check.retry && { ...check.retry } } });
    } else if (check.state === 'done' && was.pending?.what === 'dryRun') {
      this.set({
        pending: null,
        dryRun: {
          result: check.result,
          version: check.version,
          choices: check.choices,
          cleanOnly: this.dryRunCleanOnly,
        },
      });
      void this.markOnGrid();
    } else if (check.state === 'failed' && was.pending?.what === 'dryRun') {
      this.set({ pending: null, error: this.words.dryRunFailed(check.failure) });
    }
    const finished = run.phase === 'done' && was.run.phase === 'running';
    this.set({ run });
    if (finished) {
      // Each upload is confirmed on its own: the consent was given for these rows.
      this.set({ dryRun: null, choices: { ...this.state.choices, complianceConfirmed: false } });
      void this.markOnGrid();
      void this.loadHistory();
    }
  }

  /** Puts the server's rejections of its last answer on the grid (or clears them when there are none). */
  private async markOnGrid(): Promise<void> {
    const change = await this.app.change('showServerProblems', { locale: this.app.getState().locale });
    if (change) this.set({ serverProblemRows: change.markedRows });
  }

  /** After a finished (or failed) import: back to the options for the next upload. */
  resetRun(): void {
    if (this.state.run.phase === 'running') return;
    this.set({ run: { phase: 'idle' } });
    void this.app.worker.call('uploadReset', {});
  }

  /** Jumps to a rejected row on the grid. */
  async showRow(row: number, column: number): Promise<void> {
    const key = await this.app.ask('uploadRowKey', { row });
    if (key !== null && key !== undefined) this.app.showCell(key, column);
  }

  private listName(): string {
    return this.app.getState().file?.name ?? 'contacts';
  }

  // --- history and rollback ---------------------------------------------------------------------------

  async loadHistory(): Promise<void> {
    const accountId = this.state.accountId;
    if (!accountId) return;
    const page = await this.client.history(accountId);
    if (page.ok && this.state.accountId === accountId) this.set({ history: page.value.imports });
  }

  async rollback(job: ImportJob): Promise<boolean> {
    const accountId = this.state.accountId;
    if (!accountId) return false;
    const answer = await this.client.rollback(accountId, job.id);
    if (!answer.ok) {
      this.set({ error: answer.failure.message });
      return false;
    }
    await this.loadHistory();
    return true;
  }

  lookupsOf(): LookupsResponse | null {
    return this.state.lookups?.lookups ?? null;
  }
}

const controllers = new WeakMap<AppController, UploadController>();

/** One upload controller per app, made when the Upload step is first shown. */
export function uploadControllerOf(app: AppController): UploadController {
  let controller = controllers.get(app);
  if (!controller) {
    controller = new UploadController(app);
    controllers.set(app, controller);
  }
  return controller;
}
