import type { Account, DryRun, ImportJob, LookupsResponse, MeResponse } from '../../shared/api';
import { clientTether } from '../../shared/template';
import {
  ApiClient,
  appRetryPolicy,
  type Consequences,
  consequencesOf,
  defaultChoices,
  gridProblemsOf,
  type ImportProgress,
  type ImportResult,
  importRequestOf,
  LookupsCache,
  type LookupsState,
  type PreparedUpload,
  prepareUpload,
  rejectedRows,
  runImport,
  type SheetFacts,
  type SheetToSend,
  sheetFacts,
  type UploadChoices,
  type UploadFailure,
  withRetry,
} from '../../shared/upload';
import type { AppController } from '../app/app-controller';
import type { UploadSheet } from '../../shared/list';
import { type UploadWords, uploadUiWords } from './words';

export type ConnectionStatus = 'checking' | 'disconnected' | 'connecting' | 'connected';

/** The list as it was last taken from the worker, with what the options screen says about it. */
export type Snapshot = Readonly<{ sheet: UploadSheet; toSend: SheetToSend; facts: SheetFacts }>;

export type RunState =
  | Readonly<{ phase: 'idle' }>
  | Readonly<{ phase: 'running'; progress: ImportProgress; upload: PreparedUpload }>
  | Readonly<{ phase: 'done'; result: ImportResult; upload: PreparedUpload }>
  | Readonly<{ phase: 'failed'; failure: UploadFailure; upload: PreparedUpload }>;

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
  snapshot: Snapshot | null;
  /** The dry run of `snapshot` with `choices` as they were; stale when either changed since. */
  dryRun: Readonly<{ result: DryRun; version: number; choices: UploadChoices }> | null;
  /** A dry run waiting for the server: "retrying" when it gets no answer. */
  pending: Readonly<{
    what: 'connect' | 'lookups' | 'dryRun';
    retry: { attempt: number; delayMs: number } | null;
  }> | null;
  run: RunState;
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
      snapshot: null,
      dryRun: null,
      pending: null,
      run: { phase: 'idle' },
      serverProblemRows: 0,
      history: null,
      error: null,
    };
    // Back online: stop waiting out the backoff.
    window.addEventListener('online', () => this.retryNow());
    // Another list: what was said about the last one (dry run, marks, consent) is not about this one.
    let file = app.getState().file;
    app.subscribe(() => {
      if (app.getState().file === file) return;
      file = app.getState().file;
      this.set({
        snapshot: null,
        dryRun: null,
        serverProblemRows: 0,
        choices: { ...this.state.choices, complianceConfirmed: false },
      });
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
    this.retryNow();
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
      await this.app.setLookups(state.lookups.lookups, this.words.lookupsApplied, state.lookups.customFields);
  }

  setChoices(patch: Partial<UploadChoices>): void {
    this.set({ choices: { ...this.state.choices, ...patch } });
  }

  // --- the list ---------------------------------------------------------------------------------------

  /** Takes the list from the worker, as it is now. */
  async takeSnapshot(): Promise<Snapshot | null> {
    const sheet = await this.app.ask('uploadSheet', {});
    if (!sheet) return null;
    const custom = this.state.lookups?.lookups.customFields ?? [];
    const mapping = sheet.headers.map((header, i) => {
      const kind = sheet.kinds[i];
      if (kind === 'field') return header;
      if (kind === 'custom') {
        const name = header.toLowerCase();
        const field = custom.find((f) => f.key.toLowerCase() === name || f.label.toLowerCase() === name);
        // A custom field the account does not have travels unmapped: a note or dropped, as chosen.
        return field ? `custom:${field.key}` : null;
      }
      return null;
    });
    const toSend: SheetToSend = {
      name: this.app.getState().file?.name ?? 'contacts',
      headers: sheet.headers,
      mapping,
      rows: sheet.rows,
    };
    const snapshot = { sheet, toSend, facts: sheetFacts(toSend, clientTether) };
    this.set({ snapshot });
    return snapshot;
  }

  consequences(): Consequences | null {
    const { snapshot, lookups, choices, dryRun } = this.state;
    if (!snapshot) return null;
    const fresh = dryRun && this.dryRunIsCurrent() ? dryRun.result : null;
    return consequencesOf(snapshot.facts, lookups?.lookups ?? null, choices, fresh);
  }

  /** The dry run still describes the list and the options as they are. */
  dryRunIsCurrent(): boolean {
    const { dryRun, snapshot, choices } = this.state;
    const version = this.app.getState().status?.version;
    return (
      dryRun !== null &&
      snapshot !== null &&
      dryRun.version === snapshot.sheet.version &&
      dryRun.version === version &&
      JSON.stringify({ ...dryRun.choices, complianceConfirmed: false }) ===
        JSON.stringify({ ...choices, complianceConfirmed: false })
    );
  }

  // --- dry run and import -----------------------------------------------------------------------------

  /** Refreshes the lookups (a stale cache must not judge an upload), takes the list and asks the server. */
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
    const snapshot = await this.takeSnapshot();
    if (!snapshot) {
      this.set({ pending: null });
      return;
    }
    const choices = { ...this.state.choices, locale: this.app.getState().locale };
    const request = importRequestOf(snapshot.toSend, choices);
    const answer = await withRetry(() => this.client.dryRun(accountId, request), this.retryEnv('dryRun'));
    this.set({ pending: null });
    if (!answer.ok) {
      this.set({ error: this.words.dryRunFailed(answer.failure) });
      return;
    }
    this.set({ dryRun: { result: answer.value, version: snapshot.sheet.version, choices } });
    await this.markOnGrid(snapshot, answer.value.issues);
  }

  /** Puts the server's rejections on the grid (or clears them when there are none). */
  private async markOnGrid(snapshot: Snapshot, issues: DryRun['issues']): Promise<void> {
    const problems = gridProblemsOf(issues, snapshot.sheet.keys, (column) => column);
    await this.app.change('setServerProblems', { problems });
    this.set({ serverProblemRows: rejectedRows(issues).length });
  }

  /** Sends the dry-run list for real. Runs on while the user works elsewhere; retries never import twice. */
  async startImport(): Promise<void> {
    const { accountId, snapshot, dryRun } = this.state;
    if (!accountId || !snapshot || !dryRun || this.state.run.phase === 'running') return;
    const request = importRequestOf(snapshot.toSend, {
      ...dryRun.choices,
      complianceConfirmed: this.state.choices.complianceConfirmed,
    });
    const upload = prepareUpload(accountId, request, () => crypto.randomUUID());
    this.cancelled = false;
    this.set({ run: { phase: 'running', progress: { step: 'sending', attempt: 1 }, upload }, error: null });
    const outcome = await runImport(this.client, upload, {
      policy: appRetryPolicy,
      sleep: this.sleep,
      pollMs: 400,
      onProgress: (progress) => this.set({ run: { phase: 'running', progress, upload } }),
    });
    if (!outcome.ok) {
      this.set({ run: { phase: 'failed', failure: outcome.failure, upload } });
      return;
    }
    // Each upload is confirmed on its own: the consent was given for these rows.
    this.set({
      run: { phase: 'done', result: outcome.value, upload },
      dryRun: null,
      choices: { ...this.state.choices, complianceConfirmed: false },
    });
    await this.markOnGrid(snapshot, outcome.value.issues);
    void this.loadHistory();
  }

  /** After a finished (or failed) import: back to the options for the next upload. */
  resetRun(): void {
    if (this.state.run.phase !== 'running') this.set({ run: { phase: 'idle' } });
  }

  /** Jumps to a rejected row on the grid. */
  showRow(row: number, column: number): void {
    const key = this.state.snapshot?.sheet.keys[row - 1];
    if (key !== undefined) this.app.showCell(key, column);
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
