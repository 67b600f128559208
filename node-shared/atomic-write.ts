// Files written so that a crash or a power cut leaves the old file or the new one, never half of one: a
// temporary file beside the target (the same folder, so the rename cannot cross disks), written, flushed,
// renamed over the target, then the folder flushed so the rename itself survives a power cut. An existing
// target keeps its permission bits (a 0600 file stays 0600). A temporary file stranded by a killed process
// is recognisable by its name and removed by the next write to the same target.
import { createHash, randomBytes } from 'node:crypto';
import { type FileHandle, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { isProcessRunning } from './process-running';

export type AtomicData =
  | Uint8Array
  | string
  | Iterable<Uint8Array | string>
  | AsyncIterable<Uint8Array | string>;

export type AtomicWriteOptions = Readonly<{
  /**
   * The file's exact permission bits whatever was there before (0o600 for secrets). Without it an existing
   * target keeps its own, and a new file gets 0o644 less the umask.
   */
  mode?: number;
}>;

// `.NAME.<host>-<pid>-<random>.listprep.tmp`: the host (8 hex of a hash, not its name) and process that wrote
// it tell a later run whether the writer is gone. NAME is cut to 64 characters so the whole stays a legal
// file name for any target.
const tempSuffix = '.listprep.tmp';
const hostTag = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const tempPattern = /^([0-9a-f]{8})-(\d+)-[0-9a-f]{12}\.listprep\.tmp$/;
/** A temporary file nothing wrote to for this long is stale whoever made it (a shared folder, a reused pid). */
const untouchedStaleMs = 24 * 60 * 60 * 1000;
/** What writers before this one left (`.NAME.<12 hex>.tmp`, the whole name): no writer to ask, only the age. */
const legacyPattern = /^[0-9a-f]{12}\.tmp$/;

function tempPrefix(path: string): string {
  return `.${Array.from(basename(path)).slice(0, 64).join('')}.`;
}

function tempNameFor(path: string): string {
  return `${tempPrefix(path)}${hostTag}-${process.pid}-${randomBytes(6).toString('hex')}${tempSuffix}`;
}

/**
 * Removes temporary files that earlier writes to `path` left behind when their process was killed: those of
 * a process of this computer that no longer runs, and any untouched for a day (another computer's, on a
 * shared folder). A write still under way here is never touched. Best effort: a file that cannot be removed
 * stays for the next run. Returns the names removed.
 */
export async function removeStaleTemporaryFiles(path: string): Promise<string[]> {
  const dir = dirname(path);
  const prefix = tempPrefix(path);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  const legacyPrefix = `.${basename(path)}.`;
  for (const name of names) {
    const match = name.startsWith(prefix) ? tempPattern.exec(name.slice(prefix.length)) : null;
    const legacy = name.startsWith(legacyPrefix) && legacyPattern.test(name.slice(legacyPrefix.length));
    if ((!match && !legacy) || Number(match?.[2]) === process.pid) continue;
    const writerGone = match?.[1] === hostTag && !isProcessRunning(Number(match[2]));
    const stale =
      writerGone ||
      (await stat(join(dir, name)).then(
        (info) => Date.now() - info.mtimeMs > untouchedStaleMs,
        () => false,
      ));
    if (!stale) continue;
    try {
      await unlink(join(dir, name));
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove: the next run tries again.
    }
  }
  return removed;
}

async function writeAll(handle: FileHandle, data: AtomicData): Promise<void> {
  if (typeof data === 'string' || data instanceof Uint8Array) {
    await handle.writeFile(data);
    return;
  }
  for await (const chunk of data) {
    if (typeof chunk === 'string') await handle.write(chunk);
    else await handle.write(chunk);
  }
}

/** The permission bits the new file gets: the option, else the existing target's, else none (0o644 by umask). */
async function modeFor(path: string, mode: number | undefined): Promise<number | undefined> {
  if (mode !== undefined) return mode;
  try {
    // Permission bits only: a setuid or sticky bit on an export is nobody's intent.
    return (await stat(path)).mode & 0o777;
  } catch {
    return undefined;
  }
}

/** Writes `data` to `path` atomically (see the top of this file). */
export async function writeFileAtomic(
  path: string,
  data: AtomicData,
  options: AtomicWriteOptions = {},
): Promise<void> {
  await removeStaleTemporaryFiles(path);
  const mode = await modeFor(path, options.mode);
  const temp = join(dirname(path), tempNameFor(path));
  const handle = await open(temp, 'wx', mode ?? 0o644);
  try {
    // open's mode passes through the umask; an existing target's bits (or a secret's) are kept exactly.
    if (mode !== undefined) await handle.chmod(mode);
    await writeAll(handle, data);
    await handle.sync();
    await handle.close();
    await rename(temp, path);
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** Flushes a folder's entries (a new, renamed or removed file) to disk; a no-op where folders cannot be opened. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  } finally {
    await handle?.close().catch(() => {});
  }
}
