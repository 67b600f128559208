import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'listprep-atomic-'));
});

describe('writeFileAtomic', () => {
  it('writes bytes and text and leaves no temporary file behind', async () => {
    await writeFileAtomic(join(dir, 'a.csv'), 'name\nAda\n');
    await writeFileAtomic(join(dir, 'b.bin'), new Uint8Array([1, 2, 3]));
    expect(await readFile(join(dir, 'a.csv'), 'utf8')).toBe('name\nAda\n');
    expect([...(await readFile(join(dir, 'b.bin')))]).toEqual([1, 2, 3]);
    expect((await readdir(dir)).sort()).toEqual(['a.csv', 'b.bin']);
  });

  it('replaces an existing file whole', async () => {
    const path = join(dir, 'out.csv');
    await writeFile(path, 'old content that is longer than the new one');
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
  });

  it('keeps the old file and removes its temporary file when the rename fails', async () => {
    // A folder in the target's place makes the final rename fail after the data was written and flushed.
    const target = join(dir, 'taken');
    await writeFile(join(dir, 'keep.txt'), 'keep');
    await mkdir(join(target, 'inner'), { recursive: true });
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['keep.txt', 'taken']);
  });

  it.skipIf(process.platform === 'win32')('creates secret files readable by their owner only', async () => {
    const path = join(dir, 'secret.bin');
    await writeFileAtomic(path, 'x', 0o600);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });
});
