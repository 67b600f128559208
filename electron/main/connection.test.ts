import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiPaths } from '../../shared/api';
import { type Listener, listenForRequests, networkAddressOfThisMachine } from '../../test/fixtures/listener';
import { type Connection, createConnection } from './connection';
import type { Credentials, CredentialStore } from './credential-store';

// The desktop app's client of the import server, with Node's fetch (the app passes Electron's net.fetch)
// against real servers: on 127.0.0.1, and on this machine's network address for "another computer".

function memoryStore(initial: Credentials | null = null): CredentialStore {
  let saved = initial;
  return {
    load: async () => saved,
    save: async (c) => {
      saved = c;
      return { persisted: true };
    },
    clear: async () => {
      saved = null;
    },
  };
}

const listeners: Listener[] = [];
const servers: Server[] = [];
async function listen(...args: Parameters<typeof listenForRequests>) {
  const listener = await listenForRequests(...args);
  listeners.push(listener);
  return listener;
}
const json = { 'Content-Type': 'application/json' };

let connection: Connection;
const key = 'lp_test_0123456789';
beforeEach(() => {
  connection = createConnection({ store: memoryStore(), fetch, timeoutMs: 2_000 });
});
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('the upload client', () => {
  it('sends the stored key, the idempotency key and a JSON body, and returns status and parsed body', async () => {
    const server = await listen('127.0.0.1', () => [201, json, '{"job":"j1"}']);
    await connection.connect(`${server.url}/`, key);
    const answer = await connection.request({
      method: 'POST',
      path: apiPaths.imports('4'),
      body: { rows: [] },
      idempotencyKey: 'k-1',
    });
    expect(answer).toEqual({ ok: true, value: { status: 201, body: { job: 'j1' } } });
    expect(server.heard[0]).toMatchObject({
      method: 'POST',
      url: '/v1/accounts/4/imports',
      body: '{"rows":[]}',
      headers: {
        authorization: `Bearer ${key}`,
        'idempotency-key': 'k-1',
        'content-type': 'application/json',
      },
    });
  });

  it('sends bytes as they are, for the server to sniff', async () => {
    const server = await listen('127.0.0.1', () => [202, {}, '']);
    await connection.connect(server.url, key);
    await connection.request({
      method: 'POST',
      path: apiPaths.uploads('4'),
      body: new TextEncoder().encode('a,b\n1,2\n'),
    });
    expect(server.heard[0]).toMatchObject({
      body: 'a,b\n1,2\n',
      headers: { 'content-type': 'application/octet-stream' },
    });
  });

  it('keeps a base path of the server address, and pages by number', async () => {
    const server = await listen('127.0.0.1', () => [200, {}, 'ok']);
    await connection.connect(`${server.url}/crm/`, key);
    const path = `${apiPaths.importRows('4', '9')}?offset=1000&limit=1000`;
    expect(await connection.request({ method: 'GET', path })).toEqual({
      ok: true,
      value: { status: 200, body: 'ok' },
    });
    expect(server.heard[0]?.url).toBe(`/crm${path}`);
  });

  it('never tells the renderer the key', async () => {
    const server = await listen('127.0.0.1', () => [200, {}, '']);
    const connected = await connection.connect(server.url, key);
    const info = await connection.info();
    expect(connected).toEqual({ ok: true, value: { serverUrl: server.url, connected: true } });
    expect(JSON.stringify([connected, info])).not.toContain(key);
  });

  it('refuses a redirect, so the key cannot be carried to another server', async () => {
    const elsewhere = await listen('127.0.0.1', () => [200, {}, 'stolen']);
    const server = await listen('127.0.0.1', () => [302, { Location: `${elsewhere.url}/grab` }, '']);
    await connection.connect(server.url, key);
    const answer = await connection.request({ method: 'GET', path: apiPaths.me() });
    expect(answer).toMatchObject({ ok: false, error: { code: 'connection.redirect' } });
    expect(server.heard).toHaveLength(1);
    expect(elsewhere.connections()).toBe(0);
  });

  it('refuses paths that are not routes of the API, sending nothing', async () => {
    const server = await listen('127.0.0.1', () => [200, {}, '']);
    await connection.connect(`${server.url}/crm`, key);
    for (const path of [
      '//evil.example/x',
      'https://evil.example/',
      '/../admin',
      '/a/%2e%2e/b',
      '/a\\b',
      'me',
      '/imports',
      `${apiPaths.contacts('4')}?email=ann%40example.com`,
      `${apiPaths.uploads('4')}?name=leads.csv`,
    ]) {
      expect(await connection.request({ method: 'GET', path }), path).toMatchObject({
        ok: false,
        error: { code: 'connection.path' },
      });
    }
    expect(server.connections()).toBe(0);
  });

  it('asks for a connection first, and reports an unreachable server as data', async () => {
    expect(await connection.request({ method: 'GET', path: apiPaths.me() })).toMatchObject({
      ok: false,
      error: { code: 'connection.none' },
    });
    const closed = await listen('127.0.0.1');
    await closed.close();
    await connection.connect(closed.url, key);
    expect(await connection.request({ method: 'GET', path: apiPaths.me() })).toMatchObject({
      ok: false,
      error: { code: 'connection.network', message: expect.stringContaining(closed.url.slice(7)) },
    });
  });

  it('gives up on a server that does not answer in time', async () => {
    const slow = createConnection({ store: memoryStore(), fetch, timeoutMs: 200 });
    const server = createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    await slow.connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, key);
    expect(await slow.request({ method: 'GET', path: apiPaths.me() })).toMatchObject({
      ok: false,
      error: { code: 'connection.timeout' },
    });
    server.closeAllConnections();
  });

  it('refuses a key the server rejects when an identity check is configured, and keeps nothing', async () => {
    const server = await listen('127.0.0.1', () => [401, json, '{"error":{"code":"auth"}}']);
    const checked = createConnection({
      store: memoryStore(),
      fetch,
      identify: async (request) => {
        const answer = await request({ method: 'GET', path: apiPaths.me() });
        if (!answer.ok) return answer;
        return answer.value.status === 200
          ? { ok: true, value: 'Ada' }
          : {
              ok: false,
              error: { code: 'connection.rejected', message: 'The server refused that API key.' },
            };
      },
    });
    expect(await checked.connect(server.url, key)).toMatchObject({
      ok: false,
      error: { code: 'connection.rejected' },
    });
    expect(await checked.info()).toEqual({ ok: true, value: null });
  });

  it('forgets the connection on disconnect', async () => {
    await connection.connect('https://import.example.com', key);
    await connection.disconnect();
    expect(await connection.info()).toEqual({ ok: true, value: null });
  });

  it('refuses keys that could break out of their header', async () => {
    expect(await connection.connect('https://import.example.com', 'abc\r\nX-Evil: 1')).toMatchObject({
      ok: false,
      error: { code: 'connection.key' },
    });
  });
});

