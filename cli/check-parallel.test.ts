import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chosenColumn, profileFromMapping } from '../shared/mapping';
import { clientTether } from '../shared/template';
import { generateContacts, toCsv, toCsvLine } from '../test/fixtures/generate-contacts';
import { lookupsAnswer } from '../test/fixtures/lookups-answer';
import { minParallelBytes } from './check-parallel';
import { splitTarget } from './row-splits';

// `listprep check` splits a large CSV between threads. Whatever the file, the output must be exactly the
// one-thread output; LISTPREP_TRACE=1 says how the file was read, so each test knows which path it took.

const dir = mkdtempSync(join(tmpdir(), 'listprep-parallel-'));

function check(file: string, ...args: string[]) {
  return checkWith([], file, ...args);
}

function checkWith(options: string[], file: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/listprep.mjs', 'check', file, ...options, ...args], {
    encoding: 'utf8',
    // Always wait for the worker: on a busy machine the main thread would otherwise read on by itself.
    env: { ...process.env, LISTPREP_TRACE: '1', LISTPREP_CHECK_WAIT: '1' },
    maxBuffer: 256 * 1024 * 1024,
  });
  const trace = /listprep check: read in (.*)/.exec(run.stderr)?.[1] ?? '';
  return { code: run.status, stdout: run.stdout, trace, stderr: run.stderr.replace(/.*read in.*\n/, '') };
}

/** Checks the file in one thread and in two, and returns both. */
function both(file: string, options: string[] = []) {
  const one = checkWith(options, file, '--threads', '1');
  const two = checkWith(options, file, '--threads', '2');
  expect(two.stdout).toBe(one.stdout);
  expect(two.code).toBe(one.code);
  expect(two.stderr).toBe(one.stderr);
  return { one, two };
}

// About 10 MB of generated contacts: above the size where a second thread starts.
const { headers, rows } = generateContacts(34_000, { seed: 23 });
const col = (name: string) => headers.indexOf(name);

function write(name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/**
 * The file with a row near the middle whose whiteboard (notes) cell is a quoted field of many lines, long
 * enough to hold the byte where the split is first looked for.
 */
function withLongNoteInTheMiddle(data: string[][], edit: (head: string) => string = (h) => h): string {
  const row = [...data[0]];
  row[col('whiteboard')] = Array.from({ length: 20_000 }, (_, i) => `call note ${i}, said "later"`).join(
    '\n',
  );
  const note = `${toCsvLine(row)}\r\n`;
  // The note goes where the first cut is looked for (a little before the middle; see row-splits.ts).
  const lines = data.map((r) => `${toCsvLine(r)}\r\n`);
  const total = lines.reduce((sum, line) => sum + line.length, note.length);
  let at = 0;
  let split = 0;
  while (at < splitTarget(total, 1, 2) - note.length / 2) at += lines[split++].length;
  const head = edit(`${toCsvLine(headers)}\r\n${lines.slice(0, split).join('')}`);
  const tail = lines.slice(split).join('');
  const target = splitTarget(head.length + note.length + tail.length, 1, 2);
  expect(target).toBeGreaterThan(head.length + 100);
  expect(target).toBeLessThan(head.length + note.length - 100);
  return `${head}${note}${tail}`;
}

describe('listprep check in several threads', () => {
  it('gives the one-thread output, duplicates across the parts included', () => {
    const copy = rows.map((row) => [...row]);
    copy[5][col('email')] = 'robin.quist@example.com';
    copy[rows.length - 5][col('email')] = 'Robin.Quist@Example.com';
    const text = toCsv(headers, copy);
    expect(text.length).toBeGreaterThan(minParallelBytes);
    const file = write('plain.csv', text);
    const { one, two } = both(file);
    expect(two.trace).toBe('2 threads');
    expect(one.trace).toMatch(/^one thread/);
    // Unasked, a file this size (under 64 MB) is checked in one thread: a worker would not pay off.
    const unasked = check(file);
    expect(unasked.trace).toMatch(/^one thread/);
    expect(unasked.stdout).toBe(one.stdout);
    expect(two.stdout).toMatch(/email\s+email\.duplicate\s+2\n/);
  });

  it('checks a custom-field column in every part as the account’s field, as one thread does', () => {
    const withShoes = rows.map((row, i) => [...row, i === 10 || i === rows.length - 10 ? 'big' : '41']);
    const file = write('custom.csv', toCsv([...headers, 'Skostørrelse'], withShoes));
    const columns = [...headers, 'Skostørrelse'].map((header, i) =>
      chosenColumn(
        i,
        header,
        i < headers.length ? { kind: 'field', header } : { kind: 'custom', name: 'shoe_size' },
      ),
    );
    const profile = profileFromMapping('shoes', {
      template: clientTether.id,
      fields: clientTether.fields.map((f) => f.header),
      columns,
      noteField: 'whiteboard',
    });
    const answer = lookupsAnswer({
      customFields: [{ id: '1', key: 'shoe_size', label: 'Shoe size', kind: 'whole' }],
    });
    const options = [
      '--mapping',
      write('shoes.json', JSON.stringify(profile)),
      '--lookups',
      write('account-lookups.json', JSON.stringify(answer)),
    ];
    const { two } = both(file, options);
    expect(two.trace).toBe('2 threads');
    expect(two.stdout).toMatch(/custom:shoe_size\s+whole\.format\s+2\n/);
  });

  it('splits outside a quoted field that holds line breaks across the middle of the file', () => {
    const file = write('long-note.csv', withLongNoteInTheMiddle(rows));
    const { two } = both(file);
    expect(two.trace).toBe('2 threads');
  });

  it('reads in one thread when a stray quote hides where rows end', () => {
    // `5" tall` in an unquoted cell: the quote count no longer tells rows apart, so the split lands inside
    // the long note; the main thread sees it does not end at a row boundary and reads on itself.
    const copy = rows.map((row) => [...row]);
    copy[3][col('city')] = 'STRAY';
    const text = withLongNoteInTheMiddle(copy, (head) => head.replace('STRAY', 'Springfield 5" tall'));
    const file = write('stray-quote.csv', text);
    const { two } = both(file);
    expect(two.trace).toBe('one thread (the first stretch does not end at a row boundary)');
  });

  it('reads in one thread when the second half is not UTF-8 after all', () => {
    // ASCII up to the middle, then Windows-1252 bytes: one thread switches the encoding in place; the worker
    // cannot (the decision belongs to the whole file), so its part is not used.
    const ascii = (value: string) => value.normalize('NFD').replace(/[^\x20-\x7e]/g, '');
    const copy = rows.map((row) => row.map(ascii));
    copy[rows.length - 3][col('city')] = 'Tromsø';
    const bytes = Buffer.from(toCsv(headers, copy), 'latin1');
    const { two } = both(write('late-1252.csv', bytes));
    expect(two.trace).toMatch(/^one thread \(.*UTF-8/);
  });

  it('uses one thread for small files and for --json, and refuses a bad --threads', () => {
    const small = write('small.csv', toCsv(headers, rows.slice(0, 100)));
    expect(check(small, '--threads', '2').trace).toBe('one thread (small file or one thread asked for)');
    const bad = check(small, '--threads', 'many');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--threads must be a whole number');
  });
});
