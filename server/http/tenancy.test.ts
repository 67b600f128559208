import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  contactsResponseSchema,
  importJobResponseSchema,
  importListResponseSchema,
  uploadResponseSchema,
} from '../../shared/api';
import { apiClient } from '../testing/api-client';
import { contactRows, rowsRequest } from '../testing/rows';
import { dbVariants } from '../testing/test-databases';
import { startTestServer, type Tenant, type TestServer } from '../testing/test-server';

type Route = Readonly<{
  name: string;
  method: 'GET' | 'POST';
  path: (accountId: string) => string;
  body?: unknown;
}>;

/** Every route that names an account, with a body it would accept. */
function accountRoutes(ids: { importId: string; contactId: string; uploadId: string }): Route[] {
  const request = rowsRequest(contactRows(1, { prefix: 'intruder' }));
  return [
    { name: 'account', method: 'GET', path: apiPaths.account },
    { name: 'lookups', method: 'GET', path: apiPaths.lookups },
    { name: 'template', method: 'GET', path: apiPaths.template },
    { name: 'upload', method: 'POST', path: apiPaths.uploads, body: 'firstName,lastName\nEve,Intruder\n' },
    { name: 'dry run', method: 'POST', path: apiPaths.dryRun, body: request },
    { name: 'import', method: 'POST', path: apiPaths.imports, body: request },
    { name: 'import history', method: 'GET', path: apiPaths.imports },
    { name: 'import job', method: 'GET', path: (a) => apiPaths.importJob(a, ids.importId) },
    { name: 'import rows', method: 'GET', path: (a) => apiPaths.importRows(a, ids.importId) },
    { name: 'import issues', method: 'GET', path: (a) => apiPaths.importIssues(a, ids.importId) },
    { name: 'rollback', method: 'POST', path: (a) => apiPaths.rollback(a, ids.importId) },
    { name: 'contacts', method: 'GET', path: apiPaths.contacts },
    { name: 'contact', method: 'GET', path: (a) => apiPaths.contact(a, ids.contactId) },
  ];
}

function requestInit(route: Route): RequestInit {
  if (route.body === undefined) return { method: route.method };
  const csv = typeof route.body === 'string';
  return {
    method: route.method,
    body: csv ? (route.body as string) : JSON.stringify(route.body),
    headers: {
      'content-type': csv ? 'text/csv' : 'application/json',
      'idempotency-key': `intrusion-${route.name}`,
    },
  };
}

