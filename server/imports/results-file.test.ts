import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../shared/api';
import { parseCsv } from '../../shared/codec';
import type { ApiClient } from '../testing/api-client';
import { contactRows, rowsRequest } from '../testing/rows';
import { dbVariants } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';

async function resultsFile(client: ApiClient, accountId: string, importId: string) {
  const answer = await client.get(apiPaths.importResults(accountId, importId));
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toMatch(/^text\/csv/);
  expect(answer.headers.get('content-disposition')).toBe(
    `attachment; filename="import-${importId}-results.csv"`,
  );
  const [header, ...lines] = parseCsv(answer.body as string);
  return { header, lines: lines.filter((l) => l.length > 1) };
}

describe.each(dbVariants())('the results file of an import on $name', (variant) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(variant);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('says for each row what it did: created (with the new id), updated (which fields), unchanged', async () => {
    const t = await server.tenant();
    await t.north.runImport(t.northId, rowsRequest(contactRows(2)));
    const rows = contactRows(3);
    rows[1][3] = '9998887777';
    const job = await t.north.runImport(t.northId, rowsRequest(rows, { onMatch: 'overwrite' }));
    const { header, lines } = await resultsFile(t.north, t.northId, job.id);
    expect(header).toEqual([
      'row',
      'result',
      'contact_id',
      'matched_by',
      'linked_to',
      'action_plan_id',
      'changed_fields',
      'reasons',
    ]);
    expect(lines.map((l) => [l[0], l[1], l[3], l[6]])).toEqual([
      ['1', 'unchanged', 'email', ''],
      ['2', 'updated', 'email', 'phone'],
      ['3', 'created', '', ''],
    ]);
    const created = lines[2][2];
    expect(Number(created)).toBeGreaterThan(0);
    // The warning every row of this import had (the default plan sends messages) is its job's, not a row's.
    expect(lines.every((l) => l[7] === '')).toBe(true);
  });

  it('lists rejected rows with their reasons and the others as not imported, for a refused import', async () => {
    const t = await server.tenant();
    const rows = contactRows(4);
    rows[1][2] = 'not an email';
    rows[3][2] = '=HYPERLINK("x")';
    const job = await t.north.runImport(t.northId, rowsRequest(rows));
    expect(job.status).toBe('failed');
    const { lines } = await resultsFile(t.north, t.northId, job.id);
    expect(lines.map((l) => [l[0], l[1]])).toEqual([
      ['1', 'not_imported'],
      ['2', 'rejected'],
      ['3', 'not_imported'],
      ['4', 'rejected'],
    ]);
    expect(lines[0][7]).toBe('2 rows have errors; nothing was imported.');
    expect(lines[1][7]).toContain('is not a valid email address');
    // A reason is never a formula when the file is opened in a spreadsheet.
    expect(lines.every((l) => !/^[=+\-@]/.test(l[7]))).toBe(true);
  });

  it('has a line for each of 12,000 rows, read a page at a time', async () => {
    const t = await server.tenant();
    const job = await t.north.runImport(t.northId, rowsRequest(contactRows(12_000)));
    const { lines } = await resultsFile(t.north, t.northId, job.id);
    expect(lines).toHaveLength(12_000);
    expect(lines.map((l) => Number(l[0]))).toEqual(Array.from({ length: 12_000 }, (_, i) => i + 1));
    expect(new Set(lines.map((l) => l[1]))).toEqual(new Set(['created']));
  });

  it('exists once the import has ended', async () => {
    const t = await server.tenant();
    await server.server.worker.stop();
    try {
      const started = await t.north.startImport(t.northId, rowsRequest(contactRows(1)));
      const id = (started.body as { job: { id: string } }).job.id;
      const early = await t.north.get(apiPaths.importResults(t.northId, id));
      expect([early.status, early.body]).toMatchObject([409, { error: { code: 'import.notFinished' } }]);
    } finally {
      server.server.worker.start();
    }
  });
});
