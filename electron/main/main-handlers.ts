// The Bridge, as the main process implements it: each channel mapped onto the file service, the journal, the
// saved mapping profiles (the configuration folder `listprep map --save` writes to) and the upload client. It also tracks which window writes which journal, so that a window asking "what can be
// restored?" is not offered a list another open window is still editing.
import type { BridgeResult } from '../../shared/bridge';
import { ProfileNameError, type ProfileStore } from '../../shared/mapping';
import type { Connection } from './connection';
import type { FileService } from './file-service';
import type { MainHandlers } from './ipc-guard';
import type { JournalStore } from './journal';
import { fail, ok } from './result';

export type MainServices = Readonly<{
  files: FileService;
  journal: JournalStore;
  profiles: ProfileStore;
  connection: Connection;
  /** True while the page with this webContents id is open. */
  isAlive: (senderId: number) => boolean;
  log: (message: string, error?: unknown) => void;
}>;

export function createMainHandlers({
  files,
  journal,
  profiles,
  connection,
  isAlive,
  log,
}: MainServices): MainHandlers {
  const owners = new Map<string, number>();

  const journalCall = async <T>(what: string, work: () => Promise<T>): Promise<BridgeResult<T>> => {
    try {
      return ok(await work());
    } catch (error) {
      log(`journal ${what} failed`, error);
      return fail('journal.failed', 'ListPrep could not update its autosave. Save your work to a file now.');
    }
  };

  const profileCall = async <T>(what: string, work: () => Promise<T>): Promise<BridgeResult<T>> => {
    try {
      return ok(await work());
    } catch (error) {
      if (error instanceof ProfileNameError) return fail('profile.name', error.message);
      // The error's code only: its message holds the profile's path, which names the user's folders.
      log(`profiles ${what} failed (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return fail('profiles.failed', 'ListPrep could not read or save its saved mappings.');
    }
  };

  return {
    'file:open': (sender) => files.open(sender.id),
    'file:reopen': (_sender, handle) => files.reopen(handle),
    'file:recent': () => files.recent(),
    'file:forget': (_sender, handle) => files.forget(handle),
    'file:save': (sender, request) => files.save(sender.id, request),
    'file:dropped': (_sender, path) => files.admit(path),

    'journal:append': (sender, listId, name, entries) =>
      journalCall('append', async () => {
        owners.set(listId, sender.id);
        await journal.append(listId, name, entries);
      }),
    'journal:read': (_sender, listId) => journalCall('read', () => journal.read(listId)),
    'journal:list': (sender) =>
      journalCall('list', async () =>
        (await journal.list()).filter((summary) => {
          const owner = owners.get(summary.listId);
          return owner === undefined || owner === sender.id || !isAlive(owner);
        }),
      ),
    'journal:discard': (_sender, listId) =>
      journalCall('discard', async () => {
        owners.delete(listId);
        await journal.discard(listId);
      }),

    'profiles:list': () =>
      profileCall('list', async () => (await profiles.list()).profiles.map((saved) => saved.profile)),
    'profiles:find': (_sender, headers, templateId) =>
      profileCall('find', async () => (await profiles.find(headers, templateId))?.profile ?? null),
    'profiles:save': (_sender, profile) =>
      profileCall('save', async () => {
        await profiles.save(profile);
      }),
    'profiles:remove': (_sender, name) => profileCall('remove', () => profiles.remove(name)),

    'connection:connect': (_sender, serverUrl, apiKey) => connection.connect(serverUrl, apiKey),
    'connection:info': () => connection.info(),
    'connection:disconnect': () => connection.disconnect(),
    'connection:request': (_sender, request) => connection.request(request),
  };
}
