// The recent files list: the files the user opened, newest first, kept in the app's data folder. Its paths
// are also the only ones the renderer may ask to reopen (see file-service.ts), so a compromised renderer
// cannot read an arbitrary file by naming its path.
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file';

export type RecentEntry = Readonly<{ path: string; name: string; openedAt: string }>;

export type RecentFiles = Readonly<{
  list(): Promise<readonly RecentEntry[]>;
  add(path: string): Promise<void>;
  has(path: string): Promise<boolean>;
  remove(path: string): Promise<void>;
}>;

const fileSchema = z.object({
  version: z.literal(1),
  files: z.array(z.object({ path: z.string().min(1), name: z.string(), openedAt: z.string() })),
});

export type RecentFilesOptions = Readonly<{ file: string; now?: () => Date; limit?: number }>;

export function createRecentFiles({
  file,
  now = () => new Date(),
  limit = 10,
}: RecentFilesOptions): RecentFiles {
  let entries: RecentEntry[] | undefined;
  const load = async (): Promise<RecentEntry[]> => {
    entries ??= (await readJsonFile(file, fileSchema))?.files ?? [];
    return entries;
  };
  const save = (next: RecentEntry[]): Promise<void> => {
    entries = next;
    return writeJsonFile(file, { version: 1, files: next });
  };
  return {
    list: load,
    async add(path) {
      const full = resolve(path);
      const rest = (await load()).filter((e) => e.path !== full);
      await save(
        [{ path: full, name: basename(full), openedAt: now().toISOString() }, ...rest].slice(0, limit),
      );
    },
    async has(path) {
      return (await load()).some((e) => e.path === path);
    },
    async remove(path) {
      await save((await load()).filter((e) => e.path !== path));
    },
  };
}
