import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { clientTether, type Lookups } from '../template';
import {
  concatChunks,
  templateWorkbookChunks,
  type TemplateWorkbookOptions,
  TemplateWorkbookWriter,
  XlsxLimitError,
} from './index';

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

function noteText(cell: ExcelJS.Cell): string | undefined {
  const note = cell.note as unknown;
  if (note === undefined || typeof note === 'string') return note;
  return (note as { texts: { text: string }[] }).texts.map((t) => t.text).join('');
}

function build(rows: readonly (readonly string[])[], options: Partial<TemplateWorkbookOptions> = {}) {
  return open(concatChunks(templateWorkbookChunks({ template: clientTether, ...options }, rows)));
}

const headers = clientTether.fields.map((f) => f.header);
const col = (header: string) => headers.indexOf(header);
function row(values: Record<string, string>): string[] {
  const out = headers.map(() => '');
  for (const [header, value] of Object.entries(values)) out[col(header)] = value;
  return out;
}
const letter = (header: string) => {
  const n = col(header);
  return n < 26 ? String.fromCharCode(65 + n) : `A${String.fromCharCode(65 + n - 26)}`;
};

const lookups: Lookups = {
  actionPlans: [
    { id: '101', name: 'New lead nurture' },
    { id: '102', name: 'Import placeholder' },
  ],
  salesCycles: [{ id: '7', name: 'Qualified' }],
  users: [
    { id: '5001', name: 'Kari' },
    { id: '5002', name: 'Ola' },
  ],
};

