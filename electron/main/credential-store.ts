// The import server's address and API key. On disk they exist only encrypted by the OS (safeStorage: Keychain,
// DPAPI, libsecret/kwallet), in a file only the user can read; where the OS has no real secret store (Linux
// without a keyring, where Electron would fall back to a hard-coded password) they are kept in memory for
// this session only, like the browser build does. The key never leaves the main process.
import { readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { syncDirectory, writeFileAtomic } from '../../node-shared/atomic-write';

export type Credentials = Readonly<{ serverUrl: string; apiKey: string }>;

/** safeStorage, behind a small seam so tests pass a fake. */
export type Encryptor = Readonly<{
  /** False when there is no real OS secret store. */
  isAvailable(): Promise<boolean>;
  encrypt(text: string): Promise<Uint8Array>;
  decrypt(bytes: Uint8Array): Promise<string>;
}>;

export type CredentialStore = Readonly<{
  load(): Promise<Credentials | null>;
  /** Stores the credentials; `persisted` says whether they will survive a restart. */
  save(credentials: Credentials): Promise<{ persisted: boolean }>;
  clear(): Promise<void>;
}>;

const credentialsSchema = z.object({ serverUrl: z.string().min(1), apiKey: z.string().min(1) });

export function createCredentialStore({
  file,
  encryptor,
}: {
  file: string;
  encryptor: Encryptor;
}): CredentialStore {
  let current: Credentials | null | undefined;

  const remove = async (): Promise<void> => {
    try {
      await unlink(file);
      await syncDirectory(dirname(file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  };

  return {
    async load() {
      if (current !== undefined) return current;
      current = null;
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch {
        return null;
      }
      try {
        if (!(await encryptor.isAvailable())) return null;
        const parsed = credentialsSchema.safeParse(JSON.parse(await encryptor.decrypt(bytes)));
        if (parsed.success) current = parsed.data;
      } catch {
        // Encrypted under another OS account or a lost keyring: the user connects again.
      }
      return current;
    },

    async save(credentials) {
      current = { serverUrl: credentials.serverUrl, apiKey: credentials.apiKey };
      if (!(await encryptor.isAvailable())) {
        await remove();
        return { persisted: false };
      }
      const sealed = await encryptor.encrypt(JSON.stringify(current));
      await writeFileAtomic(file, sealed, { mode: 0o600 });
      return { persisted: true };
    },

    async clear() {
      current = null;
      await remove();
    },
  };
}
