import { describe, expect, it } from 'vitest';
import { utf8, windows1252 } from '../../test/fixtures/files/text-bytes';
import { type ReadPosition, readSheet, readSheetPart, type SheetHeader } from './index';

// A large file is read in stretches by several threads: the start by readSheet, later stretches by
// readSheetPart. Rows must come out exactly as one reader gives them, and a reader must tell whether its
// stretch ended at a row boundary.

// More than the 64 KiB and 50 rows looked at before the encoding, delimiter and header are decided.
const filler = Array.from({ length: 3000 }, (_, i) => `Person ${i};Town ${i};note ${i}\r\n`).join('');
const text =
  `Contacts export\r\n\r\nName;City;Note\r\n${filler}` +
  'Ann;Oslo;"two\r\nlines"\r\nBob;Bergen\r\n' +
  'Cy;Tromsø;"sep=;"\r\n\r\nDi;Bodø;x;extra\r\nEd;Molde;"a ""quoted"" word"\r\n';

async function whole(bytes: Uint8Array) {
  const rows: string[][] = [];
  const outcome = await readSheet([bytes], {}, { onRow: (fields) => rows.push(fields) });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return { rows, summary: outcome.value };
}

/** Reads bytes [0, cut) with readSheet and the rest with readSheetPart, as two threads would. */
async function inTwo(bytes: Uint8Array, cut: number) {
  const rows: string[][] = [];
  let header: SheetHeader | undefined;
  let position: ReadPosition | undefined;
  const first = await readSheet(
    [bytes.subarray(0, cut)],
    {},
    {
      onHeader: (h) => {
        header = h;
      },
      onRow: (fields) => rows.push(fields),
      onChunk: (p) => {
        position = p;
      },
    },
  );
  // Cut inside a quoted field, the start alone ends in an unterminated quote: only the position matters.
  if (!first.ok || !header) return { rows, atBoundary: position?.atRowBoundary, rest: null };
  const part = {
    encoding: header.encoding!,
    delimiter: header.delimiter!,
    columns: header.headers.length,
    headerCells: header.headerCells,
  };
  const rest = await readSheetPart([bytes.subarray(cut)], part, { onRow: (fields) => rows.push(fields) });
  if (!rest.ok) throw new Error(rest.error.message);
  return { rows, atBoundary: position?.atRowBoundary, rest: rest.value };
}

describe('reading a file in stretches', () => {
  it('gives the same rows as one reader when cut after any row', async () => {
    const bytes = utf8(text);
    const expected = await whole(bytes);
    // After "Bob;Bergen\r\n": a row boundary. The `sep=;` cell and the ragged row come in the later stretch.
    const cut = text.indexOf('Cy;');
    const split = await inTwo(bytes, new TextEncoder().encode(text.slice(0, cut)).length);
    expect(split.atBoundary).toBe(true);
    expect(split.rows).toEqual(expected.rows);
    expect(split.rest?.raggedCount).toBe(1);
    expect(split.rest?.blankRows).toBe(1);
    expect(split.rest?.lines).toBe(4);
  });

  it('says when the start did not end at a row boundary', async () => {
    const bytes = utf8(text);
    // Inside the quoted "two\r\nlines", and after a blank row (a footer may follow).
    const insideQuotes = new TextEncoder().encode(text.slice(0, text.indexOf('lines'))).length;
    expect((await inTwo(bytes, insideQuotes)).atBoundary).toBe(false);
    const afterBlank = new TextEncoder().encode(text.slice(0, text.indexOf('Di;'))).length;
    expect((await inTwo(bytes, afterBlank)).atBoundary).toBe(false);
  });

  it('says when a stretch does not end at a row boundary, and fails instead of switching encodings', async () => {
    const part = { encoding: 'utf-8' as const, delimiter: ';', columns: 3, headerCells: 3 };
    const open = await readSheetPart([utf8('Ann;Oslo;"open\r\n')], part, { onRow: () => {} });
    // The unterminated quote at the very end fails the stretch; a cut one row earlier is fine.
    expect(open.ok).toBe(false);
    const ended = await readSheetPart([utf8('Ann;Oslo;x\r\n')], part, { onRow: () => {} });
    expect(ended.ok && ended.value.atRowBoundary).toBe(true);
    const latin = await readSheetPart([windows1252('Åse;Bodø;x\r\n')], part, { onRow: () => {} });
    expect(latin.ok ? 'read' : latin.error.code).toBe('encoding.invalid');
  });
});