describe('the template workbook', () => {
  it('has the sheets of TEMPLATE.md in order and the exact headers in row 1', async () => {
    const book = await build([]);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Header File',
      'Instructions',
      'State Abbreviations',
      'Postal Code Format',
      'Date Format',
      'Action Plan IDs',
      'Sales Cycle IDs',
      'Lead Source IDs',
    ]);
    const data = book.getWorksheet('Header File')!;
    const first = data.getRow(1);
    expect(headers.map((_, i) => first.getCell(i + 1).value)).toEqual(headers);
    expect(first.getCell(headers.length + 1).value).toBeNull();
    expect(data.rowCount).toBe(1);
  });

  it('puts each column hint on its header cell as a note, in the chosen language', async () => {
    const english = (await build([])).getWorksheet('Header File')!;
    const norwegian = (await build([], { locale: 'nb' })).getWorksheet('Header File')!;
    clientTether.fields.forEach((field, i) => {
      expect(noteText(english.getRow(1).getCell(i + 1))).toBe(field.hint.en);
      expect(noteText(norwegian.getRow(1).getCell(i + 1))).toBe(field.hint.nb);
    });
    expect(norwegian.getRow(1).getCell(1).value).toBe('firstName');
  });

  it('freezes the bold header row and gives every column a width', async () => {
    const data = (await build([])).getWorksheet('Header File')!;
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    expect(data.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(data.getRow(1).getCell(headers.length).font?.bold).toBe(true);
    for (let c = 1; c <= headers.length; c++) expect(data.getColumn(c).width).toBeGreaterThanOrEqual(6);
    expect(data.getColumn(col('email') + 1).width).toBeGreaterThan(data.getColumn(col('gender') + 1).width!);
  });

  it('offers dropdowns over the data range for the choice and flag columns', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => row({ firstName: `A${i}`, lastName: 'B' }));
    const data = (await build(rows)).getWorksheet('Header File')!;
    const dropdown = (header: string, r: number) => data.getCell(`${letter(header)}${r}`).dataValidation;
    expect(dropdown('smsok', 2)).toMatchObject({ type: 'list', formulae: ['"1,0"'], allowBlank: true });
    expect(dropdown('smsok', 1501)?.type).toBe('list');
    expect(dropdown('gender', 2)?.formulae).toEqual(['"M,F"']);
    expect(dropdown('material_status', 700)?.formulae).toEqual(['"Single,Married,Divorced"']);
    expect(dropdown('new_lead_notification', 2)?.formulae).toEqual(['"0,1,2"']);
    expect(dropdown('contact_type', 2)?.formulae).toEqual(['"1,2,3,4,5"']);
    expect(dropdown('presence_of_pets', 2)?.formulae).toEqual(['"1,0"']);
    expect(dropdown('gender', 2)?.error).toBe('Choose one of: M (Male), F (Female)');
    expect(dropdown('smsok', 1)).toBeUndefined();
    expect(dropdown('firstName', 2)).toBeUndefined();
    expect(dropdown('action_plan_id', 2)).toBeUndefined();
  });

  it('covers at least 1,000 rows with the dropdowns of a blank template, for rows typed in later', async () => {
    const data = (await build([])).getWorksheet('Header File')!;
    expect(data.getCell(`${letter('gender')}1001`).dataValidation?.type).toBe('list');
    expect(data.getCell(`${letter('gender')}1002`).dataValidation).toBeUndefined();
  });

  it('lists known account IDs on the ID sheets and points the ID columns’ dropdowns at them', async () => {
    const book = await build([], { lookups });
    const plans = book.getWorksheet('Action Plan IDs')!;
    expect(plans.getRow(1).getCell(1).value).toBe('ID');
    expect(plans.getRow(1).getCell(1).font?.bold).toBe(true);
    expect([2, 3].map((r) => [plans.getCell(`A${r}`).value, plans.getCell(`B${r}`).value])).toEqual([
      ['101', 'New lead nurture'],
      ['102', 'Import placeholder'],
    ]);
    const data = book.getWorksheet('Header File')!;
    expect(data.getCell(`${letter('action_plan_id')}2`).dataValidation?.formulae).toEqual([
      "'Action Plan IDs'!$A$2:$A$3",
    ]);
    expect(data.getCell(`${letter('sales_cycle_id')}9`).dataValidation?.formulae).toEqual([
      "'Sales Cycle IDs'!$A$2:$A$2",
    ]);
    // Users have no sheet of their own: a short list is written inline.
    expect(data.getCell(`${letter('assigned_user_id')}2`).dataValidation?.formulae).toEqual(['"5001,5002"']);
    expect(data.getCell(`${letter('lead_source_id')}2`).dataValidation).toBeUndefined();
  });

  it('says where to find the IDs on an ID sheet whose list is not known', async () => {
    const book = await build([], { lookups });
    const sources = book.getWorksheet('Lead Source IDs')!;
    const text = [1, 2, 3].map((r) => String(sources.getCell(`A${r}`).value)).join(' ');
    expect(text).toContain('does not know this account');
    expect(text).toContain('Settings, then Lead Sources');
    expect(sources.getCell('B1').value).toBeNull();
  });

  it('explains every column in plain words on the Instructions sheet', async () => {
    const sheet = (await build([])).getWorksheet('Instructions')!;
    expect(String(sheet.getCell('A1').value)).toContain('ClientTether');
    const all: unknown[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++)
      all.push([1, 2, 3, 4].map((c) => sheet.getRow(r).getCell(c).value ?? undefined));
    const header = all.findIndex((r) => r[0] === 'Column');
    expect(all[header]).toEqual(['Column', 'What it means', 'How to fill it', 'Required']);
    const table = all.slice(header + 1);
    expect(table.map((r) => r[0])).toEqual(headers);
    const first = table[0];
    expect(first).toEqual(['firstName', 'First name', clientTether.fields[0].hint.en, 'Yes']);
    expect(table[col('phone')][3]).toBeUndefined();
    expect(all.flat().join(' ')).toContain('Do not change, move or delete the column headers');
  });

  it('lists every state and province with its name, and the accepted postal and date shapes with examples', async () => {
    const book = await build([]);
    const states = book.getWorksheet('State Abbreviations')!;
    expect(states.rowCount).toBe(clientTether.regions.length + 1);
    expect([states.getCell('A1').value, states.getCell('B1').value]).toEqual(['Code', 'Name']);
    const codes = new Map<string, string>();
    for (let r = 2; r <= states.rowCount; r++)
      codes.set(String(states.getCell(`A${r}`).value), String(states.getCell(`B${r}`).value));
    expect(codes.get('NY')).toBe('New York');
    expect(codes.get('QC')).toBe('Quebec');
    expect(codes.size).toBe(clientTether.regions.length);

    const postal = book.getWorksheet('Postal Code Format')!;
    const shapes = [2, 3, 4, 5].map((r) => [postal.getCell(`A${r}`).value, postal.getCell(`B${r}`).value]);
    expect(shapes).toEqual([
      ['12345', '02134'],
      ['12345-6789', '90210-1234'],
      ['12345-6789-01', '90210-1234-01'],
      ['A1A 1A1', 'K1A 0B1'],
    ]);
    const dates = book.getWorksheet('Date Format')!;
    expect(dates.getCell('A2').value).toBe('2021-03-04');
    expect(String(dates.getCell('B2').value)).toContain('Yes');
    expect(String(dates.getCell('B4').value)).toContain('No');
  });

  it('writes every value as a text cell, never a number, a date or a formula', async () => {
    const values = [
      '0123',
      '12345678901234567890',
      '1e5',
      '2021-03-04',
      'TRUE',
      '=SUM(A1:A2)',
      '+4712345678',
      '-1',
      '@me',
    ];
    const rows = values.map((v) => row({ firstName: v, lastName: 'X', external_id: v, zip: '02134' }));
    const data = (await build(rows)).getWorksheet('Header File')!;
    values.forEach((value, i) => {
      const cell = data.getCell(`A${i + 2}`);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(value);
      expect(cell.formula).toBeUndefined();
      expect(data.getCell(`${letter('external_id')}${i + 2}`).value).toBe(value);
      expect(data.getCell(`${letter('zip')}${i + 2}`).value).toBe('02134');
    });
    expect(data.getCell('A1').numFmt).toBe('@');
  });

  it('makes Text the default cell format, so values typed later in Excel keep their leading zeros', () => {
    const files = unzipSync(concatChunks(templateWorkbookChunks({ template: clientTether }, [])));
    const styles = strFromU8(files['xl/styles.xml']);
    const defaultXf = /<cellXfs[^>]*>(<xf [^>]*>)/.exec(styles)?.[1];
    expect(defaultXf).toContain('numFmtId="49"');
  });

  it('keeps tabs, line breaks, CR LF, quotes, edge spaces, accents and emoji exactly', async () => {
    const values = [
      '\rCR first',
      '\tTab first',
      'a\r\nb',
      'line1\nline2',
      'end\n',
      '  spaced  ',
      'say "hi", <b>&</b>',
      'Zoë 😀 李 Ørsted',
    ];
    const rows = values.map((v) => row({ firstName: 'A', lastName: 'B', whiteboard: v }));
    const data = (await build(rows)).getWorksheet('Header File')!;
    expect(values.map((_, i) => data.getCell(`${letter('whiteboard')}${i + 2}`).value)).toEqual(values);
  });

  it('writes characters XML cannot hold with Excel’s _xHHHH_ escape, and escapes look-alikes', async () => {
    const data = (await build([row({ firstName: 'bell\u0007', lastName: '_x0041_' })])).getWorksheet(
      'Header File',
    )!;
    // exceljs does not decode the escape; Excel does, and shows "bell" + BEL and "_x0041_".
    expect(data.getCell('A2').value).toBe('bell_x0007_');
    expect(data.getCell('B2').value).toBe('_x005F_x0041_');
  });

  it('streams: bytes come out while rows are still being added', () => {
    const chunks: Uint8Array[] = [];
    const writer = new TemplateWorkbookWriter({ template: clientTether }, (c) => chunks.push(c));
    const big = row({ firstName: 'A', lastName: 'B', whiteboard: 'x'.repeat(2000) });
    for (let i = 0; i < 2000; i++) writer.add(big);
    const beforeFinish = chunks.length;
    writer.finish();
    expect(beforeFinish).toBeGreaterThan(0);
    expect(chunks.length).toBeGreaterThan(beforeFinish);
    expect(writer.rows).toBe(2000);
  });

  it('refuses a cell longer than Excel allows instead of writing a file Excel would repair', () => {
    const writer = new TemplateWorkbookWriter({ template: clientTether }, () => {});
    writer.add(row({ firstName: 'A', lastName: 'B', whiteboard: 'x'.repeat(32_768) }));
    expect(() => writer.finish()).toThrow(XlsxLimitError);
  });

  it('writes custom-field columns after the template’s, with their values', async () => {
    const rows = [[...row({ firstName: 'A', lastName: 'B' }), 'blue', '007']];
    const options = { extraColumns: [{ header: 'Favourite colour' }, { header: 'Agent' }] };
    const data = (await build(rows, options)).getWorksheet('Header File')!;
    expect(data.getRow(1).getCell(headers.length + 1).value).toBe('Favourite colour');
    expect(data.getRow(2).getCell(headers.length + 2).value).toBe('007');
  });
});
