import { request as httpRequest } from 'node:http';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serveApp } from './static-server';

let server: RunningServer;
beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'listprep-static-'));
  const root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<p>app</p>');
  await writeFile(join(root, 'assets', 'app.js'), 'export {}');
  await writeFile(join(base, 'secret.txt'), 'secret');
  server = await serveApp(root, 0);
});
afterAll(() => server.close());

function get(
  path: string,
  host?: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: url.port, path, headers: host ? { host } : {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject).end();
  });
}

describe('the browser fallback server', () => {
  it('listens on this machine only and prints a 127.0.0.1 address', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves the app with the strict CSP, letting the browser build reach an import server', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toBe('<p>app</p>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self' https: http://127.0.0.1:*");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect((await get('/', 'evil.example')).status).toBe(421);
  });

  it('never serves files outside the built app', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt']) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body).not.toContain('secret');
    }
  });
});
