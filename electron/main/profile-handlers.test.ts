import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileStoreAt } from '../../node-shared/profile-folder';
import type { BridgeResult } from '../../shared/bridge';
import {
  type MappingProfile,
  profileFromMapping,
  setColumnTarget,
  suggestMapping,
} from '../../shared/mapping';
import { clientTether } from '../../shared/template';
import type { Connection } from './connection';
import type { FileService } from './file-service';
import { guardHandler, type InvokeEvent } from './ipc-guard';
import { createJournalStore } from './journal';
import { createMainHandlers } from './main-handlers';

// The profile channels as the main process answers them: the real store over a folder of files (the folder
// the CLI saves to), behind the real guard and schemas, as a window's calls reach them.

const appPage: InvokeEvent = {
  sender: { id: 1 },
  senderFrame: { url: 'app://listprep/index.html', parent: null },
};
const headers = ['Fornavn', 'Etternavn', 'E-post', 'Skostørrelse'];
const mapping = setColumnTarget(
  suggestMapping(clientTether, headers, [['Åse', 'Økland', 'ase@example.com', '41']]),
  3,
  { kind: 'custom', name: 'shoe_size' },
);
const profile = (name: string, savedAt = '2025-01-01T00:00:00.000Z'): MappingProfile =>
  profileFromMapping(name, mapping, { savedAt });

async function setup(folder?: string) {
  const dir = folder ?? (await mkdtemp(join(tmpdir(), 'listprep-profile-handlers-')));
  const logged: string[] = [];
  const handlers = createMainHandlers({
    files: {} as FileService,
    connection: {} as Connection,
    journal: createJournalStore({ dir: await mkdtemp(join(tmpdir(), 'listprep-profile-journal-')) }),
    profiles: profileStoreAt(dir),
    isAlive: () => true,
    log: (message) => logged.push(message),
  });
  const guarded = {
    list: guardHandler('profiles:list', handlers['profiles:list'], (m) => logged.push(m)),
    find: guardHandler('profiles:find', handlers['profiles:find'], (m) => logged.push(m)),
    save: guardHandler('profiles:save', handlers['profiles:save'], (m) => logged.push(m)),
    remove: guardHandler('profiles:remove', handlers['profiles:remove'], (m) => logged.push(m)),
  };
  return { dir, guarded, logged };
}

const answered = <T>(result: BridgeResult<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

describe('the main process’s saved mappings', () => {
  it('saves a window’s profile as a file of the folder and offers it for the same headers in any order', async () => {
    const { dir, guarded } = await setup();
    expect(await guarded.save(appPage, profile('Oslo trade show'))).toEqual({ ok: true, value: undefined });
    expect(await readdir(dir)).toEqual(['Oslo trade show.json']);
    expect(JSON.parse(await readFile(join(dir, 'Oslo trade show.json'), 'utf8'))).toEqual(
      profile('Oslo trade show'),
    );
    const reordered = [...headers].reverse().map((h) => h.toUpperCase());
    expect(answered(await guarded.find(appPage, reordered, clientTether.id))).toEqual(
      profile('Oslo trade show'),
    );
    expect(answered(await guarded.find(appPage, headers.slice(1), clientTether.id))).toBeNull();
  });

  it('lists every profile, offers the newest for the same headers and forgets one by name', async () => {
    const { guarded } = await setup();
    await guarded.save(appPage, profile('older', '2025-01-01T00:00:00.000Z'));
    await guarded.save(appPage, profile('newer', '2025-06-01T00:00:00.000Z'));
    const names = (list: readonly MappingProfile[]) => list.map((p) => p.name).sort();
    expect(names(answered(await guarded.list(appPage)) as MappingProfile[])).toEqual(['newer', 'older']);
    const found = () => guarded.find(appPage, headers, clientTether.id);
    expect(answered(await found())).toMatchObject({ name: 'newer' });
    expect(answered(await guarded.remove(appPage, 'newer'))).toBe(true);
    expect(answered(await guarded.remove(appPage, 'newer'))).toBe(false);
    expect(answered(await found())).toMatchObject({ name: 'older' });
  });

  it('refuses a name that is not a plain file name, or a profile of another shape, before the store is touched', async () => {
    const { dir, guarded } = await setup();
    for (const name of ['../../outside', 'a/b', '.hidden']) {
      expect(await guarded.save(appPage, profile(name))).toMatchObject({
        ok: false,
        error: { code: 'ipc.invalid' },
      });
      expect(await guarded.remove(appPage, name)).toMatchObject({
        ok: false,
        error: { code: 'ipc.invalid' },
      });
    }
    const extra = { ...profile('ok'), script: 'x' };
    expect(await guarded.save(appPage, extra)).toMatchObject({ ok: false, error: { code: 'ipc.invalid' } });
    expect(await guarded.save(appPage, { ...profile('ok'), version: 2 })).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalid' },
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('answers a folder it cannot write with an error value, logging no path', async () => {
    // A file where the profiles folder should be: nothing can be saved there.
    const blocked = join(await mkdtemp(join(tmpdir(), 'listprep-profile-blocked-')), 'profiles');
    await writeFile(blocked, 'not a folder');
    const { guarded, logged } = await setup(blocked);
    expect(await guarded.save(appPage, profile('blocked'))).toMatchObject({
      ok: false,
      error: { code: 'profiles.failed' },
    });
    expect(logged).toEqual(['profiles save failed (EEXIST)']);
    expect(await guarded.list(appPage)).toEqual({ ok: true, value: [] });
  });
});
