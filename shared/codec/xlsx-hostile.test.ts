import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  blankSheetRecord,
  type XSheet,
  xlsx,
  xlsxParts,
  zipParts,
} from '../../test/fixtures/files/xlsx-bytes';
import {
  type CraftedZip,
  centralRecord,
  localRecord,
  writeZip,
  zipRecords,
} from '../../test/fixtures/files/zip-craft';
import { previewSheet, readSheet, type SheetPreview, type SheetReadOptions } from './index';
import { fflateInflater } from './inflaters';

// Workbooks written by hand to attack the reader. Each is refused with one line, or read within what it
// really holds, never within what it claims; none reaches the rows of a sheet it should not.

const enc = new TextEncoder();

async function preview(bytes: Uint8Array, options: SheetReadOptions = {}): Promise<SheetPreview> {
  const outcome = await previewSheet([bytes], options);
  if (!outcome.ok) throw new Error(`expected a preview, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

/** Reads the whole sheet; the failure, and whether any row was handed over before it. */
async function refusal(bytes: Uint8Array, options: SheetReadOptions = {}) {
  let rows = 0;
  const outcome = await readSheet([bytes], options, { onRow: () => rows++ });
  if (outcome.ok) throw new Error('expected the workbook to be refused');
  expect(outcome.error.message).not.toContain('\n');
  return { ...outcome.error, rows };
}

const contacts: XSheet = {
  name: 'Contacts',
  rows: [
    ['name', 'email'],
    ['Ann', 'ann@example.com'],
  ],
};
const sheetPart = 'xl/worksheets/sheet1.xml';
const evilSheet = xlsxParts([
  {
    name: 'Contacts',
    rows: [
      ['name', 'email'],
      ['Mallory', 'evil@example.com'],
    ],
  },
])[sheetPart];

function soundZip(): CraftedZip {
  return zipRecords(xlsxParts([contacts]));
}

describe('a zip that can be read two ways is refused before anything is inflated', () => {
  it('refuses a part listed twice (elsewhere the last one wins), also when the names differ only in case', async () => {
    for (const name of [sheetPart, 'XL/Worksheets/Sheet1.xml']) {
      const zip = soundZip();
      zip.locals.push(localRecord(name, evilSheet));
      zip.central.push(centralRecord(zip.locals, zip.locals.length - 1));
      const error = await refusal(writeZip(zip));
      expect([error.code, error.rows]).toEqual(['xlsx.ambiguous', 0]);
      expect(error.message).toMatch(/\(the part ".*" is in it twice\)/i);
    }
  });

  it('refuses entries that overlap: two listed names sharing one local entry', async () => {
    const zip = soundZip();
    const sheet = zip.locals.findIndex((l) => l.name === sheetPart);
    zip.central.push({ ...centralRecord(zip.locals, sheet), name: 'xl/worksheets/sheet2.xml' });
    const error = await refusal(writeZip(zip));
    expect([error.code, error.rows]).toEqual(['xlsx.ambiguous', 0]);
    expect(error.message).toMatch(/overlaps another part/);
  });

  it('refuses an entry that starts inside another one', async () => {
    // A stored entry whose bytes hold a whole second local entry, listed on its own as well.
    const inner = localRecord('xl/worksheets/sheet1.xml', evilSheet);
    const carrier = writeZip({ locals: [inner], central: [] }).slice(0, -22);
    const zip = soundZip();
    zip.locals.push(localRecord('docProps/carrier.bin', carrier, 0));
    const at = zip.locals.length - 1;
    zip.central.push(centralRecord(zip.locals, at));
    zip.central.push({
      ...centralRecord([inner], 0),
      name: 'xl/worksheets/sheet9.xml',
      local: at,
      delta: 30 + 20,
    });
    const error = await refusal(writeZip(zip));
    expect(error.code).toBe('xlsx.ambiguous');
    expect(error.message).toMatch(/overlaps another part/);
  });

  it('refuses a local entry hidden between listed ones, after them, or before the first', async () => {
    const between = soundZip();
    const sheet = between.locals.findIndex((l) => l.name === sheetPart);
    between.locals.splice(sheet, 0, localRecord(sheetPart, evilSheet));
    between.central = between.central.map((c) => ({ ...c, local: c.local >= sheet ? c.local + 1 : c.local }));
    expect(await refusal(writeZip(between))).toMatchObject({
      code: 'xlsx.ambiguous',
      message: expect.stringMatching(/hidden bytes lie before the part ".*sheet1\.xml"/),
      rows: 0,
    });
    const after = soundZip();
    after.locals.push(localRecord(sheetPart, evilSheet));
    expect(await refusal(writeZip(after))).toMatchObject({
      code: 'xlsx.ambiguous',
      message: expect.stringMatching(/hidden bytes lie after the last part/),
    });
    const prefixed = soundZip();
    prefixed.prefix = writeZip({ locals: [localRecord(sheetPart, evilSheet)], central: [] }).slice(0, -22);
    expect(await refusal(writeZip(prefixed))).toMatchObject({
      code: 'xlsx.ambiguous',
      message: expect.stringMatching(/hidden bytes lie before the part/),
    });
  });

  it('refuses a local header that names another part or declares another size than the table of contents', async () => {
    const renamed = soundZip();
    renamed.locals.find((l) => l.name === sheetPart)!.headerName = 'xl/worksheets/sheet2.xml';
    expect(await refusal(writeZip(renamed))).toMatchObject({
      code: 'xlsx.ambiguous',
      message: expect.stringMatching(/"xl\/worksheets\/sheet1\.xml" has another name in its own header/),
      rows: 0,
    });
    const resized = soundZip();
    resized.locals.find((l) => l.name === sheetPart)!.headerSize = 10;
    expect(await refusal(writeZip(resized))).toMatchObject({
      code: 'xlsx.ambiguous',
      message: expect.stringMatching(/has another size in its own header/),
    });
  });

  it('refuses a part that unpacks to less than both its headers declare', async () => {
    const zip = soundZip();
    const sheet = zip.locals.findIndex((l) => l.name === sheetPart);
    zip.locals[sheet].headerSize = zip.locals[sheet].size + 100;
    zip.central[sheet].size += 100;
    expect(await refusal(writeZip(zip))).toMatchObject({
      code: 'xlsx.corrupt',
      message: expect.stringMatching(/unpacks to [\d,]+ bytes, not the [\d,]+ it declares/),
    });
  });
});

/** Sheet XML of about `size` bytes that packs about `ratio` times: blanks with a random byte now and then. */
function blanks(size: number, every: number): Uint8Array {
  const data = new Uint8Array(size).fill(0x20);
  data.set(enc.encode('<?xml version="1.0"?><worksheet><sheetData>'), 0);
  let seed = 7;
  for (let i = 200; i < size - 100; i += every) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    data[i] = 0x61 + (seed % 26);
  }
  data.set(enc.encode('</sheetData></worksheet>'), size - 30);
  return data;
}

describe('inflating is limited to 100 times the packed size, checked while it inflates', () => {
  it('refuses a part that declares a ratio over 100:1 before inflating it (one that packs 160 times)', async () => {
    const data = blanks(24 * 1024 * 1024, 550);
    const ratio = data.length / deflateSync(data, { level: 9 }).length;
    expect(ratio).toBeGreaterThan(100);
    expect(ratio).toBeLessThan(200);
    const parts: Record<string, string | Uint8Array> = xlsxParts([contacts]);
    parts[sheetPart] = data;
    const error = await refusal(zipParts(parts, 9));
    expect(error.code).toBe('xlsx.zipBomb');
    expect(error.message).toMatch(/would unpack from [\d.]+ MB to 24 MB \(1\d\d times\)/);
  });

  for (const [inflater, factory] of [
    ['the platform', undefined],
    ['fflate', fflateInflater],
  ] as const) {
    it(`stops a part whose packed size is padded to look sane as soon as its output passes 100 times its input (${inflater})`, async () => {
      const bomb = blankSheetRecord(64 * 1024 * 1024);
      const zip = soundZip();
      const sheet = zip.locals.findIndex((l) => l.name === sheetPart);
      // Junk after the deflate stream makes the declared sizes a plausible 60:1.
      const padded = new Uint8Array(Math.ceil(bomb.size / 60));
      padded.set(bomb.packed);
      zip.locals[sheet] = { ...bomb, packed: padded };
      zip.central[sheet] = centralRecord(zip.locals, sheet);
      const error = await refusal(writeZip(zip), { inflater: factory });
      expect(error.code).toBe('xlsx.zipBomb');
      expect(error.message).toMatch(/unpacks to more than 100 times its packed size/);
    });
  }

  it('limits all parts read together, each of them under the limit for one part', async () => {
    const sheets: XSheet[] = Array.from({ length: 4 }, (_, i) => ({ name: `S${i}`, rows: [['a']] }));
    const parts: Record<string, string | Uint8Array> = xlsxParts(sheets);
    for (let i = 1; i <= 4; i++) parts[`xl/worksheets/sheet${i}.xml`] = blanks(1000 * 1024, 1 << 30);
    const error = await refusal(zipParts(parts, 9));
    expect(error.code).toBe('xlsx.zipBomb');
    expect(error.message).toMatch(/^the workbook unpacks to more than 100 times its packed size/);
  });
});

describe('what a workbook claims allocates nothing', () => {
  const rows = [
    ['Trade show', null, null, null],
    [],
    ['name', 'email', 'phone', 'city'],
    ['Ann', 'ann@example.com', '5551234567', 'Oslo'],
    ['Bob', 'bob@example.com', '5559876543', 'Bergen'],
  ];

  it('reports a merged range over the whole grid (A3:XFD1048576, A3:D1048576) without spreading it', async () => {
    for (const range of ['A3:XFD1048576', 'A3:D1048576', 'A1:XFD1']) {
      const book = xlsx([{ name: 'S', rows, merges: [range], dimension: 'A1:XFD1048576' }]);
      const outcome = await readSheet([book], {}, {});
      if (!outcome.ok) throw new Error(outcome.error.message);
      expect([outcome.value.headers.length, outcome.value.rowCount, outcome.value.merges]).toEqual([
        4,
        2,
        { count: 1, first: [range] },
      ]);
      expect(outcome.value.sheets[0]).toMatchObject({ rows: 4, columns: 4 });
    }
  });

  it('counts 50,000 merged ranges and lists the first 20', async () => {
    const merges = Array.from({ length: 50_000 }, (_, i) => `A${i + 10}:XFD${i + 10}`);
    const outcome = await readSheet([xlsx([{ name: 'S', rows, merges }])]);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.merges?.count).toBe(50_000);
    expect(outcome.value.merges?.first).toEqual(merges.slice(0, 20));
  });

  it('counts the rows a row number skips as blank without going through them', async () => {
    const parts = xlsxParts([{ name: 'S', rows }]);
    parts[sheetPart] = parts[sheetPart]
      .replace('<row r="5">', '<row r="1048576">')
      .replace(/A5"/g, 'A1048576"');
    const outcome = await readSheet([zipParts(parts)]);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect([outcome.value.rowCount, outcome.value.blankRows]).toEqual([2, 1_048_571]);
  });

  it('never reads defined names, so one naming __proto__ sets nothing on Object.prototype', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const book = xlsx([{ name: 'S', rows }], {
      definedNames: [
        { name: '_xlnm.Print_Area', ref: '__proto__!$A$1:$D$3' },
        { name: 'constructor', ref: "'__proto__'!$A$1" },
      ],
    });
    await preview(book);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)[1]).toBeUndefined();
  });
});

describe('no object is keyed by a name from the file', () => {
  it('reads a workbook whose sheets, relationships and headers are named like Object.prototype, and changes nothing there', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const names = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '1'];
    const parts = xlsxParts([
      { name: '__proto__', rows: [names, names.map((n) => `${n} value`)] },
      { name: 'constructor', rows: [['x'], ['y']], state: 'hidden' },
    ]);
    // Relationship ids from the file as well.
    for (const part of ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']) {
      parts[part] = parts[part].replace(/"rId1"/g, '"__proto__"').replace(/"rId2"/g, '"constructor"');
    }
    parts['xl/styles.xml'] = parts['xl/styles.xml'].replace(
      '<fonts',
      '<numFmts count="1"><numFmt numFmtId="__proto__" formatCode="constructor"/></numFmts><fonts',
    );
    const book = zipParts(parts);
    const sheet = await preview(book);
    expect([sheet.sheet, sheet.headers, sheet.rows[0]]).toEqual([
      '__proto__',
      names,
      names.map((n) => `${n} value`),
    ]);
    expect((await preview(book, { sheet: 'constructor' })).rows).toEqual([['y']]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)[1]).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

describe('hidden and very hidden sheets', () => {
  it('lists them and reads the first visible sheet with data, never a hidden one by default', async () => {
    const book = xlsx([
      { name: 'Secret', rows: [['name'], ['Mallory']], state: 'veryHidden' },
      { name: 'Old', rows: [['name'], ['Eve']], state: 'hidden' },
      { name: 'Contacts', rows: [['name'], ['Ann']] },
    ]);
    const sheet = await preview(book);
    expect([sheet.sheet, sheet.rows]).toEqual(['Contacts', [['Ann']]]);
    expect(sheet.sheets).toEqual([
      { name: 'Secret', hidden: true, veryHidden: true, rows: 2, columns: 1 },
      { name: 'Old', hidden: true, rows: 2, columns: 1 },
      { name: 'Contacts', hidden: false, rows: 2, columns: 1 },
    ]);
  });

  it('refuses to choose a hidden sheet when the visible ones are empty, or when one is asked for by position', async () => {
    const book = xlsx([
      { name: 'Cover', rows: [] },
      { name: 'Data', rows: [['name'], ['Mallory']], state: 'veryHidden' },
    ]);
    expect(await refusal(book)).toMatchObject({
      code: 'sheet.hidden',
      message:
        'the workbook\'s visible sheets are empty; its data is in the very hidden sheet "Data": unhide it in Excel, or ask for it by its name',
      rows: 0,
    });
    expect(await refusal(book, { sheet: '2' })).toMatchObject({
      code: 'sheet.hidden',
      message: 'sheet 2 of the workbook is "Data", which is very hidden; ask for it by its name to read it',
    });
    expect((await preview(book, { sheet: 'Data' })).rows).toEqual([['Mallory']]);
  });
});

describe('XML that declares entities', () => {
  it('refuses an external entity (XXE) as it refuses billion laughs', async () => {
    const parts = xlsxParts([contacts]);
    parts['xl/sharedStrings.xml'] = parts['xl/sharedStrings.xml'].replace(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
      '<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n',
    );
    const error = await refusal(zipParts(parts));
    expect([error.code, error.message]).toEqual([
      'xlsx.doctype',
      expect.stringContaining('"xl/sharedStrings.xml" declares a DOCTYPE or ENTITY'),
    ]);
  });
});
