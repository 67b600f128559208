import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRecentFiles } from './recent-files';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'listprep-recent-'));
  file = join(dir, 'recent-files.json');
});

describe('recent files', () => {
  it('lists opened files newest first, once each, and remembers them across starts', async () => {
    let t = 0;
    const recent = createRecentFiles({ file, now: () => new Date(Date.UTC(2026, 0, 1, 0, t++)) });
    await recent.add('/data/a.csv');
    await recent.add('/data/b.xlsx');
    await recent.add('/data/a.csv');
    const again = createRecentFiles({ file });
    expect(await again.list()).toEqual([
      { path: '/data/a.csv', name: 'a.csv', openedAt: '2026-01-01T00:02:00.000Z' },
      { path: '/data/b.xlsx', name: 'b.xlsx', openedAt: '2026-01-01T00:01:00.000Z' },
    ]);
    expect(await again.has('/data/b.xlsx')).toBe(true);
    expect(await again.has('/etc/passwd')).toBe(false);
  });

  it('keeps only the newest ten', async () => {
    const recent = createRecentFiles({ file });
    for (let i = 0; i < 12; i++) await recent.add(`/f/${i}.csv`);
    const names = (await recent.list()).map((e) => e.name);
    expect(names).toHaveLength(10);
    expect(names[0]).toBe('11.csv');
    expect(names).not.toContain('1.csv');
  });

  it('forgets a removed file', async () => {
    const recent = createRecentFiles({ file });
    await recent.add('/f/a.csv');
    await recent.remove('/f/a.csv');
    expect(await createRecentFiles({ file }).list()).toEqual([]);
  });

  it('starts empty when the stored list is damaged, and overwrites it on the next open', async () => {
    await writeFile(file, '{"version":1,"files":[{"path":');
    const recent = createRecentFiles({ file });
    expect(await recent.list()).toEqual([]);
    await recent.add('/f/a.csv');
    expect(JSON.parse(await readFile(file, 'utf8')).files).toHaveLength(1);
  });
});