describe.each(dbVariants())('tenancy on $name', (variant) => {
  let server: TestServer;
  let a: Tenant;
  let b: Tenant;
  let victim: { importId: string; contactId: string; uploadId: string };

  beforeAll(async () => {
    server = await startTestServer(variant);
    a = await server.tenant();
    b = await server.tenant();
    // The victim: a sub-account of another enterprise with an import, a contact and an upload.
    const job = await b.north.runImport(b.northId, rowsRequest(contactRows(2)));
    const contacts = contactsResponseSchema.parse(
      (await b.north.get(apiPaths.contacts(b.northId))).body,
    ).contacts;
    const upload = await b.north.send(apiPaths.uploads(b.northId), {
      method: 'POST',
      body: 'firstName,lastName\nAnn,Lee\n',
      headers: { 'content-type': 'text/csv' },
    });
    victim = {
      importId: job.id,
      contactId: contacts[0].id,
      uploadId: uploadResponseSchema.parse(upload.body).upload.id,
    };
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses every account route for an account the key does not reach, and writes nothing', async () => {
    const attempts: [string, string, Tenant['north']][] = [
      ['a sibling sub-account', a.southId, a.north],
      ['its own enterprise', a.enterpriseId, a.north],
      ['another enterprise', b.enterpriseId, a.enterprise],
      ['another enterprise’s sub-account', b.northId, a.enterprise],
    ];
    const answers: string[] = [];
    for (const route of accountRoutes(victim)) {
      for (const [who, accountId, client] of attempts) {
        const { status, body } = await client.send(route.path(accountId), requestInit(route));
        answers.push(
          `${route.name} on ${who}: ${status} ${(body as { error?: { code: string } }).error?.code}`,
        );
      }
    }
    expect(answers.filter((line) => !line.endsWith('404 account.notFound'))).toEqual([]);
    const bContacts = contactsResponseSchema.parse((await b.north.get(apiPaths.contacts(b.northId))).body);
    expect(bContacts.total).toBe(2);
    const { body } = await b.north.get(apiPaths.importJob(b.northId, victim.importId));
    expect(importJobResponseSchema.parse(body).job.status).toBe('completed');
    for (const id of [a.enterpriseId, a.northId, a.southId]) {
      expect(contactsResponseSchema.parse((await a.enterprise.get(apiPaths.contacts(id))).body).total).toBe(
        0,
      );
    }
  });

  it('refuses another tenant’s imports, contacts and uploads through an account the key does reach', async () => {
    const own = a.north;
    const paths: [string, string][] = [
      [apiPaths.importJob(a.northId, victim.importId), 'import.notFound'],
      [apiPaths.importRows(a.northId, victim.importId), 'import.notFound'],
      [apiPaths.importIssues(a.northId, victim.importId), 'import.notFound'],
      [apiPaths.contact(a.northId, victim.contactId), 'contact.notFound'],
    ];
    for (const [path, code] of paths) {
      const { status, body } = await own.get(path);
      expect([path, status, body]).toEqual([path, 404, { error: { code, message: expect.any(String) } }]);
    }
    const rollback = await own.post(apiPaths.rollback(a.northId, victim.importId));
    expect([rollback.status, rollback.body]).toMatchObject([404, { error: { code: 'import.notFound' } }]);
    const fromUpload = {
      source: { kind: 'upload', uploadId: victim.uploadId },
      options: { complianceConfirmed: true },
    } as const;
    const dry = await own.post(apiPaths.dryRun(a.northId), fromUpload);
    expect([dry.status, dry.body]).toMatchObject([404, { error: { code: 'upload.notFound' } }]);
    const started = await own.startImport(a.northId, fromUpload);
    expect([started.status, started.body]).toMatchObject([404, { error: { code: 'upload.notFound' } }]);
    const { body } = await b.north.get(apiPaths.importJob(b.northId, victim.importId));
    expect(importJobResponseSchema.parse(body).job.status).toBe('completed');
  });

  it('lets an enterprise reach its sub-accounts and a sub-account only itself', async () => {
    const enterprise = await a.enterprise.get(apiPaths.me());
    expect(enterprise.body).toMatchObject({
      account: { id: a.enterpriseId, kind: 'enterprise' },
      accounts: [{ id: a.enterpriseId }, { id: a.northId, parentId: a.enterpriseId }, { id: a.southId }],
    });
    const north = await a.north.get(apiPaths.accounts());
    expect(north.body).toEqual({
      accounts: [expect.objectContaining({ id: a.northId, kind: 'sub-account' })],
    });
    const job = await a.enterprise.runImport(a.southId, rowsRequest(contactRows(1)));
    expect(job.status).toBe('completed');
    expect(contactsResponseSchema.parse((await a.south.get(apiPaths.contacts(a.southId))).body).total).toBe(
      1,
    );
  });

  it('refuses every route without a key, with a wrong key, or with a malformed one', async () => {
    const stranger = apiClient(server.url, null);
    const wrongSecret = apiClient(server.url, a.seed.enterprise.apiKey.replace(/.{4}$/, 'AAAA'));
    const unknownId = apiClient(server.url, `lpk_0000000000000000_${'A'.repeat(43)}`);
    const malformed = apiClient(server.url, 'not-a-key');
    const routes: Route[] = [
      { name: 'me', method: 'GET', path: () => apiPaths.me() },
      { name: 'accounts', method: 'GET', path: () => apiPaths.accounts() },
      ...accountRoutes(victim),
    ];
    const answers: string[] = [];
    for (const route of routes) {
      for (const [who, client, code] of [
        ['no key', stranger, 'auth.missing'],
        ['wrong secret', wrongSecret, 'auth.invalid'],
        ['unknown key', unknownId, 'auth.invalid'],
        ['malformed key', malformed, 'auth.invalid'],
      ] as const) {
        const { status, body } = await client.send(route.path(b.northId), requestInit(route));
        const got = `${status} ${(body as { error?: { code: string } }).error?.code}`;
        if (got !== `401 ${code}`) answers.push(`${route.name} with ${who}: ${got}`);
      }
    }
    expect(answers).toEqual([]);
    expect((await stranger.get(apiPaths.health())).status).toBe(200);
    const history = importListResponseSchema.parse(
      (await b.north.get(apiPaths.imports(b.northId))).body,
    ).imports;
    expect(history.map((j) => j.id)).toEqual([victim.importId]);
    expect(contactsResponseSchema.parse((await b.north.get(apiPaths.contacts(b.northId))).body).total).toBe(
      2,
    );
  });

  it('stops accepting a key once it is revoked', async () => {
    const t = await server.tenant();
    expect((await t.south.get(apiPaths.me())).status).toBe(200);
    await server.server.db.query(
      'UPDATE api_keys SET revoked_at = now() WHERE user_id = (SELECT id FROM users WHERE account_id = $1 ORDER BY id LIMIT 1)',
      [Number(t.southId)],
    );
    expect((await t.south.get(apiPaths.me())).body).toMatchObject({ error: { code: 'auth.invalid' } });
  });
});
