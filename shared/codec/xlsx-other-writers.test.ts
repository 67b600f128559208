import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type ByteSource, previewSheet, readSheet } from './index';
import { fflateInflater } from './inflaters';

// Workbooks as another tool writes them (exceljs: shared strings, styles with number formats, rich text,
// formulas with saved results), read back as people see them in Excel.

async function exceljsWorkbook(
  fill: (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void,
): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet('Contacts'), book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('a workbook written by exceljs', () => {
  it('reads shared strings, formats, dates, rich text, hyperlinks and formulas as Excel shows them', async () => {
    const bytes = await exceljsWorkbook((sheet) => {
      sheet.addRow(['name', 'zip', 'joined', 'total', 'site', 'vip', 'note', 'ratio']);
      const row = sheet.addRow([
        { richText: [{ text: 'Ann ', font: { bold: true } }, { text: 'Lee' }] },
        2134,
        new Date(Date.UTC(2024, 2, 4)),
        { formula: 'SUM(1,2)', result: 3 },
        { text: 'example.com', hyperlink: 'https://example.com' },
        true,
        { formula: 'NA()', result: { error: '#N/A' } },
        0.125,
      ]);
      row.getCell(2).numFmt = '00000';
      row.getCell(3).numFmt = 'yyyy-mm-dd';
      row.getCell(8).numFmt = '0.0%';
      sheet.addRow(['Bob', 501, null, null, null, false, 'plain', 1]);
    });
    const outcome = await previewSheet([bytes]);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const sheet = outcome.value;
    expect(sheet.rows).toEqual([
      ['Ann Lee', '02134', '2024-03-04', '3', 'example.com', 'TRUE', '#N/A', '12.5%'],
      ['Bob', '501', '', '', '', 'FALSE', 'plain', '1'],
    ]);
    expect(sheet.cellNotes).toEqual([{ line: 2, column: 6, code: 'xlsx.errorCell', value: '#N/A' }]);
  });

  it('reads 20,000 rows of shared strings the same with every inflater and any chunking', async () => {
    const bytes = await exceljsWorkbook((sheet) => {
      sheet.addRow(['name', 'email', 'city']);
      for (let i = 0; i < 20_000; i++)
        sheet.addRow([`Person ${i}`, `p${i}@example.com`, ['Oslo', 'Bergen', 'Tromsø'][i % 3]]);
    });
    const read = async (source: ByteSource, inflater?: typeof fflateInflater) => {
      const rows: string[][] = [];
      const outcome = await readSheet(source, { inflater }, { onRow: (fields) => rows.push(fields) });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return rows;
    };
    const platform = await read([bytes]);
    expect(platform.length).toBe(20_000);
    expect(platform[19_999]).toEqual(['Person 19999', 'p19999@example.com', 'Bergen']);
    expect(await read([bytes], fflateInflater)).toEqual(platform);
    const pieces: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; at += 777) pieces.push(bytes.subarray(at, at + 777));
    expect(await read(pieces)).toEqual(platform);
  });
});
