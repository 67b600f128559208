import { describe, expect, it } from 'vitest';
import { awkwardValues } from '../../test/fixtures/files/awkward-values';
import { xlsxParts, zipParts } from '../../test/fixtures/files/xlsx-bytes';
import { concatChunks, templateWorkbookChunks } from '../export';
import { clientTether } from '../template';
import { previewSheet, type SheetPreview } from './index';

// What ListPrep writes, it reads back exactly: the export's XML text (shared/export/xml-text.ts) and the
// reader's (xml-unescape.ts) are each other's inverse, Excel's `_xHHHH_` escape included.

async function preview(bytes: Uint8Array, limit = 1000): Promise<SheetPreview> {
  const outcome = await previewSheet([bytes], { limit });
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

const headers = clientTether.fields.map((f) => f.header);
const first = headers.indexOf('firstName');
const notes = headers.indexOf('whiteboard');

describe('export, then read', () => {
  it('returns every value exactly: accents, emoji, leading zeros, long IDs, =… text, control characters, _x… text', async () => {
    const rows = awkwardValues.map((value, i) => {
      const row = headers.map(() => '');
      row[first] = value;
      row[notes] = `row ${i + 1}`;
      return row;
    });
    const book = concatChunks(templateWorkbookChunks({ template: clientTether }, rows));
    const sheet = await preview(book);
    expect(sheet.headers).toEqual(headers);
    expect(sheet.rows.map((row) => row[first])).toEqual(awkwardValues);
    expect(sheet.rows.map((row) => row[notes])).toEqual(awkwardValues.map((_, i) => `row ${i + 1}`));
    expect(sheet.cellNotes).toEqual([]);
  });
});

describe("Excel's own text", () => {
  it('decodes _xHHHH_ escapes in shared strings, inline strings and sheet names, left to right', async () => {
    const parts = xlsxParts([{ name: 'S', rows: [['a', 'b', 'c', { inline: 'x' }]] }]);
    parts['xl/sharedStrings.xml'] = parts['xl/sharedStrings.xml']
      .replace('>a<', '>_x0041_ _x005F_x0041_ _x0001_<')
      .replace('>b<', '>Line_x000D__x000A_two<')
      .replace('>c<', '>_x00_ _xZZZZ_ _x0041<');
    parts['xl/worksheets/sheet1.xml'] = parts['xl/worksheets/sheet1.xml'].replace(
      '<t>x</t>',
      '<t>_xD83D__xDE00_</t>',
    );
    parts['xl/workbook.xml'] = parts['xl/workbook.xml'].replace('name="S"', 'name="Q_x0031_ sales"');
    const sheet = await preview(zipParts(parts));
    expect(sheet.sheet).toBe('Q1 sales');
    expect(sheet.headers).toEqual(['A _x0041_ \u0001', 'Line\r\ntwo', '_x00_ _xZZZZ_ _x0041', '😀']);
  });

  it('reads line breaks as XML does: a raw CR LF or CR is LF, a CR written as &#13; stays', async () => {
    const parts = xlsxParts([
      {
        name: 'S',
        rows: [
          ['h1', 'h2', 'h3'],
          ['v1', 'v2', 'v3'],
        ],
      },
    ]);
    parts['xl/sharedStrings.xml'] = parts['xl/sharedStrings.xml']
      .replace('>v1<', '>a\r\nb<')
      .replace('>v2<', '>a\rb<')
      .replace('>v3<', '>a&#13;&#10;b &#x41;&amp;&lt;&gt;&quot;&apos; &unknown; &#xZZ;<');
    const sheet = await preview(zipParts(parts));
    expect(sheet.rows).toEqual([['a\nb', 'a\nb', 'a\r\nb A&<>"\' &unknown; &#xZZ;']]);
  });

  it('reads rich text runs and leaves out phonetic guides', async () => {
    const parts = xlsxParts([{ name: 'S', rows: [['h'], ['v']] }]);
    parts['xl/sharedStrings.xml'] = parts['xl/sharedStrings.xml'].replace(
      '<si><t xml:space="preserve">v</t></si>',
      '<si><r><rPr><b/></rPr><t>Ta</t></r><r><t xml:space="preserve">naka </t></r><rPh sb="0" eb="2"><t>タナカ</t></rPh><phoneticPr fontId="1"/></si>',
    );
    expect((await preview(zipParts(parts))).rows).toEqual([['Tanaka ']]);
  });

  it('reads elements with a namespace prefix, as some writers put on every element', async () => {
    const parts = xlsxParts([
      {
        name: 'S',
        rows: [
          ['name', 'zip'],
          ['Ann', { n: 2134, fmt: '00000' }],
        ],
      },
    ]);
    const prefixed = (xml: string) =>
      xml
        .replace(/<(\/?)(?!\?)([a-zA-Z])/g, '<$1x:$2')
        .replace(
          'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
          'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        );
    for (const part of [
      'xl/worksheets/sheet1.xml',
      'xl/sharedStrings.xml',
      'xl/workbook.xml',
      'xl/styles.xml',
    ])
      parts[part] = prefixed(parts[part]);
    const sheet = await preview(zipParts(parts));
    expect([sheet.headers, sheet.rows]).toEqual([['name', 'zip'], [['Ann', '02134']]]);
  });
});
