import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, contactResponseSchema, contactsResponseSchema } from '../../shared/api';
import type { ApiAnswer } from '../testing/api-client';
import { contactHeaders, contactRows, rowsRequest } from '../testing/rows';
import { dbVariants } from '../testing/test-databases';
import { startTestServer, type Tenant, type TestServer } from '../testing/test-server';

const errorCode = (answer: ApiAnswer) => (answer.body as { error?: { code?: string } }).error?.code;

describe.each(dbVariants())('bad input on $name', (variant) => {
  let server: TestServer;
  let t: Tenant;
  beforeAll(async () => {
    // Small limits, so "too large" costs kilobytes, not the real 128 MB.
    server = await startTestServer(variant, { limits: { jsonBytes: 256 * 1024, uploadBytes: 128 * 1024 } });
    t = await server.tenant();
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Nothing may have been queued or written in the tenant's account by a refused request. */
  async function expectNothingWritten() {
    const { rows } = await server.server.db.query<{ jobs: number; contacts: number; uploads: number }>(
      `SELECT (SELECT count(*)::int FROM import_jobs WHERE account_id = $1) AS jobs,
              (SELECT count(*)::int FROM contacts WHERE account_id = $1) AS contacts,
              (SELECT count(*)::int FROM uploads WHERE account_id = $1) AS uploads`,
      [Number(t.northId)],
    );
    expect(rows[0]).toEqual({ jobs: 0, contacts: 0, uploads: 0 });
  }

  const importPost = (body: string, contentType = 'application/json') =>
    t.north.send(apiPaths.imports(t.northId), {
      method: 'POST',
      body,
      headers: { 'content-type': contentType, 'idempotency-key': crypto.randomUUID() },
    });

  it('refuses an oversized JSON body or file with 413 before reading it all', async () => {
    const big = JSON.stringify(rowsRequest(contactRows(5_000)));
    expect(big.length).toBeGreaterThan(256 * 1024);
    const json = await importPost(big);
    expect([json.status, errorCode(json)]).toEqual([413, 'request.tooLarge']);
    const file = await t.north.send(apiPaths.uploads(t.northId), {
      method: 'POST',
      body: `firstName,lastName\n${'Ann,Lee\n'.repeat(25_000)}`,
      headers: { 'content-type': 'text/csv' },
    });
    expect([file.status, errorCode(file)]).toEqual([413, 'request.tooLarge']);
    // Without a Content-Length (sent in chunks): refused once it has passed the limit, and no part is kept.
    const chunks = `firstName,lastName\n${'Ann,Lee\n'.repeat(25_000)}`;
    const streamed = await t.north.send(apiPaths.uploads(t.northId), {
      method: 'POST',
      body: new ReadableStream({
        start(stream) {
          for (let at = 0; at < chunks.length; at += 16_384)
            stream.enqueue(new TextEncoder().encode(chunks.slice(at, at + 16_384)));
          stream.close();
        },
      }),
      duplex: 'half',
      headers: { 'content-type': 'text/csv' },
    } as RequestInit);
    expect([streamed.status, errorCode(streamed)]).toEqual([413, 'request.tooLarge']);
    const parts = await server.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM upload_parts');
    expect(parts.rows[0].n).toBe(0);
    await expectNothingWritten();
  });

  it('refuses malformed JSON, and a JSON body on the upload route or a file on a JSON route, with the right 4xx', async () => {
    const broken = await importPost('{"source": {"kind": "rows", "headers": ["firstName"');
    expect([broken.status, errorCode(broken)]).toEqual([400, 'request.malformed']);
    const empty = await importPost('');
    expect([empty.status, errorCode(empty)]).toEqual([400, 'request.malformed']);
    const csvOnJsonRoute = await importPost('firstName,lastName\nAnn,Lee\n', 'text/csv');
    expect([csvOnJsonRoute.status, errorCode(csvOnJsonRoute)]).toEqual([415, 'request.unsupportedMediaType']);
    const xml = await importPost('<import/>', 'application/xml');
    expect([xml.status, errorCode(xml)]).toEqual([415, 'request.unsupportedMediaType']);
    const jsonUpload = await t.north.post(apiPaths.uploads(t.northId), { rows: [] });
    expect([jsonUpload.status, errorCode(jsonUpload)]).toEqual([415, 'request.unsupportedMediaType']);
    await expectNothingWritten();
  });

  it('refuses wrong types and unknown fields with 400 and where they are', async () => {
    const numbers = await importPost(
      JSON.stringify({ source: { kind: 'rows', headers: ['firstName', 'lastName'], rows: [['Ann', 42]] } }),
    );
    expect([numbers.status, numbers.body]).toMatchObject([
      400,
      { error: { code: 'request.invalid', issues: [{ path: 'source.rows.0.1' }] } },
    ]);
    const unknownTop = await importPost(JSON.stringify({ ...rowsRequest(contactRows(1)), admin: true }));
    expect([unknownTop.status, errorCode(unknownTop)]).toEqual([400, 'request.invalid']);
    expect((unknownTop.body as { error: { message: string } }).error.message).toContain('admin');
    const unknownOption = await importPost(
      JSON.stringify(rowsRequest(contactRows(1), { dropTables: true } as never)),
    );
    expect(unknownOption.body).toMatchObject({
      error: { code: 'request.invalid', issues: [{ path: 'options' }] },
    });
    const badEnum = await importPost(
      JSON.stringify(rowsRequest(contactRows(1), { onMatch: 'merge' } as never)),
    );
    expect(badEnum.body).toMatchObject({
      error: { code: 'request.invalid', issues: [{ path: 'options.onMatch' }] },
    });
    const wideRow = await importPost(
      JSON.stringify(rowsRequest([['Ann', 'Lee', 'a@b.co', '', '', 'extra']])),
    );
    expect(wideRow.body).toMatchObject({
      error: { code: 'request.invalid', issues: [{ path: 'source.rows.0' }] },
    });
    const badQuery = await t.north.get(`${apiPaths.contacts(t.northId)}?limit=5000&sort=name`);
    expect([badQuery.status, errorCode(badQuery)]).toEqual([400, 'request.invalid']);
    await expectNothingWritten();
  });

  it('refuses 10,000 columns, in JSON and in a file, and 20,000 identical header cells', async () => {
    const headers = Array.from({ length: 10_000 }, (_, i) =>
      i === 0 ? 'firstName' : i === 1 ? 'lastName' : `c${i}`,
    );
    const json = await importPost(
      JSON.stringify({ source: { kind: 'rows', headers, rows: [headers.map(() => 'x')] } }),
    );
    expect(json.status).toBe(400);
    expect(json.body).toMatchObject({
      error: {
        code: 'request.invalid',
        issues: expect.arrayContaining([expect.objectContaining({ path: 'source.headers' })]),
      },
    });
    const file = await t.north.send(apiPaths.uploads(t.northId), {
      method: 'POST',
      body: `${headers.join(',')}\n${headers.map(() => '1').join(',')}\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect([file.status, errorCode(file)]).toEqual([422, 'source.unreadable']);
    expect((file.body as { error: { message: string } }).error.message).toContain('10000 columns');
    // 20,000 copies of one name: de-duplicating them took 33 s once (see shared/codec/headers.ts).
    const same = await t.north.send(apiPaths.uploads(t.northId), {
      method: 'POST',
      body: `${new Array(20_000).fill('a').join(',')}\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect([same.status, errorCode(same)]).toEqual([422, 'source.unreadable']);
    expect((same.body as { error: { message: string } }).error.message).toContain('20000 columns');
    await expectNothingWritten();
  });

  it('refuses a body with a "__proto__" key, and keeps "__proto__" headers as plain text', async () => {
    const poisoned = await importPost(
      '{"source":{"kind":"rows","headers":["firstName"],"rows":[]},"__proto__":{"polluted":true}}',
    );
    expect([poisoned.status, errorCode(poisoned)]).toEqual([400, 'request.malformed']);
    await expectNothingWritten();
    const other = await server.tenant();
    const headers = [...contactHeaders, '__proto__', 'constructor', 'prototype'];
    const rows = contactRows(1).map((r) => [...r, 'polluted', 'yes', 'indeed']);
    const job = await other.north.runImport(
      other.northId,
      rowsRequest(rows, { unmappedColumns: 'note' }, headers),
    );
    expect(job.status).toBe('completed');
    const [contact] = contactsResponseSchema.parse(
      (await other.north.get(apiPaths.contacts(other.northId))).body,
    ).contacts;
    const detail = contactResponseSchema.parse(
      (await other.north.get(apiPaths.contact(other.northId, contact.id))).body,
    ).contact;
    expect(detail.notes.find((n) => n.kind === 'import')?.body).toBe(
      '[import] __proto__: polluted\nconstructor: yes\nprototype: indeed',
    );
    expect(Object.keys(contact.fields).sort()).toEqual(['email', 'firstName', 'lastName', 'phone']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stores SQL-looking values literally', async () => {
    const other = await server.tenant();
    const headers = ['firstName', 'lastName', 'email', 'city', 'whiteboard', 'tag'];
    const evil = [
      "Robert'); DROP TABLE contacts;--",
      '"; DELETE FROM accounts; --',
      "o'brien+1@example.com",
      '1 OR 1=1; SELECT pg_sleep(10)',
      "$1 $2 ' \\' \\x00 E'\\n' %s {fields} {row}",
      "x'); DROP TABLE tags;--",
    ];
    const job = await other.north.runImport(other.northId, rowsRequest([evil], {}, headers));
    expect(job.status).toBe('completed');
    const [contact] = contactsResponseSchema.parse(
      (await other.north.get(apiPaths.contacts(other.northId))).body,
    ).contacts;
    expect(contact.fields).toEqual({
      firstName: evil[0],
      lastName: evil[1],
      email: evil[2],
      city: evil[3],
      whiteboard: evil[4],
    });
    expect(contact.tags).toEqual([evil[5]]);
    const found = await other.north.get(
      `${apiPaths.contacts(other.northId)}?email=${encodeURIComponent(" O'Brien+1@EXAMPLE.com")}`,
    );
    expect(contactsResponseSchema.parse(found.body).total).toBe(1);
  });

  it('answers ids that cannot be ids, and unknown routes, with 404', async () => {
    for (const path of [
      '/v1/accounts/abc',
      '/v1/accounts/1e3/lookups',
      `/v1/accounts/${t.northId}/imports/-1`,
      '/v1/nothing-here',
    ]) {
      const answer = await t.north.get(path);
      expect([path, answer.status]).toEqual([path, 404]);
    }
  });
});
