import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { apiPaths } from '../api';
import { fetchTransport } from './fetch-transport';
import { type ServerAddress, serverAddressOf } from './transport-policy';

// The one HTTP client of the import server, with Node's own fetch against real servers on 127.0.0.1.

type Seen = { method?: string; url?: string; headers: IncomingMessage['headers']; body: string };

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(answer: (seen: Seen) => [number, Record<string, string>, string] | null) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const entry = { method: req.method, url: req.url, headers: req.headers, body };
      seen.push(entry);
      const reply = answer(entry);
      if (reply) res.writeHead(reply[0], reply[1]).end(reply[2]);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function address(url: string): ServerAddress {
  const accepted = serverAddressOf(url);
  if (!accepted.ok) throw new Error(accepted.error.message);
  return accepted.value;
}

const apiKey = 'lpk_test_0123456789';

describe('fetchTransport', () => {
  it('sends the key, the idempotency key and a JSON body to the route under the base path', async () => {
    const server = await listen(() => [202, { 'Content-Type': 'application/json' }, '{"job":{"id":"5"}}']);
    const send = fetchTransport({ address: address(`${server.url}/crm/`), apiKey, fetch });
    const answer = await send({
      method: 'POST',
      path: apiPaths.imports('3'),
      body: { rows: [] },
      idempotencyKey: 'k-1',
    });
    expect(answer).toEqual({ ok: true, value: { status: 202, body: { job: { id: '5' } } } });
    expect(server.seen[0]).toMatchObject({
      method: 'POST',
      url: '/crm/v1/accounts/3/imports',
      body: '{"rows":[]}',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'idempotency-key': 'k-1',
        'content-type': 'application/json',
      },
    });
  });

  it('sends bytes as they are, for the upload route to sniff', async () => {
    const server = await listen(() => [201, {}, '']);
    const send = fetchTransport({ address: address(server.url), apiKey, fetch });
    await send({ method: 'POST', path: apiPaths.uploads('3'), body: new TextEncoder().encode('a,b\n1,2\n') });
    expect(server.seen[0]).toMatchObject({
      body: 'a,b\n1,2\n',
      headers: { 'content-type': 'application/octet-stream' },
    });
  });

  it("sends a file's name in the X-File-Name header, percent-encoded UTF-8, and never in the URL", async () => {
    const server = await listen(() => [201, {}, '']);
    const send = fetchTransport({ address: address(server.url), apiKey, fetch });
    for (const fileName of ['Kunder Ålesund 😀.csv', 'a\ud800b.csv']) {
      await send({ method: 'POST', path: apiPaths.uploads('3'), body: new Uint8Array([0x61]), fileName });
    }
    expect(server.seen.map((seen) => [seen.url, seen.headers['x-file-name']])).toEqual([
      ['/v1/accounts/3/uploads', 'Kunder%20%C3%85lesund%20%F0%9F%98%80.csv'],
      // Half a surrogate pair has no UTF-8 form: sent as the bytes it would take, for the server to refuse.
      ['/v1/accounts/3/uploads', 'a%ED%A0%80b.csv'],
    ]);
  });

  it('sends nothing for a path outside the API or a query that could carry personal data', async () => {
    const server = await listen(() => [200, {}, '']);
    const send = fetchTransport({ address: address(server.url), apiKey, fetch });
    for (const path of ['/admin', `${apiPaths.contacts('3')}?email=ann%40example.com`, '//evil.example/']) {
      expect(await send({ method: 'GET', path })).toMatchObject({
        ok: false,
        error: { code: 'connection.path' },
      });
    }
    expect(server.seen).toEqual([]);
  });

  it('refuses a redirect instead of following it, so the key never reaches where it points', async () => {
    const elsewhere = await listen(() => [200, {}, 'thanks for the key']);
    const server = await listen(() => [307, { Location: `${elsewhere.url}${apiPaths.me()}` }, '']);
    const send = fetchTransport({ address: address(server.url), apiKey, fetch });
    const answer = await send({ method: 'GET', path: apiPaths.me() });
    expect(answer).toMatchObject({ ok: false, error: { code: 'connection.redirect' } });
    expect(!answer.ok && answer.error.message).toContain('does not follow');
    expect(server.seen).toHaveLength(1);
    expect(elsewhere.seen).toEqual([]);
  });

  it('gives up on a server that does not answer in time', async () => {
    const server = await listen(() => null); // reads the request, never answers
    const send = fetchTransport({ address: address(server.url), apiKey, fetch, timeoutMs: 200 });
    const started = Date.now();
    expect(await send({ method: 'GET', path: apiPaths.me() })).toMatchObject({
      ok: false,
      error: { code: 'connection.timeout' },
    });
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('gives up on a server that starts an answer and never finishes it', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"user":'); // and nothing more
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const send = fetchTransport({ address: address(url), apiKey, fetch, timeoutMs: 300 });
    expect(await send({ method: 'GET', path: apiPaths.me() })).toMatchObject({
      ok: false,
      error: { code: 'connection.timeout' },
    });
  });

  it('reports an unreachable server with the system’s reason and no other text', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const send = fetchTransport({ address: address(`http://127.0.0.1:${port}`), apiKey, fetch });
    expect(await send({ method: 'GET', path: apiPaths.me() })).toEqual({
      ok: false,
      error: {
        code: 'connection.network',
        message: `Cannot reach 127.0.0.1:${port} (ECONNREFUSED). Check the address and your network connection.`,
      },
    });
  });
});
