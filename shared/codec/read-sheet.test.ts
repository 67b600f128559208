import { describe, expect, it } from 'vitest';
import {
  chunks,
  concat,
  endlessField,
  randomBytes,
  utf8,
  utf16,
  windows1252,
} from '../../test/fixtures/files/text-bytes';
import { type ByteSource, previewSheet, readSheet, type SheetPreview, type SheetReadOptions } from './index';

async function preview(
  source: ByteSource | Uint8Array,
  options: SheetReadOptions = {},
): Promise<SheetPreview> {
  const outcome = await previewSheet(source instanceof Uint8Array ? [source] : source, options);
  if (!outcome.ok) throw new Error(`expected a preview, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

async function failure(source: ByteSource | Uint8Array, options: SheetReadOptions = {}) {
  const outcome = await previewSheet(source instanceof Uint8Array ? [source] : source, options);
  if (outcome.ok) throw new Error('expected the file to be refused');
  return outcome.error;
}

const contacts = 'firstName,lastName,city\r\nAnn,Müller,Québec\r\nBob,O’Neil,Tromsø\r\n';
const contactRows = [
  ['Ann', 'Müller', 'Québec'],
  ['Bob', 'O’Neil', 'Tromsø'],
];

describe('encodings', () => {
  it('reads UTF-8 without a BOM', async () => {
    const sheet = await preview(utf8(contacts));
    expect([sheet.encoding, sheet.bom, sheet.headers, sheet.rows]).toEqual([
      'utf-8',
      false,
      ['firstName', 'lastName', 'city'],
      contactRows,
    ]);
  });

  it('reads UTF-8 with a BOM and never leaves the BOM in the first header', async () => {
    const sheet = await preview(utf8(contacts, { bom: true }));
    expect([sheet.encoding, sheet.bom, sheet.headers[0]]).toEqual(['utf-8', true, 'firstName']);
    expect(sheet.rows).toEqual(contactRows);
  });

  it('reads UTF-16 LE and BE with a BOM (Excel "Unicode Text", tab-delimited)', async () => {
    const text = contacts.replace(/,/g, '\t');
    for (const order of ['le', 'be'] as const) {
      const sheet = await preview(utf16(text, order));
      expect([sheet.encoding, sheet.delimiter, sheet.headers[0], sheet.rows]).toEqual([
        `utf-16${order}`,
        '\t',
        'firstName',
        contactRows,
      ]);
    }
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8: umlauts, accents, curly quotes, the euro', async () => {
    const text = 'name,city,note\r\nMüller,Québec,“5 €” – ok\r\n';
    const sheet = await preview(windows1252(text));
    expect(sheet.encoding).toBe('windows-1252');
    expect(sheet.rows).toEqual([['Müller', 'Québec', '“5 €” – ok']]);
  });

  it('switches to Windows-1252 in place when the first non-UTF-8 byte comes after the sample', async () => {
    const filler = 'Ann,Lee,Oslo\r\n'.repeat(6000); // 84 KB of ASCII: past the 64 KiB sample
    const bytes = concat(windows1252(`name,last,city\r\n${filler}Zoë,Müller,Québec\r\n`));
    const rows: string[][] = [];
    const outcome = await readSheet(chunks(bytes, 4096), {}, { onRow: (fields) => rows.push(fields) });
    expect(outcome.ok && outcome.value.encoding).toBe('windows-1252');
    expect(rows.length).toBe(6001); // every row once: no restart, no duplicates
    expect(rows.at(-1)).toEqual(['Zoë', 'Müller', 'Québec']);
  });

  it('keeps a UTF-8 character that straddles two chunks', async () => {
    const sheet = await preview(chunks(utf8(contacts), 1));
    expect(sheet.rows).toEqual(contactRows);
  });

  it('refuses a file that mixes UTF-8 and Windows-1252 instead of garbling one of them', async () => {
    const bytes = concat(utf8('name,city\r\nAnn,Tromsø\r\n'), windows1252('Bob,Québec\r\n'));
    const error = await failure(bytes);
    expect(error.code).toBe('encoding.mixed');
    expect(error.message).toMatch(/choose its encoding/);
  });

  it('refuses mixed encodings found after the sample, naming the line', async () => {
    const head = utf8(`name,city\r\nAnn,Tromsø\r\n${'Ann,Oslo\r\n'.repeat(8000)}`);
    const outcome = await readSheet(chunks(concat(head, windows1252('Bob,Québec\r\n')), 65536));
    expect(outcome.ok ? outcome.value : [outcome.error.code, outcome.error.line]).toEqual([
      'encoding.mixed',
      8003,
    ]);
  });

  it('refuses binary data (NUL bytes) rather than decoding it to garbage, and reads it when told the encoding', async () => {
    const utf16WithoutBom = utf16('name,city\r\nAnn,Oslo\r\n', 'le', { bom: false });
    expect((await failure(utf16WithoutBom)).code).toBe('encoding.unknown');
    const sheet = await preview(utf16WithoutBom, { encoding: 'utf-16le' });
    expect(sheet.rows).toEqual([['Ann', 'Oslo']]);
  });

  it('fails with encoding.invalid, never U+FFFD, when a chosen encoding does not fit', async () => {
    const error = await failure(windows1252('name\r\nMüller\r\n'), { encoding: 'utf-8' });
    expect(error.code).toBe('encoding.invalid');
  });
});

describe('delimiters and quoting', () => {
  it('detects comma, semicolon, tab and pipe', async () => {
    for (const delimiter of [',', ';', '\t', '|']) {
      const text = `${['name', 'email', 'phone'].join(delimiter)}\n${['Ann', 'a@x.no', '555'].join(delimiter)}`;
      const sheet = await preview(utf8(`${text}\n`));
      expect([sheet.delimiter, sheet.headers.length, sheet.rows[0][1]]).toEqual([delimiter, 3, 'a@x.no']);
    }
  });

  it('prefers the delimiter that splits every line alike over a comma inside the values', async () => {
    const sheet = await preview(utf8('Navn;Beløp;Notat\nKari;12,50;hei, du\nOla;3,75;x\n'));
    expect(sheet.delimiter).toBe(';');
    expect(sheet.rows).toEqual([
      ['Kari', '12,50', 'hei, du'],
      ['Ola', '3,75', 'x'],
    ]);
  });

  it("follows Excel's sep= hint on the first line and leaves the hint out of the table", async () => {
    const sheet = await preview(utf8('sep=|\r\nname|note\r\nAnn|a;b,c\r\n'));
    expect([sheet.delimiter, sheet.headerRow, sheet.headers, sheet.titles, sheet.rows]).toEqual([
      '|',
      2,
      ['name', 'note'],
      [],
      [['Ann', 'a;b,c']],
    ]);
  });

  it('takes a chosen delimiter over the detected one', async () => {
    const sheet = await preview(utf8('a;b,c\n1;2,3\n'), { delimiter: ',' });
    expect(sheet.headers).toEqual(['a;b', 'c']);
  });

  it('reads quoted commas, doubled quotes and line breaks of each kind inside a field', async () => {
    const text =
      'name,note\r\n"Lee, Ann","She said ""hi"""\r\nBob,"two\r\nlines"\nCy,"lf\nonly"\rDee,"cr\ronly"\r\n';
    const sheet = await preview(utf8(text));
    expect(sheet.rows).toEqual([
      ['Lee, Ann', 'She said "hi"'],
      ['Bob', 'two\r\nlines'],
      ['Cy', 'lf\nonly'],
      ['Dee', 'cr\ronly'],
    ]);
    expect(sheet.lines).toEqual([2, 3, 5, 7]);
  });

  it('reads the same rows whatever the chunk size', async () => {
    const text = 'name,note\r\n"Lee, Ann","x ""y"" z"\r\nBob,"a\r\nb"\r\nCy,plain\r\n';
    const whole = await preview(utf8(text));
    for (const size of [1, 2, 3, 7])
      expect((await preview(chunks(utf8(text), size))).rows).toEqual(whole.rows);
  });

  it('treats a trailing empty line and CR-only line ends as line ends, not rows', async () => {
    const sheet = await preview(utf8('name,city\rAnn,Oslo\rBob,Bergen\r\r\n'));
    expect(sheet.rows).toEqual([
      ['Ann', 'Oslo'],
      ['Bob', 'Bergen'],
    ]);
  });

  it('reports ragged rows and keeps every cell in its own column', async () => {
    const sheet = await preview(utf8('name,email,phone\nAnn,a@x.no\nBob,b@x.no,555,extra\nCy,c@x.no,556\n'));
    expect(sheet.headers).toEqual(['name', 'email', 'phone', 'Column 4']);
    expect(sheet.rows).toEqual([
      ['Ann', 'a@x.no', '', ''],
      ['Bob', 'b@x.no', '555', 'extra'],
      ['Cy', 'c@x.no', '556', ''],
    ]);
    expect([sheet.ragged, sheet.raggedCount]).toEqual([
      [
        { line: 2, cells: 2, row: 1 },
        { line: 3, cells: 4, row: 2 },
      ],
      2,
    ]);
  });

  it('does not call a row ragged for a trailing delimiter', async () => {
    const sheet = await preview(utf8('name,city,\nAnn,Oslo,\n'));
    expect([sheet.headers, sheet.rows, sheet.raggedCount]).toEqual([['name', 'city'], [['Ann', 'Oslo']], 0]);
  });
});

describe('header row and footer', () => {
  it('finds the header below report and sign-in sheet titles', async () => {
    const text =
      'Open House Sign-In Sheet,,,\r\nDate: 2024-03-04,,Location: 12 Main St,\r\n,,,\r\nName,Email,Phone,Company\r\nAnn Lee,ann@x.com,5551234567,\r\n';
    const sheet = await preview(utf8(text));
    expect([sheet.headerRow, sheet.headers, sheet.titles]).toEqual([
      4,
      ['Name', 'Email', 'Phone', 'Company'],
      ['Open House Sign-In Sheet', 'Date: 2024-03-04 Location: 12 Main St'],
    ]);
    expect(sheet.rows).toEqual([['Ann Lee', 'ann@x.com', '5551234567', '']]);
  });

  it('leaves out a Salesforce report footer after a blank line', async () => {
    const text = [
      '"First Name","Last Name","Email"',
      '"Ann","Lee","ann@x.com"',
      '"Bob","Ray","bob@x.com"',
      '',
      '"Grand Totals (2 records)"',
      '',
      '"Confidential Information - Do Not Distribute"',
      '"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."',
      '',
    ].join('\n');
    const sheet = await preview(utf8(text));
    expect(sheet.rows.map((row) => row[0])).toEqual(['Ann', 'Bob']);
    expect(sheet.footer).toEqual([
      'Grand Totals (2 records)',
      'Confidential Information - Do Not Distribute',
      'Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved.',
    ]);
    expect(sheet.truncated).toBe(false);
  });

  it('keeps a lone name after a blank line as data: it says nothing a footer says', async () => {
    const sheet = await preview(utf8('name,email\nAnn,a@x.no\n\nBob,\n'));
    expect([sheet.rows, sheet.footer]).toEqual([
      [
        ['Ann', 'a@x.no'],
        ['Bob', ''],
      ],
      [],
    ]);
  });

  it('gives duplicate and empty headers distinct names', async () => {
    const sheet = await preview(utf8('Phone,Name,phone,,Phone (2),Phone\n1,2,3,4,5,6\n'));
    // The file's own "Phone (2)" keeps its name; the made-up ones step around it.
    expect(sheet.headers).toEqual(['Phone', 'Name', 'phone (3)', 'Column 4', 'Phone (2)', 'Phone (4)']);
  });

  it('names the columns itself when the first row is already data', async () => {
    const sheet = await preview(utf8('Ann,Lee,ann@x.com\nBob,Ray,bob@x.com\n'));
    expect([sheet.headerRow, sheet.headers, sheet.rows.length]).toEqual([
      0,
      ['Column 1', 'Column 2', 'Column 3'],
      2,
    ]);
  });

  it('uses a header row the user chose', async () => {
    const sheet = await preview(utf8('a,b\nname,email\nAnn,x\n'), { headerRow: 2 });
    expect([sheet.headerRow, sheet.headers, sheet.titles]).toEqual([2, ['name', 'email'], ['a b']]);
  });

  it('stops a preview after the limit and says there is more', async () => {
    const text = `name\n${Array.from({ length: 100 }, (_, i) => `n${i}`).join('\n')}\n`;
    const sheet = await preview(utf8(text), { limit: 3 });
    expect([sheet.rows, sheet.truncated]).toEqual([[['n0'], ['n1'], ['n2']], true]);
  });
});

describe('hostile and broken files', () => {
  it('refuses a 0-byte file', async () => {
    expect(await failure(new Uint8Array(0))).toEqual({ code: 'file.empty', message: 'the file is empty' });
  });

  it('refuses a file of blank lines', async () => {
    expect((await failure(utf8('\r\n ,, \r\n\r\n'))).code).toBe('sheet.noRows');
  });

  it('refuses random bytes named .xlsx with a workbook message, and as binary under another name', async () => {
    const noise = randomBytes(4096);
    const asWorkbook = await failure(noise, { fileName: 'contacts.xlsx' });
    expect(asWorkbook.code).toBe('xlsx.notWorkbook');
    expect((await failure(noise, { fileName: 'contacts.csv' })).code).toBe('encoding.unknown');
  });

  it('refuses a web page saved as .xls', async () => {
    const error = await failure(utf8('<html><body><table><tr><td>Name</td></tr></table></body></html>'));
    expect(error.code).toBe('file.html');
    expect(error.message).toMatch(/save it as \.xlsx or CSV/);
  });

  it('refuses a 1 GB field without a line break after a bounded buffer, streamed', async () => {
    const error = await failure(endlessField(1024 * 1024 * 1024), { maxRowLength: 8 * 1024 * 1024 });
    expect([error.code, error.line]).toEqual(['csv.rowTooLong', 2]);
  });

  it('refuses a quote that never closes', async () => {
    expect((await failure(utf8('name,note\nAnn,"open\nBob,x\n'))).code).toBe('csv.unterminatedQuote');
  });

  it('reads the row of a quote that never closes as written when asked, and every row after it', async () => {
    const text =
      'name,note,email\n"Ann","Lee",a@x.com\n"Bob","Ray, b@x.com\nCy,Day,c@x.com\nDi,Fox,d@x.com\n';
    // Every chunking reads it alike (the quote is only known to stay open at the end).
    for (const split of [[text.length], [30], [5, 17, 40]]) {
      const pieces: Uint8Array[] = [];
      let at = 0;
      for (const size of split) {
        pieces.push(utf8(text.slice(at, at + size)));
        at += size;
      }
      if (at < text.length) pieces.push(utf8(text.slice(at)));
      const sheet = await preview(pieces, { unclosedQuote: 'asWritten' });
      expect(sheet.unclosedQuotes).toEqual([3]);
      expect(sheet.rows).toEqual([
        ['Ann', 'Lee', 'a@x.com'],
        ['Bob', '"Ray', ' b@x.com'],
        ['Cy', 'Day', 'c@x.com'],
        ['Di', 'Fox', 'd@x.com'],
      ]);
    }
  });

  it('reads on past a quote left open for more than a row can hold, without holding the rest of the file', async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => `Name${i},note ${i}`);
    rows[3] = 'Bob,"open';
    const sheet = await preview([utf8(`name,note\n${rows.join('\n')}\n`)], {
      unclosedQuote: 'asWritten',
      maxRowLength: 1_000,
      limit: 5_000,
    });
    expect(sheet.unclosedQuotes).toEqual([5]);
    expect(sheet.rowCount).toBe(2_000);
    expect(sheet.rows[3]).toEqual(['Bob', '"open']);
    expect(sheet.rows[1999]).toEqual(['Name1999', 'note 1999']);
  });

  it('passes errors thrown by a handler through unchanged', async () => {
    const stop = new Error('no column matches');
    const run = readSheet(
      [utf8('a,b\n1,2\n')],
      {},
      {
        onHeader: () => {
          throw stop;
        },
      },
    );
    await expect(run).rejects.toBe(stop);
  });
});
