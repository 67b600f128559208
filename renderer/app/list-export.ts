import type { Bridge } from '../../shared/bridge';
import type { WorkerClient } from '../client/worker-client';
import type { ExportKind, ExportRows } from '../../shared/list';
import { targetName } from '../../shared/template';
import { type AppStore, inWords } from './app-store';

function baseName(name: string): string {
  return name.replace(/\.[^.]+$/, '') || 'contacts';
}

/** The name offered for an export, after the file's and the CRM's: `leads-mainbrainer.csv`, `leads-errors.xlsx`. */
function suggestedName(fileName: string, kind: ExportKind, crm: string): string {
  const base = baseName(fileName);
  if (kind === 'workbook') return `${base}-${crm}.xlsx`;
  if (kind === 'csv') return `${base}-${crm}.csv`;
  return `${base}-errors.xlsx`;
}

type Parts = Readonly<{ store: AppStore; worker: WorkerClient; bridge: Bridge }>;

/** Writes one file in the worker and saves it where the user chooses; its name, or null (cancelled). */
async function writeAndSave(kind: ExportKind, rows: ExportRows, parts: Parts): Promise<string | null> {
  const { store, worker, bridge } = parts;
  const state = store.getState();
  const result = await worker.call('export', {
    kind,
    locale: state.locale,
    settings: { dateOrderByField: state.dateOrders },
    rows,
    ...(state.csvDelimiter ? { delimiter: state.csvDelimiter } : {}),
  });
  if (!result.ok) {
    const errors = result.errors;
    throw new Refused(errors);
  }
  const saved = await bridge.saveFile({
    suggestedName: suggestedName(state.file?.name ?? 'contacts', kind, targetName(state.template)),
    kind: kind === 'csv' ? 'csv' : 'xlsx',
    bytes: result.bytes,
  });
  if (!saved.ok) throw new Error(saved.error.message);
  return saved.value ? saved.value.savedAs : null;
}

class Refused extends Error {
  constructor(readonly errors: number) {
    super('refused');
  }
}

/** Runs an export with the busy bar, and says where it went or why not. */
async function exporting(parts: Parts, run: () => Promise<void>): Promise<void> {
  const { store } = parts;
  store.set({ busy: { task: 'export', done: 0, fraction: 0 }, notice: null });
  try {
    await run();
    store.set({ busy: null });
  } catch (error) {
    if (error instanceof Refused) {
      const errors = error.errors;
      store.set({ busy: null, notice: { kind: 'error', text: inWords((w) => w.exportBlocked(errors)) } });
      return;
    }
    const why = (error as Error).message;
    store.set({ busy: null, notice: { kind: 'error', text: inWords((w) => w.exportFailed(why)) } });
  }
}

/** Writes the list in the worker and saves it where the user chooses; says where it went or why not. */
export function exportList(kind: ExportKind, parts: Parts): Promise<void> {
  return exporting(parts, async () => {
    const savedAs = await writeAndSave(kind, 'all', parts);
    if (savedAs) parts.store.info(inWords((w) => w.exported(savedAs)));
  });
}

/**
 * Splits off the rows with errors in one step: the clean rows to the template (workbook or CSV), the rest
 * to the error report for the customer. A file to the CRM never holds an error; nothing is left out.
 */
export function exportSplit(
  kind: 'workbook' | 'csv',
  counts: Readonly<{ clean: number; errors: number }>,
  parts: Parts,
): Promise<void> {
  return exporting(parts, async () => {
    const clean = await writeAndSave(kind, 'clean', parts);
    if (!clean) return;
    const report = await writeAndSave('report', 'errors', parts);
    parts.store.info(
      inWords((w) =>
        report
          ? w.exportedSplit(clean, counts.clean, report, counts.errors)
          : w.exportedCleanOnly(clean, counts.clean),
      ),
    );
  });
}

/** The error report of the rows with errors only: what is left for the customer when the rest was uploaded. */
export function exportErrorRows(parts: Parts): Promise<void> {
  return exporting(parts, async () => {
    const savedAs = await writeAndSave('report', 'errors', parts);
    if (savedAs) parts.store.info(inWords((w) => w.exported(savedAs)));
  });
}
