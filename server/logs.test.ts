import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiPaths, fileNameHeader, fileNameHeaderValue, uploadResponseSchema } from '../shared/api';
import type { DemoSeed } from './demo/seed-demo';
import { apiClient } from './testing/api-client';
import { type ServerProcess, spawnServer } from './testing/server-process';

/** Contacts whose every value is easy to find in a log: names, emails, phones and a file name. */
const people = Array.from({ length: 40 }, (_, i) => ({
  first: `Zelda${i}q`,
  last: `Quorn${i}x`,
  email: `zelda.quorn.${i}@secret-example.org`,
  phone: `41555${String(10_000 + i).padStart(5, '0')}`,
}));
const fileName = 'Zelda Quørn private leads.csv';

// The log stream (stdout, JSON lines) of a real server process after a real import: an upload named after
// people, a dry run, the import, a refused import quoting a bad cell, a look-up by email in the query
// string, a wrong key. Nothing the file held, nor any key, may appear in it.
describe('the log stream of a server that imported personal data', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'listprep-logs-'));
  let server: ServerProcess | null = null;
  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('holds no cell value, email, phone, file name or API key, and says who made each request', async () => {
    server = await spawnServer(['--data-dir', dataDir, '--demo']);
    const seed = JSON.parse(readFileSync(join(dataDir, 'demo-api-keys.json'), 'utf8')) as DemoSeed;
    const north = seed.subAccounts[0];
    const accountId = String(north.accountId);
    const client = apiClient(server.url, north.apiKey);
    const csv = `firstName,lastName,email,phone\n${people.map((p) => `${p.first},${p.last},${p.email},${p.phone}`).join('\n')}\n`;
    const uploaded = await client.send(apiPaths.uploads(accountId), {
      method: 'POST',
      body: csv,
      headers: { 'content-type': 'text/csv', [fileNameHeader]: fileNameHeaderValue(fileName) },
    });
    expect(uploaded.status).toBe(201);
    const request = {
      source: { kind: 'upload', uploadId: uploadResponseSchema.parse(uploaded.body).upload.id },
      options: { complianceConfirmed: true },
    } as const;
    expect((await client.post(apiPaths.dryRun(accountId), request)).status).toBe(200);
    const job = await client.runImport(accountId, request);
    expect(job.status).toBe('completed');
    // Refused rows: issue messages quote the bad cells, and must stay out of the log.
    const refused = await client.runImport(accountId, {
      source: {
        kind: 'rows',
        name: fileName,
        headers: ['firstName', 'lastName', 'email'],
        rows: [[people[0].first, people[0].last, `${people[0].email}@@broken`]],
      },
      options: { complianceConfirmed: true },
    });
    expect(refused.status).toBe('failed');
    const found = await client.get(
      `${apiPaths.contacts(accountId)}?email=${encodeURIComponent(people[3].email)}`,
    );
    expect(found.status).toBe(200);
    const results = await client.get(apiPaths.importResults(accountId, job.id));
    expect(results.status).toBe(200);
    const wrongKey = apiClient(server.url, `${north.apiKey.slice(0, -4)}AAAA`);
    expect((await wrongKey.get(apiPaths.me())).status).toBe(401);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe('0');

    const log = server.lines.join('\n');
    const secrets = [
      fileName,
      fileNameHeaderValue(fileName),
      ...people.flatMap((p) => [p.first, p.last, p.email, p.phone]),
      seed.enterprise.apiKey,
      ...seed.subAccounts.map((a) => a.apiKey),
    ];
    expect(secrets.filter((secret) => log.includes(secret))).toEqual([]);
    // Fastify's own lines (with the URL) are gone; ours name the route, the key and the account.
    const json = server.lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
    expect(json.filter((line) => line.msg === 'incoming request' || 'req' in line)).toEqual([]);
    const requests = json.filter((line) => line.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(8);
    const upload = requests.find((line) => line.route === '/v1/accounts/:accountId/uploads');
    expect(upload).toMatchObject({
      method: 'POST',
      status: 201,
      accountId: north.accountId,
      targetAccountId: north.accountId,
    });
    expect(upload?.keyId).toEqual(expect.any(Number));
    for (const line of requests.filter((l) => l.status < 400)) expect(line.keyId).toEqual(expect.any(Number));
    expect(requests.find((line) => line.status === 401)).toMatchObject({ route: '/v1/me', keyId: null });
  }, 600_000);
});
