import type { Bridge } from '../../shared/bridge';
import type { WorkerClient } from '../client/worker-client';
import type { ExportKind } from '../../shared/list';
import type { AppStore } from './app-store';

function baseName(name: string): string {
  return name.replace(/\.[^.]+$/, '') || 'contacts';
}

/** The name offered for an export, after the file's: `leads-clienttether.xlsx`, `leads-errors.xlsx`. */
function suggestedName(fileName: string, kind: ExportKind): string {
  const base = baseName(fileName);
  if (kind === 'workbook') return `${base}-clienttether.xlsx`;
  if (kind === 'csv') return `${base}-clienttether.csv`;
  return `${base}-errors.xlsx`;
}

/** Writes the list in the worker and saves it where the user chooses; says where it went or why not. */
export async function exportList(
  kind: ExportKind,
  parts: Readonly<{ store: AppStore; worker: WorkerClient; bridge: Bridge }>,
): Promise<void> {
  const { store, worker, bridge } = parts;
  const words = store.words;
  const state = store.getState();
  store.set({ busy: { task: 'export', done: 0, fraction: 0 }, notice: null });
  try {
    const result = await worker.call('export', {
      kind,
      locale: state.locale,
      settings: { dateOrderByField: state.dateOrders },
    });
    if (!result.ok) {
      store.set({ busy: null, notice: { kind: 'error', text: words.exportBlocked(result.errors) } });
      return;
    }
    const saved = await bridge.saveFile({
      suggestedName: suggestedName(store.getState().file?.name ?? 'contacts', kind),
      kind: kind === 'csv' ? 'csv' : 'xlsx',
      bytes: result.bytes,
    });
    if (!saved.ok) throw new Error(saved.error.message);
    store.set({
      busy: null,
      notice: saved.value ? { kind: 'info', text: words.exported(saved.value.savedAs) } : null,
    });
  } catch (error) {
    store.set({ busy: null, notice: { kind: 'error', text: words.exportFailed((error as Error).message) } });
  }
}
