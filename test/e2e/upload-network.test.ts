import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  appRetryPolicy,
  defaultChoices,
  gridProblemsOf,
  type ImportProgress,
  importRequestOf,
  LookupsCache,
  memoryStore,
  prepareUpload,
  runImport,
  type SheetToSend,
} from '../../shared/upload';
import { apiClientAt, startTestServer, type TestServer } from './upload-server';

// The upload flow (shared/upload) over real HTTP against the import server on PGlite, with the network
// failing where it hurts: after the server committed an import but before its answer arrived, and while the
// server is down. Each test uses its own sub-account or emails, so they do not depend on each other.

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer('Network');
});

afterAll(async () => {
  await server?.close();
});

const choices = { ...defaultChoices, complianceConfirmed: true };

function sheet(name: string, people: [string, string, string][]): SheetToSend {
  return {
    name,
    headers: ['firstName', 'lastName', 'email'],
    mapping: ['firstName', 'lastName', 'email'],
    rows: people.map((p) => [...p]),
  };
}

/**
 * A TCP proxy in front of the server that, once, forwards an import request and closes the client's socket
 * the moment the server's answer starts to come back: the server has committed, the client never hears so.
 */
async function dropAnswerOnce(
  targetPort: number,
): Promise<{ port: number; dropped: () => number; close: () => Promise<void> }> {
  let armed = true;
  let dropped = 0;
  const sockets = new Set<Socket>();
  const proxy: Server = createServer((client) => {
    const upstream = tcpConnect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let dropThisAnswer = false;
    client.on('data', (chunk) => {
      if (armed && /^POST \/v1\/accounts\/\d+\/imports HTTP/.test(chunk.toString('latin1', 0, 64))) {
        armed = false;
        dropThisAnswer = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (dropThisAnswer) {
        dropped++;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', () => {
        sockets.delete(socket);
        end();
      });
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  if (!address || typeof address === 'string') throw new Error('no proxy address');
  return {
    port: address.port,
    dropped: () => dropped,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => proxy.close(() => resolve()));
    },
  };
}

const clientFor = apiClientAt;

async function importsOf(client: ApiClient, accountId: string) {
  const history = await client.history(accountId);
  if (!history.ok) throw new Error(history.failure.message);
  return history.value.imports;
}

async function emailsOf(client: ApiClient, accountId: string): Promise<string[]> {
  const contacts = await client.contacts(accountId, { limit: 1000 });
  if (!contacts.ok) throw new Error(contacts.failure.message);
  return contacts.value.contacts.map((c) => c.fields.email ?? '').sort();
}

describe('an upload over a network that fails', () => {
  it('retries after the connection drops between the server’s commit and its answer, and imports once', async () => {
    const account = server.seed.subAccounts[0];
    const accountId = String(account.accountId);
    const proxy = await dropAnswerOnce(server.port());
    try {
      const viaProxy = clientFor(`http://127.0.0.1:${proxy.port}`, account.apiKey);
      const list = sheet('dropped.csv', [
        ['Ann', 'Archer', 'ann@dropped.example'],
        ['Bob', 'Baker', 'bob@dropped.example'],
      ]);
      const upload = prepareUpload(accountId, importRequestOf(list, choices), randomUUID);
      const steps: ImportProgress['step'][] = [];
      const result = await runImport(viaProxy, upload, {
        policy: appRetryPolicy,
        sleep: async () => {},
        pollMs: 20,
        onProgress: (p) => steps.push(p.step),
      });
      expect(proxy.dropped()).toBe(1);
      expect(result.ok && result.value.job.status).toBe('completed');
      expect(result.ok && result.value.sendAttempts).toBe(2);
      expect(steps.slice(0, 3)).toEqual(['sending', 'retrying', 'sending']);
      const direct = server.client(account.apiKey);
      const imports = await importsOf(direct, accountId);
      expect(imports.map((j) => j.source.name)).toEqual(['dropped.csv']);
      expect(await emailsOf(direct, accountId)).toEqual(['ann@dropped.example', 'bob@dropped.example']);
      expect(result.ok && result.value.processedMatches).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('waits out a server restart, showing "retrying", and then imports once', async () => {
    const account = server.seed.subAccounts[1];
    const accountId = String(account.accountId);
    const client = clientFor(server.url(), account.apiKey);
    const upload = prepareUpload(
      accountId,
      importRequestOf(sheet('restart.csv', [['Cid', 'Cole', 'cid@restart.example']]), choices),
      randomUUID,
    );
    await server.stop();
    const retries: boolean[] = [];
    let restarts = 0;
    const result = await runImport(client, upload, {
      policy: appRetryPolicy,
      // The wait between tries is where the server comes back (a person would see "retrying" meanwhile).
      sleep: async () => {
        if (retries.length > 0 && restarts === 0) {
          restarts++;
          await server.start();
        }
      },
      pollMs: 20,
      onProgress: (p) => {
        if (p.step === 'retrying') retries.push(p.accepted);
      },
    });
    expect(retries[0]).toBe(false);
    expect(result.ok && result.value.job.status).toBe('completed');
    expect(await importsOf(client, accountId)).toHaveLength(1);
    expect(await emailsOf(client, accountId)).toEqual(['cid@restart.example']);
  });

  it('keeps working from the cached lookups while the server is down', async () => {
    const account = server.seed.enterprise;
    const client = clientFor(server.url(), account.apiKey);
    const store = memoryStore();
    const online = await new LookupsCache(client, { store, serverUrl: server.url() }).refresh(
      String(account.accountId),
    );
    expect(online.ok && online.value.source).toBe('server');
    await server.stop();
    try {
      const offline = await new LookupsCache(client, { store, serverUrl: server.url() }).refresh(
        String(account.accountId),
      );
      expect(offline.ok && [offline.value.source, offline.value.stale]).toEqual(['cache', true]);
      expect(offline.ok && offline.value.lookups.actionPlans.map((p) => p.name)).toContain(
        'Default Action Plan',
      );
    } finally {
      await server.start();
    }
  });

  it('turns the rows the server rejects into problems on the grid rows they came from', async () => {
    const account = server.seed.subAccounts[0];
    const accountId = String(account.accountId);
    const client = clientFor(server.url(), account.apiKey);
    // Ann's address is in the CRM already (first test); with matching off, a new contact cannot take it.
    const list = sheet('taken.csv', [
      ['Dee', 'Dale', 'dee@taken.example'],
      ['Anna', 'Archer', 'ann@dropped.example'],
    ]);
    const dryRun = await client.dryRun(accountId, importRequestOf(list, { ...choices, primaryKey: 'none' }));
    if (!dryRun.ok) throw new Error(dryRun.failure.message);
    expect(dryRun.value.counts).toMatchObject({ created: 1, errors: 1 });
    // The grid shows these rows in another order; keys say which row each sent row was.
    const problems = gridProblemsOf(dryRun.value.issues, [31, 17], (column) => column);
    expect(problems).toEqual([
      expect.objectContaining({ key: 17, col: 2, code: 'contact.emailTaken', severity: 'error' }),
    ]);
    const upload = prepareUpload(
      accountId,
      importRequestOf(list, { ...choices, primaryKey: 'none' }),
      randomUUID,
    );
    const result = await runImport(client, upload, {
      policy: appRetryPolicy,
      sleep: async () => {},
      pollMs: 20,
    });
    expect(result.ok && result.value.job.status).toBe('failed');
    expect(result.ok && result.value.issues.map((i) => [i.row, i.code])).toEqual([[2, 'contact.emailTaken']]);
    expect(await emailsOf(client, accountId)).not.toContain('dee@taken.example');
  });
});