describe('plain http to another computer', () => {
  const host = networkAddressOfThisMachine();

  it('is refused before anything is sent, with the setting that allows a lab server', async () => {
    const lab = await listen(host);
    const answer = await connection.connect(lab.url, key);
    expect(answer).toMatchObject({ ok: false, error: { code: 'connection.insecure' } });
    expect(!answer.ok && answer.error.message).toContain('LISTPREP_INSECURE_SERVER=http://host:port');
    expect(await connection.info()).toEqual({ ok: true, value: null });
    expect(lab.connections()).toBe(0);
  });

  it('reaches the lab server named at start, and says the connection is unencrypted', async () => {
    const lab = await listen(host, () => [200, json, '{"ok":true}']);
    const allowed = createConnection({ store: memoryStore(), fetch, insecureHttpTo: [lab.url] });
    expect(await allowed.connect(lab.url, key)).toEqual({
      ok: true,
      value: { serverUrl: lab.url, connected: true, unencrypted: true },
    });
    expect(await allowed.request({ method: 'GET', path: apiPaths.me() })).toMatchObject({
      ok: true,
      value: { status: 200 },
    });
    // The listener hears what a client sends: the refusal above is the policy's, not a deaf server.
    expect(lab.heard.map((h) => [h.url, h.headers.authorization])).toEqual([
      [apiPaths.me(), `Bearer ${key}`],
    ]);
  });

  it('stops using a kept lab address once the app starts without the setting', async () => {
    const lab = await listen(host);
    const kept = createConnection({ store: memoryStore({ serverUrl: lab.url, apiKey: key }), fetch });
    expect(await kept.request({ method: 'GET', path: apiPaths.me() })).toMatchObject({
      ok: false,
      error: { code: 'connection.insecure' },
    });
    expect(lab.connections()).toBe(0);
  });
});
