import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../test/fixtures/files/text-bytes';
import {
  billionLaughsXlsx,
  compoundFile,
  lyingSizeXlsx,
  xlsx,
  xlsxParts,
  zipBombXlsx,
  zipParts,
} from '../../test/fixtures/files/xlsx-bytes';
import { previewSheet, type SheetPreview, type SheetReadOptions } from './index';

async function preview(bytes: Uint8Array, options: SheetReadOptions = {}): Promise<SheetPreview> {
  const outcome = await previewSheet([bytes], options);
  if (!outcome.ok) throw new Error(`expected a preview, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

async function failure(bytes: Uint8Array, options: SheetReadOptions = {}) {
  const outcome = await previewSheet([bytes], options);
  if (outcome.ok) throw new Error('expected the workbook to be refused');
  return outcome.error;
}

describe('reading cells as people see them', () => {
  it('keeps the leading zeros a number format shows (ZIP 00000, ZIP+4, a padded phone)', async () => {
    const sheet = await preview(
      xlsx([
        {
          name: 'Contacts',
          rows: [
            ['name', 'zip', 'zip4', 'phone', 'plain'],
            [
              'Ann',
              { n: 2134, fmt: '00000' },
              { n: 21341234, fmt: '00000-0000' },
              { n: 5551234567, fmt: '(###) ###-####' },
              { n: 2134 },
            ],
          ],
        },
      ]),
    );
    expect(sheet.rows).toEqual([['Ann', '02134', '02134-1234', '5551234567', '2134']]);
  });

  it('reads a long ID as its digits, never 1.23E+18, and notes the digits Excel could not keep', async () => {
    const sheet = await preview(
      xlsx([
        {
          name: 'S',
          rows: [
            ['id', 'sci'],
            [{ n: 123456789012345 }, { n: 1.23456789012345e18, fmt: '0.00E+00' }],
          ],
        },
      ]),
    );
    expect(sheet.rows).toEqual([['123456789012345', '1234567890123450000']]);
    expect(sheet.cellNotes).toEqual([
      { line: 2, column: 1, code: 'xlsx.precision', value: '1234567890123450000' },
    ]);
  });

  it('shows numbers as Excel does: 15 significant digits, percentages, no currency or grouping', async () => {
    const sheet = await preview(
      xlsx([
        {
          name: 'S',
          rows: [
            ['a', 'b', 'c', 'd', 'e'],
            [
              { n: 0.30000000000000004 },
              { n: 0.125, fmt: '0.0%' },
              { n: 12500, fmt: '"$"#,##0.00' },
              { n: -3.5, fmt: '#,##0.00;[Red]-#,##0.00' },
              true,
            ],
          ],
        },
      ]),
    );
    expect(sheet.rows).toEqual([['0.3', '12.5%', '12500', '-3.5', 'TRUE']]);
  });

  it('reads dates as ISO in the 1900 system, with its 1900-02-29 quirk and dates before it', async () => {
    const sheet = await preview(
      xlsx([
        {
          name: 'S',
          rows: [
            ['d1', 'd59', 'd60', 'd61', 'modern', 'builtin', 'datetime', 'time'],
            [
              { n: 1, fmt: 'yyyy-mm-dd' },
              { n: 59, fmt: 'yyyy-mm-dd' },
              { n: 60, fmt: 'yyyy-mm-dd' },
              { n: 61, fmt: 'yyyy-mm-dd' },
              { n: 45355, fmt: 'dd/mm/yyyy' },
              { n: 45355, fmtId: 14 },
              { n: 45355.5, fmt: 'm/d/yy h:mm' },
              { n: 0.75, fmt: 'h:mm:ss' },
            ],
          ],
        },
      ]),
    );
    expect(sheet.rows).toEqual([
      [
        '1900-01-01',
        '1900-02-28',
        '1900-02-29',
        '1900-03-01',
        '2024-03-04',
        '2024-03-04',
        '2024-03-04 12:00',
        '18:00:00',
      ],
    ]);
  });

  it('reads dates in the 1904 system of old Mac workbooks', async () => {
    const rows = [
      ['d0', 'd1', 'modern'],
      [
        { n: 0, fmt: 'yyyy-mm-dd' },
        { n: 1, fmt: 'yyyy-mm-dd' },
        { n: 43893, fmt: 'yyyy-mm-dd' },
      ],
    ];
    const sheet = await preview(xlsx([{ name: 'S', rows }], { date1904: true }));
    expect(sheet.rows).toEqual([['1904-01-01', '1904-01-02', '2024-03-04']]);
  });

  it('gives a formula its saved result and never runs it; a missing result is noted, not computed', async () => {
    const sheet = await preview(
      xlsx([
        {
          name: 'S',
          rows: [
            ['sum', 'text', 'date', 'stale', 'none'],
            [
              { f: '1+1', v: 2 },
              { f: 'CONCAT("a","b")', v: 'ab' },
              { f: 'TODAY()', v: 45355, fmt: 'yyyy-mm-dd' },
              { f: '1+1', v: 7 },
              { f: '1+1' },
            ],
          ],
        },
      ]),
    );
    expect(sheet.rows).toEqual([['2', 'ab', '2024-03-04', '7', '']]);
    expect(sheet.cellNotes).toEqual([{ line: 2, column: 4, code: 'xlsx.noCachedValue', value: '' }]);
  });

  it('flags error cells (#N/A, #REF!), also as a formula result', async () => {
    const sheet = await preview(
      xlsx([
        {
          name: 'S',
          rows: [
            ['a', 'b'],
            [{ error: '#N/A' }, { f: 'A1/0', v: '#REF!', t: 'e' }],
          ],
        },
      ]),
    );
    expect(sheet.rows).toEqual([['#N/A', '#REF!']]);
    expect(sheet.cellNotes.map((n) => [n.column, n.code, n.value])).toEqual([
      [0, 'xlsx.errorCell', '#N/A'],
      [1, 'xlsx.errorCell', '#REF!'],
    ]);
  });

  it('reads inline strings and finds the header below a merged title', async () => {
    const sheet = await preview(
      xlsx([
        {
          name: 'Sign-in',
          rows: [
            ['Trade Show 2024 Sign-In', null, null],
            [],
            ['Name', 'Email', { inline: 'Phone' }],
            ['Ann', 'a@x.no', '5551234567'],
          ],
          merges: ['A1:C1'],
        },
      ]),
    );
    expect([sheet.headerRow, sheet.headers, sheet.titles, sheet.rows]).toEqual([
      3,
      ['Name', 'Email', 'Phone'],
      ['Trade Show 2024 Sign-In'],
      [['Ann', 'a@x.no', '5551234567']],
    ]);
  });
});

describe('sheets', () => {
  const book = xlsx([
    { name: 'Notes', rows: [], state: 'hidden' },
    { name: 'Header File', rows: [['firstName'], ['Ann']] },
    { name: 'Instructions', rows: [['Read me'], ['Step 1']] },
  ]);

  it('lists the sheets and reads the first visible one with data', async () => {
    const sheet = await preview(book);
    expect(sheet.sheets).toEqual([
      { name: 'Notes', hidden: true, rows: 0, columns: 0 },
      { name: 'Header File', hidden: false, rows: 2, columns: 1 },
      { name: 'Instructions', hidden: false, rows: 2, columns: 1 },
    ]);
    expect([sheet.kind, sheet.sheet, sheet.encoding, sheet.delimiter, sheet.rows]).toEqual([
      'xlsx',
      'Header File',
      null,
      null,
      [['Ann']],
    ]);
  });

  it('reads the sheet asked for by name, in any case, or by position', async () => {
    expect((await preview(book, { sheet: 'instructions' })).rows).toEqual([['Step 1']]);
    expect((await preview(book, { sheet: '3' })).sheet).toBe('Instructions');
  });

  it('names the sheets there are when the one asked for is missing', async () => {
    const error = await failure(book, { sheet: 'Contacts' });
    expect(error).toEqual({
      code: 'sheet.notFound',
      message: 'the workbook has no sheet "Contacts"; its sheets are "Notes", "Header File", "Instructions"',
    });
  });
});

describe('hostile and unreadable workbooks', () => {
  it('refuses a zip bomb from its declared sizes, before inflating anything', async () => {
    const error = await failure(zipBombXlsx(32 * 1024 * 1024));
    expect(error.code).toBe('xlsx.zipBomb');
    expect(error.message).toMatch(/would unpack from 0\.0 MB to 32 MB \(\d+ times\)/);
  });

  it('stops a part that unpacks to more than it declares as soon as it passes the declared size', async () => {
    const error = await failure(lyingSizeXlsx());
    expect(error.code).toBe('xlsx.zipBomb');
    expect(error.message).toMatch(/unpacks to more than the 0\.0 MB it declares/);
  });

  it('refuses a workbook that unpacks to more than the memory limit', async () => {
    const error = await failure(xlsx([{ name: 'S', rows: [['a'], ['b']] }]), {
      zipLimits: { maxEntries: 100, maxTotalBytes: 1000, maxRatio: 200, ratioFloorBytes: 1 << 20 },
    });
    expect(error.code).toBe('xlsx.tooLarge');
  });

  it('refuses billion-laughs XML (a DOCTYPE with entities) in any part', async () => {
    for (const part of ['xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml', '[Content_Types].xml']) {
      const error = await failure(billionLaughsXlsx(part));
      expect([error.code, error.message]).toEqual(['xlsx.doctype', expect.stringContaining(part)]);
    }
  });

  it('tells the user to save a legacy .xls or a password-protected workbook as .xlsx or CSV', async () => {
    const legacy = await failure(compoundFile(['Root Entry', 'Workbook', 'SummaryInformation']));
    expect([legacy.code, legacy.message]).toEqual([
      'xlsx.legacy',
      expect.stringMatching(/save it as \.xlsx or CSV/),
    ]);
    const encrypted = await failure(compoundFile(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']));
    expect([encrypted.code, encrypted.message]).toEqual([
      'xlsx.encrypted',
      expect.stringMatching(/password.*\.xlsx or CSV/),
    ]);
  });

  it('refuses a zip that is not a workbook, and a damaged one', async () => {
    expect(
      (await failure(zipParts({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet' }))).code,
    ).toBe('xlsx.notWorkbook');
    const book = xlsx([{ name: 'S', rows: [['a']] }]);
    expect((await failure(book.slice(0, book.length - 30))).code).toBe('xlsx.corrupt');
    const noise = new Uint8Array(book);
    noise.set(randomBytes(200), 200);
    expect((await failure(noise)).code).toBe('xlsx.corrupt');
  });

  it('refuses a workbook whose zip is sound but whose XML is broken, in words about the file', async () => {
    for (const [part, xml] of [
      ['xl/workbook.xml', '<?xml version="1.0"?><workbook><sheets><sheet name="S" sheetId="1" r:id="rId9"/>'],
      ['xl/worksheets/sheet1.xml', '<worksheet><sheetData><row><c r="A1" t="s"><v>0</v></c>'],
    ]) {
      const parts = xlsxParts([{ name: 'S', rows: [['a']] }]);
      parts[part] = xml;
      const error = await failure(zipParts(parts));
      expect([error.code, error.message]).toEqual(['xlsx.corrupt', expect.stringMatching(/save it again$/)]);
      expect(error.message).not.toMatch(/undefined|properties/);
    }
  });
});
