import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, relative } from 'node:path';
import { build } from 'vite';
import { cspNoncePlaceholder, securityHeaders } from '../../electron/common/content-policy';

// Builds the app once (per change of its sources) and serves it on 127.0.0.1 with the same CSP the
// desktop shell uses for the browser variant, so the tests run the app as users get it.

const root = new URL('../..', import.meta.url).pathname;
export const appDir = join(root, 'test/output/app');
const lockDir = join(root, 'test/output/app.lock');

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (!name.endsWith('.test.ts')) yield path;
  }
}

/** A hash of everything that goes into the bundle: a changed source means a new build. */
function sourceHash(): string {
  const hash = createHash('sha256');
  for (const dir of ['renderer', 'shared']) {
    for (const path of [...files(join(root, dir))].sort()) {
      hash.update(relative(root, path));
      hash.update(readFileSync(path));
    }
  }
  hash.update(readFileSync(join(root, 'package-lock.json')));
  return hash.digest('hex');
}

async function waitForLock(): Promise<() => void> {
  mkdirSync(join(root, 'test/output'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch {
      // Another test file is building; a lock older than 5 minutes is a crashed run's.
      if (Date.now() - statSync(lockDir).mtimeMs > 300_000) rmSync(lockDir, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Builds the app into test/output/app unless the same sources were built already. */
export async function buildApp(): Promise<string> {
  const release = await waitForLock();
  try {
    const hash = sourceHash();
    const stamp = join(appDir, '.source-hash');
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return appDir;
    // vitest sets NODE_ENV to `test`, which would give React's development build (slower, and StrictMode
    // running every effect twice): the tests must run what users run.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        configFile: join(root, 'renderer/vite.config.ts'),
        mode: 'production',
        logLevel: 'warn',
        build: { outDir: appDir, emptyOutDir: true, sourcemap: false },
      });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    writeFileSync(stamp, hash);
    return appDir;
  } finally {
    release();
  }
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

export type AppServer = Readonly<{ url: string; close: () => Promise<void> }>;

/** Serves a built app; index.html gets a fresh CSP nonce per response, as the desktop shell does. */
export async function serveApp(dir: string): Promise<AppServer> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    let body: Buffer | string = readFileSync(file);
    if (file.endsWith('.html')) body = body.toString('utf8').replaceAll(cspNoncePlaceholder, nonce);
    response.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...securityHeaders({ variant: 'web', styleNonce: nonce }),
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no server address');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
