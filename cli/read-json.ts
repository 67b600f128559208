import { readFile } from 'node:fs/promises';
import { InputError } from './errors';

/** Reads a small JSON file (a lookups file, a mapping profile) with a one-line error for people. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(`${path}: not valid JSON`);
  }
}
