import { link, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileIdentity, isSameFile } from './same-file';

let dir: string;
let source: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'listprep-same-'));
  source = join(dir, 'leads.csv');
  await writeFile(source, 'name\nAda\n');
  await writeFile(join(dir, 'copy.csv'), 'name\nAda\n');
});

describe('isSameFile', () => {
  it('knows a file under another spelling of its path', async () => {
    expect(await isSameFile(source, source)).toBe(true);
    expect(await isSameFile(source, `${dir}/./leads.csv`)).toBe(true);
    expect(await isSameFile(source, `${dir}//leads.csv`)).toBe(true);
    expect(await isSameFile(source, relative(process.cwd(), source))).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('knows it behind a symlink and a hard link', async () => {
    await symlink(source, join(dir, 'alias.csv'));
    await link(source, join(dir, 'hard.csv'));
    expect(await isSameFile(source, join(dir, 'alias.csv'))).toBe(true);
    expect(await isSameFile(join(dir, 'hard.csv'), source)).toBe(true);
  });

  it('tells a copy with the same content apart, and a name with no file behind it is nobody’s source', async () => {
    expect(await isSameFile(source, join(dir, 'copy.csv'))).toBe(false);
    expect(await isSameFile(source, join(dir, 'new.csv'))).toBe(false);
    expect(await isSameFile(join(dir, 'new.csv'), join(dir, 'new.csv'))).toBe(false);
    expect(await fileIdentity(join(dir, 'new.csv'))).toBeNull();
  });
});
