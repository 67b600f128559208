import { afterEach, describe, expect, it } from 'vitest';
import { createWebConnection } from '../../renderer/platform/web-connection';
import { apiPaths } from '../../shared/api';
import { type Listener, listenForRequests, networkAddressOfThisMachine } from '../fixtures/listener';

// The browser bridge's client of the import server (renderer/platform/web-connection.ts) with a real fetch
// (Node's: the page passes the browser's) against real listeners. upload-transport-app.test.ts drives the
// same module in Chromium through the app.

const key = 'lpk_web_0123456789abcdef';
const json = { 'Content-Type': 'application/json' };
const listeners: Listener[] = [];
async function listen(...args: Parameters<typeof listenForRequests>) {
  const listener = await listenForRequests(...args);
  listeners.push(listener);
  return listener;
}
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});

describe('the browser bridge’s connection', () => {
  it('keeps the key in memory and sends it with API requests, never showing it', async () => {
    const server = await listen('127.0.0.1', () => [200, json, '{"user":"Ada"}']);
    const connection = createWebConnection({ fetch });
    const connected = await connection.connect(`${server.url}/`, key);
    expect(connected).toEqual({ ok: true, value: { serverUrl: server.url, connected: true } });
    expect(await connection.request({ method: 'GET', path: apiPaths.me() })).toEqual({
      ok: true,
      value: { status: 200, body: { user: 'Ada' } },
    });
    expect(server.heard[0]).toMatchObject({
      url: apiPaths.me(),
      headers: { authorization: `Bearer ${key}` },
    });
    expect(JSON.stringify([connected, await connection.info()])).not.toContain(key);
    await connection.disconnect();
    expect(await connection.request({ method: 'GET', path: apiPaths.me() })).toMatchObject({
      ok: false,
      error: { code: 'connection.none' },
    });
  });

  it('refuses plain http to another computer without sending anything', async () => {
    const lab = await listen(networkAddressOfThisMachine());
    const connection = createWebConnection({ fetch });
    const answer = await connection.connect(lab.url, key);
    expect(answer).toMatchObject({ ok: false, error: { code: 'connection.insecure' } });
    expect(!answer.ok && answer.error.message).toContain('LISTPREP_INSECURE_SERVER');
    expect(await connection.info()).toEqual({ ok: true, value: null });
    expect(lab.connections()).toBe(0);
  });

  it('reaches the lab server it was started with, and says the connection is unencrypted', async () => {
    const lab = await listen(networkAddressOfThisMachine(), () => [200, json, '{}']);
    const connection = createWebConnection({ fetch, insecureHttpTo: [lab.url] });
    expect(await connection.connect(lab.url, key)).toEqual({
      ok: true,
      value: { serverUrl: lab.url, connected: true, unencrypted: true },
    });
    await connection.request({ method: 'GET', path: apiPaths.accounts() });
    expect(lab.heard.map((h) => h.url)).toEqual([apiPaths.accounts()]);
  });

  it('sends only API routes and follows no redirect', async () => {
    const elsewhere = await listen('127.0.0.1', () => [200, {}, '']);
    const redirecting = await listen('127.0.0.1', () => [301, { Location: elsewhere.url }, '']);
    const connection = createWebConnection({ fetch, timeoutMs: 300 });
    await connection.connect(redirecting.url, key);
    expect(await connection.request({ method: 'GET', path: '/admin' })).toMatchObject({
      ok: false,
      error: { code: 'connection.path' },
    });
    expect(await connection.request({ method: 'GET', path: apiPaths.me() })).toMatchObject({
      ok: false,
      error: { code: 'connection.redirect' },
    });
    expect(redirecting.heard.map((h) => h.url)).toEqual([apiPaths.me()]);
    expect(elsewhere.connections()).toBe(0);
  });

  it('refuses a key that could break out of its header', async () => {
    const connection = createWebConnection({ fetch });
    expect(await connection.connect('https://import.example.com', 'abc\r\nX-Evil: 1')).toMatchObject({
      ok: false,
      error: { code: 'connection.key' },
    });
  });
});
