import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connection, createConnection, normalizeServerUrl, resolveServerPath } from './connection';
import type { Credentials, CredentialStore } from './credential-store';

type Seen = { method?: string; url?: string; headers: IncomingMessage['headers']; body: string };

function memoryStore(): CredentialStore {
  let saved: Credentials | null = null;
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

async function listen(
  handler: (req: IncomingMessage, seen: Seen) => [number, Record<string, string>, string],
) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const entry = { method: req.method, url: req.url, headers: req.headers, body };
      seen.push(entry);
      const [status, headers, text] = handler(req, entry);
      res.writeHead(status, headers).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const servers: Server[] = [];
let connection: Connection;
const key = 'lp_test_0123456789';
beforeEach(() => {
  connection = createConnection({ store: memoryStore(), fetch, timeoutMs: 2_000 });
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('the upload client', () => {
  it('sends the stored key, the idempotency key and a JSON body, and returns status and parsed body', async () => {
    const server = await listen(() => [201, { 'Content-Type': 'application/json' }, '{"job":"j1"}']);
    await connection.connect(`${server.url}/`, key);
    const answer = await connection.request({
      method: 'POST',
      path: '/imports',
      body: { rows: [] },
      idempotencyKey: 'k-1',
    });
    expect(answer).toEqual({ ok: true, value: { status: 201, body: { job: 'j1' } } });
    expect(server.seen[0]).toMatchObject({
      method: 'POST',
      url: '/imports',
      body: '{"rows":[]}',
      headers: {
        authorization: `Bearer ${key}`,
        'idempotency-key': 'k-1',
        'content-type': 'application/json',
      },
    });
  });

  it('sends bytes as they are, for the server to sniff', async () => {
    const server = await listen(() => [202, {}, '']);
    await connection.connect(server.url, key);
    await connection.request({
      method: 'POST',
      path: '/uploads',
      body: new TextEncoder().encode('a,b\n1,2\n'),
    });
    expect(server.seen[0]).toMatchObject({
      body: 'a,b\n1,2\n',
      headers: { 'content-type': 'application/octet-stream' },
    });
  });

  it('keeps a base path of the server address', async () => {
    const server = await listen(() => [200, {}, 'ok']);
    await connection.connect(`${server.url}/crm/`, key);
    expect(await connection.request({ method: 'GET', path: '/accounts?page=2' })).toEqual({
      ok: true,
      value: { status: 200, body: 'ok' },
    });
    expect(server.seen[0]?.url).toBe('/crm/accounts?page=2');
  });

  it('never tells the renderer the key', async () => {
    const server = await listen(() => [200, {}, '']);
    const connected = await connection.connect(server.url, key);
    const info = await connection.info();
    expect(connected).toEqual({ ok: true, value: { serverUrl: server.url, connected: true } });
    expect(JSON.stringify([connected, info])).not.toContain(key);
  });

  it('does not follow a redirect, so the key cannot be carried to another server', async () => {
    const elsewhere = await listen(() => [200, {}, 'stolen']);
    const server = await listen(() => [302, { Location: `${elsewhere.url}/grab` }, '']);
    await connection.connect(server.url, key);
    const answer = await connection.request({ method: 'GET', path: '/me' });
    expect(answer).toMatchObject({ ok: true, value: { status: 302 } });
    expect(elsewhere.seen).toEqual([]);
  });

  it('refuses paths that would send the key somewhere other than the server', async () => {
    const server = await listen(() => [200, {}, '']);
    await connection.connect(`${server.url}/crm`, key);
    for (const path of [
      '//evil.example/x',
      'https://evil.example/',
      '/../admin',
      '/a/%2e%2e/b',
      '/a\\b',
      'me',
    ]) {
      expect(await connection.request({ method: 'GET', path })).toMatchObject({
        ok: false,
        error: { code: 'connection.path' },
      });
    }
    expect(server.seen).toEqual([]);
  });

  it('asks for a connection first, and reports an unreachable server as data', async () => {
    expect(await connection.request({ method: 'GET', path: '/me' })).toMatchObject({
      ok: false,
      error: { code: 'connection.none' },
    });
    await connection.connect('http://127.0.0.1:1', key);
    expect(await connection.request({ method: 'GET', path: '/me' })).toMatchObject({
      ok: false,
      error: { code: 'connection.network', message: expect.stringContaining('127.0.0.1:1') },
    });
  });

  it('gives up on a server that does not answer in time', async () => {
    const slow = createConnection({ store: memoryStore(), fetch, timeoutMs: 200 });
    const server = createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    await slow.connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, key);
    expect(await slow.request({ method: 'GET', path: '/me' })).toMatchObject({
      ok: false,
      error: { code: 'connection.timeout' },
    });
    server.closeAllConnections();
  });

  it('refuses a key the server rejects when an identity check is configured, and keeps nothing', async () => {
    const server = await listen(() => [
      401,
      { 'Content-Type': 'application/json' },
      '{"error":{"code":"auth"}}',
    ]);
    const checked = createConnection({
      store: memoryStore(),
      fetch,
      identify: async (request) => {
        const answer = await request({ method: 'GET', path: '/me' });
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

describe('server addresses', () => {
  it('accepts https anywhere and plain http only on this computer', () => {
    expect(normalizeServerUrl('https://Import.Example.com/')).toEqual({
      ok: true,
      value: 'https://import.example.com',
    });
    expect(normalizeServerUrl('http://127.0.0.1:8787')).toEqual({ ok: true, value: 'http://127.0.0.1:8787' });
    expect(normalizeServerUrl('http://localhost:8787/api/')).toEqual({
      ok: true,
      value: 'http://localhost:8787/api',
    });
    expect(normalizeServerUrl('http://import.example.com')).toMatchObject({
      ok: false,
      error: { code: 'connection.insecure' },
    });
    expect(normalizeServerUrl('ftp://x')).toMatchObject({
      ok: false,
      error: { code: 'connection.insecure' },
    });
    expect(normalizeServerUrl('https://user:pw@x.com')).toMatchObject({
      ok: false,
      error: { code: 'connection.address' },
    });
    expect(normalizeServerUrl('not a url')).toMatchObject({
      ok: false,
      error: { code: 'connection.address' },
    });
  });

  it('resolves server paths under the base address only', () => {
    expect(resolveServerPath('https://x.com/crm', '/imports/1')).toBe('https://x.com/crm/imports/1');
    expect(resolveServerPath('https://x.com', '/@evil.com')).toBe('https://x.com/@evil.com');
    expect(resolveServerPath('https://x.com', '//evil.com')).toBeNull();
  });
});
