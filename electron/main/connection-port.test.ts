import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { apiPaths } from '../../shared/api';
import { type Listener, listenForRequests } from '../../test/fixtures/listener';
import { createConnection } from './connection';
import { type ConnectionPort, type PortAnswer, serveConnectionPort } from './connection-port';
import type { Credentials, CredentialStore } from './credential-store';

// The worker's line to the import server in the desktop app, over a real MessageChannel (Node's: Electron's
// MessagePortMain has the same shape once its event is unwrapped) to a real HTTP listener.

function memoryStore(initial: Credentials): CredentialStore {
  let saved: Credentials | null = initial;
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

/** Node's port as Electron's: its listener gets `{ data }`. */
function asMainPort(port: MessagePort): ConnectionPort {
  return {
    on: (event, listener) => port.on(event, (data: unknown) => listener({ data })),
    postMessage: (message) => port.postMessage(message),
    start: () => port.start(),
  };
}

const listeners: Listener[] = [];
const ports: MessagePort[] = [];
afterEach(async () => {
  for (const port of ports.splice(0)) port.close();
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});

async function served() {
  const server = await listenForRequests('127.0.0.1', () => [
    200,
    { 'Content-Type': 'application/json' },
    '{"answered":true}',
  ]);
  listeners.push(server);
  const connection = createConnection({
    store: memoryStore({ serverUrl: server.url, apiKey: 'lp_test_0123456789' }),
    fetch,
    timeoutMs: 2_000,
  });
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  const logged: string[] = [];
  serveConnectionPort(asMainPort(port1), connection.request, (message) => logged.push(message));
  const answers: PortAnswer[] = [];
  port2.on('message', (answer: PortAnswer) => answers.push(answer));
  const answerTo = async (id: number) => {
    await expect.poll(() => answers.some((a) => a.id === id)).toBe(true);
    return answers.find((a) => a.id === id);
  };
  return { server, worker: port2, answers, answerTo, logged };
}

describe('the worker’s connection port', () => {
  it('sends a request with the stored key, an already-encoded JSON body as JSON, and answers with its id', async () => {
    const { server, worker, answerTo } = await served();
    const body = new TextEncoder().encode('{"source":{"kind":"rows","rows":[["Ann"]]}}');
    worker.postMessage({
      id: 7,
      request: { method: 'POST', path: apiPaths.dryRun('4'), body, encodedJson: true },
    });
    expect(await answerTo(7)).toEqual({
      id: 7,
      result: { ok: true, value: { status: 200, body: { answered: true } } },
    });
    expect(server.heard[0]).toMatchObject({
      method: 'POST',
      url: '/v1/accounts/4/imports/dry-run',
      body: '{"source":{"kind":"rows","rows":[["Ann"]]}}',
      headers: { authorization: 'Bearer lp_test_0123456789', 'content-type': 'application/json' },
    });
  });

  it('refuses a malformed request as data, and one outside the API under the transport policy, sending nothing', async () => {
    const { server, worker, answerTo, logged } = await served();
    worker.postMessage({ id: 1, request: { method: 'PATCH', path: apiPaths.me() } });
    worker.postMessage({ id: 2, request: { method: 'GET', path: '/../../etc/passwd' } });
    expect((await answerTo(1))?.result).toMatchObject({ ok: false, error: { code: 'ipc.invalid' } });
    expect((await answerTo(2))?.result).toMatchObject({ ok: false });
    expect(server.connections()).toBe(0);
    expect(logged.join('\n')).toContain('refused a port request');
  });

  it('answers requests in the order their answers come, each with its own id', async () => {
    const { worker, answerTo } = await served();
    for (const id of [3, 4, 5]) worker.postMessage({ id, request: { method: 'GET', path: apiPaths.me() } });
    for (const id of [3, 4, 5]) expect((await answerTo(id))?.result.ok).toBe(true);
  });
});
