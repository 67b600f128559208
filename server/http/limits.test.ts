import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, apiPaths, readyResponseSchema } from '../../shared/api';
import { apiClient } from '../testing/api-client';
import { contactRows, rowsRequest } from '../testing/rows';
import { dbVariants } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';

describe.each(dbVariants())('limits, liveness and readiness on $name', (variant) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(variant, {
      admission: {
        keyRatePerSecond: 1,
        keyBurst: 10,
        accountConcurrent: 4,
        accountUnfinishedImports: 3,
        memoryBytes: 3 * 1024 * 1024,
      },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers 429 with Retry-After once a key asks too often, and takes it again after that wait', async () => {
    const t = await server.tenant();
    // 24 at once: the burst of 10 plus a token a second cannot cover them unless they take 14 s to arrive (one
    // after the other, a loaded machine answered 14 requests slower than the bucket refilled). Some may be
    // refused as more than 4 under way for the account instead; each still takes a token.
    const answers = await Promise.all(Array.from({ length: 24 }, () => t.south.get(apiPaths.me())));
    expect(answers.filter((a) => a.status !== 200 && a.status !== 429)).toEqual([]);
    const codeOf = (answer: (typeof answers)[number]) =>
      answer.status === 429 ? apiErrorBodySchema.parse(answer.body).error.code : null;
    const refused = answers.filter((a) => codeOf(a) === 'rate.limited');
    expect(refused.length).toBeGreaterThan(0);
    const body = apiErrorBodySchema.parse(refused[0].body);
    const wait = Number(refused[0].headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(body.error.retryAfter).toBe(wait);
    // Another key of the same tenant is not held back by this one.
    expect((await t.north.get(apiPaths.me())).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    expect((await t.south.get(apiPaths.me())).status).toBe(200);
  });

  it('answers 429 to an account with too many requests under way, and to one with too many imports waiting', async () => {
    const t = await server.tenant();
    // Five uploads whose bodies never end: four are under way, the fifth is refused before its body is read.
    const controllers = Array.from({ length: 4 }, () => new AbortController());
    const hanging = controllers.map((controller) =>
      fetch(`${server.url}${apiPaths.uploads(t.northId)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.seed.subAccounts[0].apiKey}`, 'content-type': 'text/csv' },
        body: new ReadableStream({
          start(stream) {
            stream.enqueue(new TextEncoder().encode('firstName,lastName\n'));
          },
        }),
        duplex: 'half',
        signal: controller.signal,
      } as RequestInit).catch(() => null),
    );
    try {
      // Once the four are under way (they get there in their own time), the next request is refused. Asking
      // ten times a second, the enterprise key may be told to slow down first (a token a second): it waits.
      const codeOf = (answer: Awaited<ReturnType<typeof t.enterprise.get>>) =>
        answer.status === 429 ? apiErrorBodySchema.parse(answer.body).error.code : null;
      let fifth = await t.enterprise.get(apiPaths.account(t.northId));
      for (
        let tries = 0;
        (fifth.status === 200 || codeOf(fifth) === 'rate.limited') && tries < 100;
        tries++
      ) {
        const wait = codeOf(fifth) === 'rate.limited' ? Number(fifth.headers.get('retry-after')) * 1000 : 100;
        await new Promise((resolve) => setTimeout(resolve, wait));
        fifth = await t.enterprise.get(apiPaths.account(t.northId));
      }
      expect([fifth.status, apiErrorBodySchema.parse(fifth.body).error.code]).toEqual([429, 'account.busy']);
      expect(fifth.headers.get('retry-after')).toBe('1');
      expect((await t.south.get(apiPaths.account(t.southId))).status).toBe(200);
    } finally {
      for (const c of controllers) c.abort();
      await Promise.all(hanging);
    }
    // The aborted uploads are let go as their connections close; the account is served again.
    let after = await t.enterprise.get(apiPaths.account(t.northId));
    for (let tries = 0; after.status === 429 && tries < 30; tries++) {
      await new Promise((resolve) => setTimeout(resolve, Number(after.headers.get('retry-after')) * 1000));
      after = await t.enterprise.get(apiPaths.account(t.northId));
    }
    expect(after.status).toBe(200);

    await server.server.worker.stop();
    try {
      for (let i = 0; i < 3; i++) {
        const started = await t.north.startImport(t.northId, rowsRequest(contactRows(1, { start: i })));
        expect(started.status).toBe(202);
      }
      const fourth = await t.north.startImport(t.northId, rowsRequest(contactRows(1, { start: 9 })));
      expect([fourth.status, apiErrorBodySchema.parse(fourth.body).error.code]).toEqual([
        429,
        'account.busy',
      ]);
    } finally {
      server.server.worker.start();
    }
  });

  it('answers 503 with Retry-After to a large body when the memory budget is taken, before reading it', async () => {
    const t = await server.tenant();
    const other = await server.tenant();
    // A 1 MB workbook is budgeted at 72 MB: more than the 3 MB allowed while anything else is reserved.
    const controller = new AbortController();
    const first = fetch(`${server.url}${apiPaths.uploads(t.northId)}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${t.seed.subAccounts[0].apiKey}`,
        'content-type': 'text/csv',
        'content-length': String(2 * 1024 * 1024),
      },
      body: new ReadableStream({
        start(stream) {
          stream.enqueue(new Uint8Array(1024));
        },
      }),
      duplex: 'half',
      signal: controller.signal,
    } as RequestInit).catch(() => null);
    try {
      const workbook = () =>
        other.north.send(apiPaths.uploads(other.northId), {
          method: 'POST',
          body: new Uint8Array(1024 * 1024 + 1),
          headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        });
      // Once the first has its share (it gets there in its own time), the workbook is refused.
      let second = await workbook();
      for (let tries = 0; second.status !== 503 && tries < 100; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        second = await workbook();
      }
      expect([second.status, apiErrorBodySchema.parse(second.body).error.code]).toEqual([503, 'server.busy']);
      expect(second.headers.get('retry-after')).toBe('5');
    } finally {
      controller.abort();
      await first;
    }
  });

  it('is live without the database and ready only while the database answers and the worker runs', async () => {
    const stranger = apiClient(server.url, null);
    expect((await stranger.get(apiPaths.health())).status).toBe(200);
    const ready = await stranger.get(apiPaths.ready());
    expect(ready.status).toBe(200);
    expect(readyResponseSchema.parse(ready.body).database).toBe(variant.name);
    await server.server.worker.stop();
    try {
      const notReady = await stranger.get(apiPaths.ready());
      expect([notReady.status, apiErrorBodySchema.parse(notReady.body).error.code]).toEqual([
        503,
        'server.busy',
      ]);
      expect(notReady.headers.get('retry-after')).toBe('2');
      expect((await stranger.get(apiPaths.health())).status).toBe(200);
    } finally {
      server.server.worker.start();
    }
  });
});
