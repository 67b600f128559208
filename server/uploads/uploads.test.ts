import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  contactsResponseSchema,
  dryRunResponseSchema,
  fileNameHeader,
  fileNameHeaderValue,
  uploadResponseSchema,
} from '../../shared/api';
import { dbVariants } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';

async function workbook(rows: (string | number)[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Header File');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe.each(dbVariants())('uploads on $name', (variant) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(variant);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('reads an uploaded CSV as the app does and imports it by its upload id', async () => {
    const t = await server.tenant();
    // Windows-style export: BOM, semicolons, a title line above the header, a phone with a leading zero kept.
    const csv =
      '\uFEFFTrade show leads\nfirstName;lastName;email;zip\nAnn;Lee;ann@example.com;01234\nBob;Berg;bob@example.com;K1A 0B1\n';
    const uploaded = await t.north.send(apiPaths.uploads(t.northId), {
      method: 'POST',
      body: csv,
      headers: { 'content-type': 'text/csv', [fileNameHeader]: 'leads.csv' },
    });
    expect(uploaded.status).toBe(201);
    const { upload } = uploadResponseSchema.parse(uploaded.body);
    expect(upload).toMatchObject({
      name: 'leads.csv',
      format: 'csv',
      rowCount: 2,
      headers: ['firstName', 'lastName', 'email', 'zip'],
    });
    const request = {
      source: { kind: 'upload', uploadId: upload.id },
      options: { complianceConfirmed: true },
    } as const;
    const dry = dryRunResponseSchema.parse(
      (await t.north.post(apiPaths.dryRun(t.northId), request)).body,
    ).dryRun;
    expect(dry.counts).toMatchObject({ processed: 2, created: 2 });
    const job = await t.north.runImport(t.northId, request);
    expect([job.status, job.source]).toEqual([
      'completed',
      { kind: 'upload', name: 'leads.csv', rows: 2, columns: 4 },
    ]);
    const { contacts } = contactsResponseSchema.parse((await t.north.get(apiPaths.contacts(t.northId))).body);
    expect(contacts.map((c) => c.fields.zip)).toEqual(['01234', 'K1A 0B1']);
  });

  it('reads an uploaded XLSX workbook, numbers as the digits people typed', async () => {
    const t = await server.tenant();
    const bytes = await workbook([
      ['firstName', 'lastName', 'phone', 'age'],
      ['Ann', 'Lee', 5551234567, 42],
    ]);
    const uploaded = await t.north.send(apiPaths.uploads(t.northId), {
      method: 'POST',
      body: bytes,
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect(uploaded.status).toBe(201);
    const { upload } = uploadResponseSchema.parse(uploaded.body);
    expect(upload).toMatchObject({ format: 'xlsx', rowCount: 1 });
    const job = await t.north.runImport(t.northId, { source: { kind: 'upload', uploadId: upload.id } });
    expect(job.status).toBe('completed');
    const [ann] = contactsResponseSchema.parse(
      (await t.north.get(apiPaths.contacts(t.northId))).body,
    ).contacts;
    expect(ann.fields).toEqual({ firstName: 'Ann', lastName: 'Lee', phone: '5551234567', age: '42' });
  });

  it('refuses a file it cannot read with 422 and the reason, storing nothing', async () => {
    const t = await server.tenant();
    const broken = await t.north.send(apiPaths.uploads(t.northId), {
      method: 'POST',
      body: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(broken.status).toBe(422);
    expect(broken.body).toMatchObject({
      error: { code: 'source.unreadable', message: expect.stringMatching(/^The file cannot be read: /) },
    });
    const empty = await t.north.send(apiPaths.uploads(t.northId), {
      method: 'POST',
      body: '',
      headers: { 'content-type': 'text/csv' },
    });
    expect(empty.status).toBe(422);
    const { rows } = await server.server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM uploads WHERE account_id = $1',
      [Number(t.northId)],
    );
    expect(rows[0].n).toBe(0);
  });

  it('takes the file name from the X-File-Name header, percent-encoded UTF-8, and never from the URL', async () => {
    const t = await server.tenant();
    const csv = 'firstName,lastName\nAnn,Lee\n';
    const post = (path: string, headers: Record<string, string>) =>
      t.north.send(path, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv', ...headers } });
    const name = 'Kunder Ålesund – mars 😀.csv';
    const named = await post(apiPaths.uploads(t.northId), { [fileNameHeader]: fileNameHeaderValue(name) });
    expect(named.status).toBe(201);
    expect(uploadResponseSchema.parse(named.body).upload.name).toBe(name);
    const unnamed = await post(apiPaths.uploads(t.northId), {});
    expect(uploadResponseSchema.parse(unnamed.body).upload.name).toBe('upload');
    // A name in the query is refused: URLs are written to proxy and server logs.
    const inUrl = await post(`${apiPaths.uploads(t.northId)}?name=leads.csv`, {});
    expect([inUrl.status, JSON.stringify(inUrl.body).includes('leads.csv')]).toEqual([400, false]);
    for (const header of [
      '',
      '%',
      '%zz',
      'a%FFb',
      'a%ED%A0%80b',
      'Kunder Ålesund',
      'a%00b',
      'x'.repeat(256),
    ]) {
      const refused = await post(apiPaths.uploads(t.northId), { [fileNameHeader]: header });
      expect([header.slice(0, 20), refused.status]).toEqual([header.slice(0, 20), 400]);
      expect(refused.body).toMatchObject({ error: { code: 'request.invalid' } });
      if (header.length > 3) expect(JSON.stringify(refused.body)).not.toContain(header);
    }
    expect((await post(apiPaths.uploads(t.northId), { [fileNameHeader]: 'x'.repeat(255) })).status).toBe(201);
  });
});
