import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateContacts, toCsv } from '../test/fixtures/generate-contacts';
import { concat, utf8, windows1252 } from '../test/fixtures/files/text-bytes';
import { InputError } from './errors';
import { readSheetFile, type SheetReadError } from './read-sheet';

const dir = mkdtempSync(join(tmpdir(), 'listprep-read-sheet-'));

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('readSheetFile', () => {
  it('streams every data row of a file larger than one chunk, with its line', async () => {
    const { headers, rows } = generateContacts(5_000, { seed: 4 });
    const path = file('contacts.csv', `Exported contacts\r\n\r\n${toCsv(headers, rows)}`);
    const seen: string[][] = [];
    const lines: number[] = [];
    let chunks = 0;
    const summary = await readSheetFile(
      path,
      {},
      {
        onHeader: (header) => expect([header.headerRow, header.headers]).toEqual([3, headers]),
        onRow: (fields, line) => {
          seen.push(fields);
          lines.push(line);
        },
        onChunk: () => {
          chunks++;
        },
      },
    );
    expect(seen).toEqual(rows);
    expect([lines[0], lines.at(-1)]).toEqual([4, 5_003]);
    expect(chunks).toBeGreaterThan(1);
    expect([summary.rowCount, summary.titles, summary.kind]).toEqual([5_000, ['Exported contacts'], 'csv']);
  });

  it('hands each row over once when Windows-1252 shows up after the sample', async () => {
    const body = concat(utf8(`name,city\n${'Ann,Oslo\n'.repeat(20_000)}`), windows1252('Zoë,Québec\n'));
    let count = 0;
    let last: string[] = [];
    const summary = await readSheetFile(
      file('late.csv', body),
      {},
      {
        onRow: (fields) => {
          count++;
          last = fields;
        },
      },
    );
    expect([summary.encoding, count, last]).toEqual(['windows-1252', 20_001, ['Zoë', 'Québec']]);
  });

  it('throws a SheetReadError, an InputError with a code, naming the file', async () => {
    const path = file('empty.csv', '');
    const error = await readSheetFile(path, {}, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect([(error as SheetReadError).code, (error as SheetReadError).message]).toEqual([
      'file.empty',
      `${path}: the file is empty`,
    ]);
    const missing = await readSheetFile(join(dir, 'nope.csv'), {}, {}).catch((e: unknown) => e);
    expect((missing as SheetReadError).code).toBe('file.missing');
  });
});
