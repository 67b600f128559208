import type { Bridge, OpenedFile } from '../../shared/bridge';
import type { WorkerClient } from '../client/worker-client';
import { type OpenEntry, planRestore } from '../journal/entries';
import { clientTether, templateFor } from '../../shared/template';
import { type AppStore, inWords } from './app-store';
import type { FileOpening } from './file-opening';
import type { JournalKeeper } from './journal-keeper';

export type RestoreParts = Readonly<{
  store: AppStore;
  worker: WorkerClient;
  bridge: Bridge;
  journal: JournalKeeper;
  opening: FileOpening;
}>;

/** The journaled file: reopened by its handle, or decoded from the copy kept when it has none. */
async function journaledFile(open: OpenEntry, bridge: Bridge): Promise<OpenedFile> {
  if (open.handle) {
    const reopened = await bridge.reopenFile(open.handle);
    if (!reopened.ok) throw new Error(reopened.error.message);
    return reopened.value;
  }
  if (open.base64) {
    return {
      name: open.name,
      size: open.size,
      bytes: Uint8Array.from(atob(open.base64), (c) => c.charCodeAt(0)),
    };
  }
  throw new Error('the file is not kept');
}

/** Opens a list's file again and replays its journal: every change, then the place the user was. */
export async function restoreList(listId: string, parts: RestoreParts): Promise<void> {
  const { store, worker, bridge, journal, opening } = parts;
  const _words = store.words;
  store.set({ busy: { task: 'restore', done: 0, fraction: 0 }, notice: null });
  try {
    const read = await bridge.journal.read(listId);
    if (!read.ok) throw new Error(read.error.message);
    const plan = planRestore(read.value);
    if (!plan) throw new Error('the journal is empty');
    const { open, work, dateOrders, ui } = plan;
    const file = await journaledFile(open, bridge);
    // The list's own CRM, which need not be the one chosen now; ClientTether's before there were targets.
    const target = open.target ?? { id: clientTether.id };
    const template = templateFor(target);
    if (!template) throw new Error(`no template ${target.id}`);
    await worker.call('setTarget', { target });
    store.set({ target, template });
    if (!(await opening.open(file, { ...open.options, headerRow: open.headerRow }, false))) return;
    store.set({ busy: { task: 'restore', done: 0, fraction: 0 } });
    const proposals = await worker.call('proposeMapping', {});
    const state = await worker.call('replay', { entries: work }, { onProgress: store.progress('restore') });
    const lastMap = [...work].reverse().find((e) => e.t === 'map');
    const lastLookups = [...work].reverse().find((e) => e.t === 'lookups');
    // Carry on writing to the same journal: the restored list is the same list.
    journal.resume(listId, open.name);
    store.set({
      proposals,
      targets: lastMap?.t === 'map' ? lastMap.targets : proposals.map((p) => p.target),
      lookups: lastLookups?.t === 'lookups' ? lastLookups.lookups : null,
      dateOrders,
      columns: state.columns,
      status: state.status,
      busy: null,
      save: 'saved',
      unsaved: store.getState().unsaved.filter((u) => u.listId !== listId),
      resumeAt: ui,
      screen: ui?.screen ?? 'fix',
    });
    store.emit({ status: state.status, rows: null, structural: true, entry: null });
  } catch (error) {
    store.set({
      notice: { kind: 'error', text: inWords((w) => w.restoreFailed((error as Error).message)) },
      busy: null,
    });
  }
}
