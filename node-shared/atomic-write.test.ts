import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleTemporaryFiles, writeFileAtomic } from './atomic-write';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'listprep-atomic-'));
});

const unix = process.platform !== 'win32';
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('writeFileAtomic', () => {
  it('writes bytes, text and pieces as they come, and leaves no temporary file behind', async () => {
    await writeFileAtomic(join(dir, 'a.csv'), 'name\nAda\n');
    await writeFileAtomic(join(dir, 'b.bin'), new Uint8Array([1, 2, 3]));
    async function* pieces() {
      yield 'name\n';
      yield new TextEncoder().encode('Ada\n');
    }
    await writeFileAtomic(join(dir, 'c.csv'), pieces());
    await writeFileAtomic(join(dir, 'd.csv'), ['x', 'y']);
    expect(await readFile(join(dir, 'a.csv'), 'utf8')).toBe('name\nAda\n');
    expect([...(await readFile(join(dir, 'b.bin')))]).toEqual([1, 2, 3]);
    expect(await readFile(join(dir, 'c.csv'), 'utf8')).toBe('name\nAda\n');
    expect(await readFile(join(dir, 'd.csv'), 'utf8')).toBe('xy');
    expect((await readdir(dir)).sort()).toEqual(['a.csv', 'b.bin', 'c.csv', 'd.csv']);
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

  it('keeps the old file when the data fails half way, and leaves no temporary file', async () => {
    const path = join(dir, 'out.csv');
    await writeFile(path, 'old');
    async function* failing() {
      yield 'half of it';
      throw new Error('the source broke');
    }
    await expect(writeFileAtomic(path, failing())).rejects.toThrow('the source broke');
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['out.csv']);
  });

  it.skipIf(!unix)('keeps an existing file’s permission bits exactly, whatever the umask', async () => {
    const path = join(dir, 'private.csv');
    await writeFile(path, 'old');
    for (const mode of [0o600, 0o640, 0o664]) {
      const { chmod } = await import('node:fs/promises');
      await chmod(path, mode);
      const umask = process.umask(0o077);
      try {
        await writeFileAtomic(path, 'new');
      } finally {
        process.umask(umask);
      }
      expect(await modeOf(path)).toBe(mode);
    }
  });

  it.skipIf(!unix)(
    'creates new files 0644 less the umask, and secrets 0600 even over a wider file',
    async () => {
      const umask = process.umask(0o022);
      try {
        await writeFileAtomic(join(dir, 'new.csv'), 'x');
        expect(await modeOf(join(dir, 'new.csv'))).toBe(0o644);
        const secret = join(dir, 'secret.bin');
        await writeFile(secret, 'old', { mode: 0o644 });
        await writeFileAtomic(secret, 'x', { mode: 0o600 });
        expect(await modeOf(secret)).toBe(0o600);
      } finally {
        process.umask(umask);
      }
    },
  );
});

describe('temporary files a killed write left behind', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
  });

  const temporaries = async (name: string) =>
    (await readdir(dir)).filter((n) => n.startsWith(`.${name}.`) && n.endsWith('.tmp'));

  /** A real process writing `path` atomically that never finishes (its data never ends). */
  async function startEndlessWrite(path: string): Promise<ChildProcess> {
    const script = join(dir, 'endless-write.mts');
    const module = new URL('./atomic-write.ts', import.meta.url).pathname;
    await writeFile(
      script,
      `import { writeFileAtomic } from ${JSON.stringify(module)};
       async function* endless() { yield 'first rows\\n'; await new Promise(() => setInterval(() => {}, 1000)); }
       await writeFileAtomic(${JSON.stringify(path)}, endless());`,
    );
    const started = spawn(process.execPath, ['--import', 'tsx', script], { stdio: 'ignore' });
    const name = path.slice(dir.length + 1);
    for (let i = 0; i < 200 && (await temporaries(name)).length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return started;
  }

  it('removes the temporary file of a SIGKILLed write at the next write, and never that of a live one', async () => {
    const path = join(dir, 'export.csv');
    child = await startEndlessWrite(path);
    const [stranded] = await temporaries('export.csv');
    expect(stranded).toMatch(/^\.export\.csv\.[0-9a-f]{8}-\d+-[0-9a-f]{12}\.listprep\.tmp$/);
    // Still writing: not stale, whoever looks.
    expect(await removeStaleTemporaryFiles(path)).toEqual([]);
    expect(await temporaries('export.csv')).toEqual([stranded]);

    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await writeFileAtomic(path, 'complete\n');
    expect(await readdir(dir)).toEqual(['endless-write.mts', 'export.csv'].sort());
    expect(await readFile(path, 'utf8')).toBe('complete\n');
  });

  it('removes another computer’s and an older version’s leftovers once untouched for a day, and nothing else', async () => {
    const path = join(dir, 'out.csv');
    const dayAndMinute = (Date.now() - 24 * 60 * 60 * 1000 - 60_000) / 1000;
    const files = {
      oldForeign: '.out.csv.deadbeef-4242-0123456789ab.listprep.tmp',
      freshForeign: '.out.csv.deadbeef-4243-0123456789ab.listprep.tmp',
      oldLegacy: '.out.csv.0123456789ab.tmp',
      freshLegacy: '.out.csv.abcdef012345.tmp',
      otherTarget: '.out.csv.bak.deadbeef-4242-0123456789ab.listprep.tmp',
      notOurs: '.out.csv.notes.tmp',
      theFile: 'out.csv',
    };
    for (const name of Object.values(files)) await writeFile(join(dir, name), 'x');
    for (const name of [files.oldForeign, files.oldLegacy, files.otherTarget, files.notOurs]) {
      await utimes(join(dir, name), dayAndMinute, dayAndMinute);
    }
    expect((await removeStaleTemporaryFiles(path)).sort()).toEqual(
      [files.oldLegacy, files.oldForeign].sort(),
    );
    expect((await readdir(dir)).sort()).toEqual(
      [files.freshForeign, files.freshLegacy, files.otherTarget, files.notOurs, files.theFile].sort(),
    );
  });

  it('names temporary files of very long targets within the file system’s limit', async () => {
    const long = `${'ø'.repeat(120)}.csv`; // 244 bytes in UTF-8: with a suffix it would pass 255
    await writeFileAtomic(join(dir, long), 'x');
    expect(await readdir(dir)).toEqual([long]);
  });
});
