import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Connection } from './connection';
import type { FileService } from './file-service';
import { createJournalStore, type JournalStore } from './journal';
import { createMainHandlers } from './main-handlers';
import { profileStoreAt } from '../../node-shared/profile-folder';

async function setup(journal?: JournalStore) {
  const alive = new Set([1, 2]);
  const handlers = createMainHandlers({
    files: {} as FileService,
    connection: {} as Connection,
    journal: journal ?? createJournalStore({ dir: await mkdtemp(join(tmpdir(), 'listprep-handlers-')) }),
    profiles: profileStoreAt(await mkdtemp(join(tmpdir(), 'listprep-handlers-profiles-'))),
    isAlive: (id) => alive.has(id),
    log: () => {},
  });
  return { handlers, alive };
}

const ids = (result: { ok: boolean; value?: readonly { listId: string }[] }) =>
  result.value?.map((s) => s.listId);

describe('journal handlers', () => {
  it('offer a window every unsaved list except those another open window is writing', async () => {
    const { handlers, alive } = await setup();
    await handlers['journal:append']({ id: 1 }, 'mine', 'Mine', [1]);
    await handlers['journal:append']({ id: 2 }, 'theirs', 'Theirs', [1]);
    expect(ids(await handlers['journal:list']({ id: 1 }))).toEqual(['mine']);
    alive.delete(2); // the other window closed (or crashed) with its list unsaved
    expect(ids(await handlers['journal:list']({ id: 1 }))?.sort()).toEqual(['mine', 'theirs']);
  });

  it('report a journal that cannot be written as an error value', async () => {
    const failing: JournalStore = {
      append: async () => {
        throw new Error('ENOSPC');
      },
      read: async () => [],
      list: async () => [],
      discard: async () => {},
    };
    const { handlers } = await setup(failing);
    expect(await handlers['journal:append']({ id: 1 }, 'x', 'X', [1])).toMatchObject({
      ok: false,
      error: { code: 'journal.failed' },
    });
  });
});
