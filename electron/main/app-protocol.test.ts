import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { handleAppRequest } from './app-protocol';

let root: string;
let outside: string;
beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'listprep-protocol-'));
  root = join(base, 'renderer');
  outside = join(base, 'secret.txt');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(
    join(root, 'index.html'),
    '<meta property="csp-nonce" nonce="LISTPREP_CSP_NONCE"><p>app</p>',
  );
  await writeFile(join(root, 'assets', 'main.js'), 'console.log(1)');
  await writeFile(outside, 'secret');
});

const get = (url: string, method = 'GET') => handleAppRequest(new Request(url, { method }), root);

describe('the app:// protocol', () => {
  it('serves the renderer with a strict CSP whose style nonce is fresh per page and written into the page', async () => {
    const first = await get('app://listprep/index.html');
    const second = await get('app://listprep/');
    const csp = first.headers.get('content-security-policy') ?? '';
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(await first.text()).toContain(`nonce="${nonce}"`);
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
  });

  it('serves assets with their type and no sniffing', async () => {
    const js = await get('app://listprep/assets/main.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await js.text()).toBe('console.log(1)');
  });

  it('never serves a file outside the renderer folder, however the path is spelled', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
    ]) {
      const response = await get(`app://listprep${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('secret');
    }
  });

  it('answers 404 for other hosts and missing files, and 405 for writes', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://listprep/missing.js')).status).toBe(404);
    expect((await get('app://listprep/assets')).status).toBe(404);
    expect((await get('app://listprep/index.html', 'POST')).status).toBe(405);
  });
});
