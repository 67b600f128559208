// Whether two names reach the same file, so that no save or export ever writes over a source the user
// opened: under another name, a symlink, a hard link, or other letter case on a case-insensitive disk. A
// comparison of paths sees none of those; the file system's own identity (device and inode, the file index on
// Windows) sees them all.
import type { BigIntStats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';

/**
 * The identity of the file at `path`, links followed: its device and inode (read as bigints, so 64-bit inodes
 * stay exact), or its real path on a file system without inode numbers (0, as on FAT); null when there is no
 * file there.
 */
export async function fileIdentity(path: string): Promise<string | null> {
  let info: BigIntStats;
  try {
    info = await stat(path, { bigint: true });
  } catch {
    return null;
  }
  if (info.ino !== 0n) return `${info.dev}:${info.ino}`;
  return `path:${await realpath(path).catch(() => path)}`;
}

/** Whether `a` and `b` are the same existing file; a name with no file behind it is nobody's source. */
export async function isSameFile(a: string, b: string): Promise<boolean> {
  const [first, second] = await Promise.all([fileIdentity(a), fileIdentity(b)]);
  return first !== null && first === second;
}
