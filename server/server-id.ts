import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../node-shared/atomic-write';

/**
 * This server's name in the job queue, kept in its data folder: a restarted server knows its own claims and
 * takes them back at once instead of waiting for their lease to run out. The folder is locked to one process
 * (data-dir-lock.ts), so no two live servers share a name.
 */
export async function serverIdOf(dataDir: string): Promise<string> {
  const path = join(dataDir, 'server-id');
  try {
    const id = readFileSync(path, 'utf8').trim();
    if (/^[0-9a-f-]{36}$/.test(id)) return id;
  } catch {
    // First start in this folder.
  }
  const id = randomUUID();
  mkdirSync(dataDir, { recursive: true });
  await writeFileAtomic(path, `${id}\n`);
  return id;
}
