import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { clientTether } from '../../template';
import { ListSession } from '../session';

// Splitting off the rows with errors: the clean rows to the template, the rest to the error report, with the
// counts known before either is written. Both files are opened and read back.

const none = async () => {};

const csv = [
  'firstName,lastName,email,phone',
  'Ann,Berg,ann@example.com,5551110001',
  'Bo,,bo@example.com,5551110002',
  ' Cora,Young,cora@example.com,5551110003',
  'Dina,Aas,dina@example,5551110004',
  'Eli,Moe,eli@example.com,5551110005',
].join('\r\n');

async function open(): Promise<ListSession> {
  const session = new ListSession(clientTether);
  await session.handlers.open({ bytes: new TextEncoder().encode(csv), options: {} }, none);
  const proposals = await session.handlers.proposeMapping({}, none);
  await session.handlers.applyMapping({ targets: proposals.map((p) => p.target) }, none);
  return session;
}

async function sheetRows(bytes: Uint8Array, sheet = 0): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = book.worksheets[sheet];
  const out: string[][] = [];
  ws.eachRow((row) => {
    out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
  });
  return out;
}

describe('splitting the rows with errors off the list', () => {
  it('counts clean rows and rows with errors; a row with only a warning is clean', async () => {
    const session = await open();
    expect(await session.handlers.splitCounts({}, none)).toEqual({ clean: 3, errors: 2 });
  });

  it('writes the clean rows to the template although the list has errors, and the rest to the report', async () => {
    const session = await open();
    const refused = await session.handlers.export({ kind: 'workbook', locale: 'en', settings: {} }, none);
    expect(refused.ok).toBe(false);
    const clean = await session.handlers.export(
      { kind: 'workbook', locale: 'en', settings: {}, rows: 'clean' },
      none,
    );
    if (!clean.ok) throw new Error('refused');
    const template = await sheetRows(clean.bytes);
    const email = clientTether.fields.findIndex((f) => f.header === 'email');
    expect(template[0]).toEqual(clientTether.fields.map((f) => f.header));
    expect(template.slice(1).map((r) => r[email])).toEqual([
      'ann@example.com',
      'cora@example.com',
      'eli@example.com',
    ]);
    const report = await session.handlers.export(
      { kind: 'report', locale: 'en', settings: {}, rows: 'errors' },
      none,
    );
    if (!report.ok) throw new Error('refused');
    const reported = await sheetRows(report.bytes);
    expect(reported.slice(1).map((r) => r[email])).toEqual(['bo@example.com', 'dina@example']);
    expect(reported[1].at(-1)).toMatch(/Last name/);
  });

  it('writes only the clean rows as CSV', async () => {
    const session = await open();
    const clean = await session.handlers.export(
      { kind: 'csv', locale: 'en', settings: {}, rows: 'clean' },
      none,
    );
    if (!clean.ok) throw new Error('refused');
    const lines = new TextDecoder()
      .decode(clean.bytes)
      .split('\r\n')
      .filter((l) => l !== '');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).map((l) => /[a-z]+@example\.com/.exec(l)?.[0])).toEqual([
      'ann@example.com',
      'cora@example.com',
      'eli@example.com',
    ]);
  });
});
