import { request as httpRequest } from 'node:http';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serveApp } from './static-server';

let server: RunningServer;
let root: string;
beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'listprep-static-'));
  root = join(base, 'renderer');
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
  from: RunningServer = server,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(path, from.url);
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

describe('the browser fallback with a lab server (LISTPREP_INSECURE_SERVER)', () => {
  it('names the lab server in the page and in connect-src, and says so to the person who started it', async () => {
    await writeFile(join(root, 'lab.html'), '<html><head><title>x</title></head></html>');
    const lab = await serveApp(root, 0, { insecureServer: 'http://Lab-Box:4870' });
    try {
      expect(lab.notice).toBe(
        'Plain http (unencrypted) is allowed to http://lab-box:4870 (LISTPREP_INSECURE_SERVER).',
      );
      const page = await get('/lab.html', undefined, lab);
      expect(page.body).toBe(
        '<html><head><meta name="listprep-insecure-server" content="http://lab-box:4870" /><title>x</title></head></html>',
      );
      expect(String(page.headers['content-security-policy'])).toContain(
        "connect-src 'self' https: http://127.0.0.1:* http://localhost:* http://lab-box:4870;",
      );
    } finally {
      await lab.close();
    }
  });

  it('allows nothing more for a setting that is not one http://host:port, and says why', async () => {
    const lab = await serveApp(root, 0, { insecureServer: 'http://*:4870 https://evil.example' });
    try {
      expect(lab.notice).toContain('LISTPREP_INSECURE_SERVER takes one address of the form http://host:port');
      const page = await get('/', undefined, lab);
      expect(page.body).toBe('<p>app</p>');
      expect(String(page.headers['content-security-policy'])).toContain(
        "connect-src 'self' https: http://127.0.0.1:* http://localhost:*;",
      );
    } finally {
      await lab.close();
    }
  });

  it('is said nowhere when the setting is not given', () => {
    expect(server.notice).toBeNull();
  });
});
