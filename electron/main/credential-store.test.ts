import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCredentialStore, type Encryptor } from './credential-store';

// A stand-in for safeStorage: reversible, and visibly not plain text.
function fakeEncryptor(available = true): Encryptor {
  const flip = (bytes: Uint8Array) => bytes.map((b) => b ^ 0x5a);
  return {
    isAvailable: async () => available,
    encrypt: async (text) => Uint8Array.from([0xee, ...flip(new TextEncoder().encode(text))]),
    decrypt: async (bytes) => {
      if (bytes[0] !== 0xee) throw new Error('not ours');
      return new TextDecoder().decode(flip(bytes.subarray(1)));
    },
  };
}

const credentials = { serverUrl: 'https://import.example.com', apiKey: 'lp_live_5ecret' };
let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'listprep-creds-'));
  file = join(dir, 'connection.bin');
});

describe('the credential store', () => {
  it('keeps the address and key only in encrypted form on disk, and reads them back after a restart', async () => {
    const store = createCredentialStore({ file, encryptor: fakeEncryptor() });
    expect(await store.save(credentials)).toEqual({ persisted: true });
    const onDisk = await readFile(file);
    expect(onDisk.includes('5ecret')).toBe(false);
    expect(onDisk.includes('example.com')).toBe(false);
    expect(await createCredentialStore({ file, encryptor: fakeEncryptor() }).load()).toEqual(credentials);
  });

  it('keeps them for this session only, writing nothing, when the OS has no secret store', async () => {
    const store = createCredentialStore({ file, encryptor: fakeEncryptor(false) });
    expect(await store.save(credentials)).toEqual({ persisted: false });
    expect(await store.load()).toEqual(credentials);
    expect(await readdir(dir)).toEqual([]);
    expect(await createCredentialStore({ file, encryptor: fakeEncryptor(false) }).load()).toBeNull();
  });

  it('treats a file it cannot decrypt as no connection', async () => {
    await writeFile(file, 'garbage');
    expect(await createCredentialStore({ file, encryptor: fakeEncryptor() }).load()).toBeNull();
  });

  it('forgets everything on disconnect', async () => {
    const store = createCredentialStore({ file, encryptor: fakeEncryptor() });
    await store.save(credentials);
    await store.clear();
    expect(await store.load()).toBeNull();
    expect(await readdir(dir)).toEqual([]);
    expect(await createCredentialStore({ file, encryptor: fakeEncryptor() }).load()).toBeNull();
  });
});
