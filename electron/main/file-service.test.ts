import { link, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFileService, type FileDialogs } from './file-service';
import { createRecentFiles } from './recent-files';

let dir: string;
let answers: { open: (string | null)[]; save: (string | null)[] };
let asked: { owner: number; defaultPath?: string; kind?: string }[];
const dialogs: FileDialogs = {
  chooseFileToOpen: async (owner) => {
    asked.push({ owner });
    return answers.open.shift() ?? null;
  },
  chooseSavePath: async (owner, defaultPath, kind) => {
    asked.push({ owner, defaultPath, kind });
    return answers.save.shift() ?? null;
  },
};

function service(maxOpenBytes?: number) {
  const recent = createRecentFiles({ file: join(dir, 'settings', 'recent.json') });
  return createFileService({ dialogs, recent, documentsDir: '/home/u/Documents', maxOpenBytes });
}

const bytes = (text: string) => new TextEncoder().encode(text);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'listprep-files-'));
  await mkdir(join(dir, 'settings'));
  answers = { open: [], save: [] };
  asked = [];
});

describe('opening files', () => {
  it('hands the chosen file over as bytes with its name and a reopen handle, and lists it as recent', async () => {
    const path = join(dir, 'contacts.csv');
    await writeFile(path, 'first,last\nAda,Lovelace\n');
    answers.open.push(path);
    const files = service();
    const opened = await files.open(7);
    expect(opened).toEqual({
      ok: true,
      value: { name: 'contacts.csv', size: 24, bytes: bytes('first,last\nAda,Lovelace\n'), handle: path },
    });
    expect(asked).toEqual([{ owner: 7 }]);
    const recent = await files.recent();
    expect(recent.ok && recent.value.map((r) => r.handle)).toEqual([path]);
  });

  it('answers null when the user cancels the dialog', async () => {
    expect(await service().open(1)).toEqual({ ok: true, value: null });
  });

  it('reopens a recent file by its handle but refuses any other path', async () => {
    const path = join(dir, 'a.csv');
    await writeFile(path, 'x');
    answers.open.push(path);
    const files = service();
    await files.open(1);
    expect((await files.reopen(path)).ok).toBe(true);
    expect(await files.reopen('/etc/passwd')).toMatchObject({ ok: false, error: { code: 'file.unknown' } });
  });

  it('says plainly when a recent file was moved away', async () => {
    const path = join(dir, 'gone.csv');
    await writeFile(path, 'x');
    answers.open.push(path);
    const files = service();
    await files.open(1);
    await rm(path);
    expect(await files.reopen(path)).toMatchObject({
      ok: false,
      error: { code: 'file.missing', message: expect.stringContaining('gone.csv') },
    });
  });

  it('refuses folders and files over the size limit', async () => {
    const big = join(dir, 'big.csv');
    await writeFile(big, 'x'.repeat(101));
    answers.open.push(dir, big);
    const files = service(100);
    expect(await files.open(1)).toMatchObject({ ok: false, error: { code: 'file.not-a-file' } });
    expect(await files.open(1)).toMatchObject({ ok: false, error: { code: 'file.too-large' } });
  });

  it('admits a dropped list file to the recent list, but not other kinds of file', async () => {
    const csv = join(dir, 'dropped.CSV');
    const key = join(dir, 'id_rsa');
    await writeFile(csv, 'x');
    await writeFile(key, 'secret');
    const files = service();
    expect(await files.admit(csv)).toEqual({ ok: true, value: undefined });
    expect(await files.admit(key)).toMatchObject({ ok: false, error: { code: 'file.kind' } });
    expect(await files.admit('relative.csv')).toMatchObject({ ok: false, error: { code: 'file.kind' } });
    expect((await files.reopen(csv)).ok).toBe(true);
    expect((await files.reopen(key)).ok).toBe(false);
  });
});

describe('saving files', () => {
  it('writes the bytes where the user chose, starting the dialog beside the last opened file', async () => {
    const source = join(dir, 'in.csv');
    await writeFile(source, 'x');
    const target = join(dir, 'clean.xlsx');
    answers.open.push(source);
    answers.save.push(target);
    const files = service();
    await files.open(3);
    const saved = await files.save(3, {
      suggestedName: '../../clean.xlsx',
      kind: 'xlsx',
      bytes: bytes('PK'),
    });
    expect(saved).toEqual({ ok: true, value: { savedAs: target } });
    expect(await readFile(target, 'utf8')).toBe('PK');
    expect(asked[1]).toEqual({ owner: 3, defaultPath: join(dir, 'clean.xlsx'), kind: 'xlsx' });
  });

  it('starts in the documents folder when nothing was opened, and writes nothing when cancelled', async () => {
    const saved = await service().save(1, { suggestedName: 'out.csv', kind: 'csv', bytes: bytes('a') });
    expect(saved).toEqual({ ok: true, value: null });
    expect(asked[0]?.defaultPath).toBe(join('/home/u/Documents', 'out.csv'));
  });

  it('never overwrites the opened source file, under its own name or through a hard link', async () => {
    const source = join(dir, 'source.csv');
    const alias = join(dir, 'alias.csv');
    await writeFile(source, 'original');
    await link(source, alias);
    answers.open.push(source);
    answers.save.push(source, alias);
    const files = service();
    await files.open(1);
    for (let i = 0; i < 2; i++) {
      const saved = await files.save(1, { suggestedName: 'x.csv', kind: 'csv', bytes: bytes('new') });
      expect(saved).toMatchObject({ ok: false, error: { code: 'save.source' } });
    }
    expect(await readFile(source, 'utf8')).toBe('original');
  });

  it('protects files opened in an earlier session as well', async () => {
    const source = join(dir, 'yesterday.csv');
    await writeFile(source, 'original');
    answers.open.push(source);
    await service().open(1);
    answers.save.push(source);
    const saved = await service().save(1, { suggestedName: 'x.csv', kind: 'csv', bytes: bytes('new') });
    expect(saved).toMatchObject({ ok: false, error: { code: 'save.source' } });
    expect(await readFile(source, 'utf8')).toBe('original');
  });

  it('reports a failed write as data and leaves no partial file', async () => {
    answers.save.push(join(dir, 'no-such-folder', 'out.csv'));
    const saved = await service().save(1, { suggestedName: 'out.csv', kind: 'csv', bytes: bytes('a') });
    expect(saved).toMatchObject({ ok: false, error: { code: 'save.failed' } });
    expect((await readdir(dir)).sort()).toEqual(['settings']);
  });
});
