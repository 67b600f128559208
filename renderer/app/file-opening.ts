import { type Progress, type WorkerClient, WorkerFailure } from '../client/worker-client';
import type { FileToOpen } from '../platform/opened-blob';
import type { OpenResult, ReadOptions } from '../../shared/list';
import type { TargetChoice, Template } from '../../shared/template';
import { noListOpen } from './app-state';
import { type AppStore, inWords } from './app-store';
import type { JournalKeeper } from './journal-keeper';

function isCancelledRead(error: unknown): boolean {
  return error instanceof WorkerFailure && error.error.code === 'read.cancelled';
}

function sameRows(a: readonly (readonly string[])[], b: readonly (readonly string[])[]): boolean {
  return (
    a.length === b.length &&
    a.every((row, r) => row.length === b[r].length && row.every((v, c) => v === b[r][c]))
  );
}

/**
 * The whole read's result, with the preview shown since the first rows came kept as it is when the read
 * found the same rows: the preview table then does not render its hundred rows again.
 */
function keepEarlyPreview(early: OpenResult | null, read: OpenResult): OpenResult {
  if (!early || early.headerRow !== read.headerRow) return read;
  if (early.lines.join() !== read.lines.join() || !sameRows(early.preview, read.preview)) return read;
  return { ...read, preview: early.preview, lines: early.lines };
}

/**
 * Opening a file: reading it in the worker with progress, showing the preview and the proposed mapping as
 * soon as the first rows are in, reading it again another way (encoding, delimiter, header row), and letting
 * the worker validate ahead with the proposed mapping while the user looks (see worker/ahead-validation.ts).
 */
export class FileOpening {
  /** Who wants the progress of the validation ahead (the user confirmed the mapping while it ran). */
  private prepareProgress: ((p: Progress) => void) | null = null;
  /** The user confirmed the mapping while the file was still being read: the read's progress is theirs. */
  private waitingForRead = false;

  constructor(
    private readonly store: AppStore,
    private readonly worker: WorkerClient,
    private readonly journal: JournalKeeper,
    /** Told of a file that could not be read (its handle): it comes off the recent files. */
    private readonly onFailed: (handle: string) => void = () => {},
  ) {}

  /**
   * Reads a file in the worker with progress: bytes move there (not copied); a browser File goes there
   * unread and the worker reads it as it parses.
   */
  async open(file: FileToOpen, options: ReadOptions = {}, validateAhead = true): Promise<boolean> {
    performance.mark('listprep:file-chosen');
    this.journal.stop();
    this.store.set({
      file: { name: file.name, size: file.size, ...(file.handle ? { handle: file.handle } : {}) },
      readOptions: options,
      ...noListOpen,
      screen: 'open',
      busy: { task: 'read', done: 0, fraction: 0 },
    });
    try {
      const read = { ...options, fileName: file.name };
      const opened = await this.worker.call(
        'open',
        'blob' in file ? { blob: file.blob, options: read } : { bytes: file.bytes, options: read },
        { onProgress: this.readProgress(), transfer: 'blob' in file ? [] : [file.bytes.buffer] },
      );
      this.readDone(opened);
      performance.mark('listprep:file-read');
      if (validateAhead) await this.proposeAndPrepare();
      return true;
    } catch (error) {
      if (isCancelledRead(error)) return false;
      if (file.handle) this.onFailed(file.handle);
      // The worker's refusal in the language shown now; the words around it follow a later switch.
      const reason = this.store.reasonOf(error);
      this.store.set({
        notice: { kind: 'error', text: inWords((w) => w.openFailed(reason)) },
        busy: null,
      });
      return false;
    }
  }

  async changeReadOptions(options: ReadOptions): Promise<void> {
    const readOptions = { ...this.store.getState().readOptions, ...options };
    this.store.set({
      readOptions,
      busy: { task: 'read', done: 0, fraction: 0 },
      proposals: null,
      targets: null,
    });
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
      this.store.fail(error);
    }
  }

  /** Another CRM: the worker reads the open file again for its template (nothing to read without one). */
  async changeTarget(target: TargetChoice, template: Template): Promise<void> {
    const open = this.store.getState().opened !== null;
    // Columns, findings and edits belong to the old template's columns: the list starts again from the file.
    this.journal.stop();
    this.store.set({
      target,
      template,
      importChoices: {},
      csvDelimiter: null,
      ...(open
        ? {
            proposals: null,
            targets: null,
            columns: null,
            status: null,
            lookups: null,
            customFields: [],
            dateOrders: {},
            busy: { task: 'read', done: 0, fraction: 0 },
          }
        : {}),
    });
    try {
      const opened = await this.worker.call('setTarget', { target }, { onProgress: this.readProgress() });
      if (!opened) return;
      this.readDone(opened);
      await this.proposeAndPrepare();
      this.store.set({
        screen: 'map',
        notice: { kind: 'info', text: this.store.words.crmChanged(template.crm) },
      });
    } catch (error) {
      if (isCancelledRead(error)) return;
      this.store.fail(error);
    }
  }

  async setHeaderRow(row: number): Promise<void> {
    try {
      this.store.set({
        proposals: null,
        targets: null,
        readOptions: { ...this.store.getState().readOptions, headerRow: row },
      });
      const opened = await this.worker.call('setHeaderRow', { row }, { onProgress: this.readProgress() });
      this.readDone(opened);
      await this.proposeAndPrepare();
    } catch (error) {
      if (isCancelledRead(error)) return;
      this.store.fail(error);
    }
  }

  /**
   * The user confirmed the mapping and waits for the list: the progress of a read still running, or of the
   * validation ahead, is now this wait's progress (`report`), until `stopWaiting`.
   */
  waitForList(report: (p: Progress) => void): void {
    this.prepareProgress = report;
    this.waitingForRead = this.store.getState().reading !== null;
  }

  stopWaiting(): void {
    this.prepareProgress = null;
    this.waitingForRead = false;
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
        this.store.set({
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
          busy: this.waitingForRead ? this.store.getState().busy : null,
        });
        return;
      }
      const busy = { task: 'read' as const, done: p.done, fraction: p.fraction };
      if (!this.store.getState().reading) this.store.set({ busy });
      else
        this.store.set({
          reading: { done: p.done, fraction: p.fraction },
          ...(this.waitingForRead ? { busy } : {}),
        });
    };
  }

  private readDone(read: OpenResult): void {
    const opened = keepEarlyPreview(this.store.getState().opened, read);
    this.store.set({ opened, reading: null, ...(this.waitingForRead ? {} : { busy: null }) });
  }

  /**
   * Proposes the mapping as soon as the file is read, then lets the worker validate with it in the
   * background while the user looks at the preview and the mapping: confirming it unchanged then shows the
   * grid without waiting. Whatever the user does next (another header row, another mapping) stops that work.
   */
  private async proposeAndPrepare(): Promise<void> {
    if (!this.store.getState().proposals) {
      const proposals = await this.worker.call('proposeMapping', {});
      this.store.set({ proposals, targets: proposals.map((p) => p.target) });
    }
    // A failure here is not the user's: the confirmed mapping is validated again and reports it then.
    void this.worker.call('prepare', {}, { onProgress: (p) => this.prepareProgress?.(p) }).catch(() => {});
  }
}
