// Maps a request path onto a file of the built renderer, for the app:// protocol handler and for the browser
// fallback's static server. The one rule that matters: nothing outside the renderer folder is ever served.
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { cspNoncePlaceholder, type PolicyVariant, securityHeaders } from './content-policy';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content type for a file name; unknown kinds are served as opaque bytes (and never sniffed). */
export function contentTypeFor(path: string): string {
  return contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that a URL path names, or null when the path is malformed or escapes the root
 * (`..`, encoded slashes or backslashes, NUL). `/` is index.html.
 */
export function resolveAppFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const wanted = decoded === '/' ? '/index.html' : decoded;
  const base = resolve(root);
  const file = resolve(join(base, wanted));
  const inside = relative(base, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}

export type AppResponse = Readonly<{
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}>;

/** The meta tag bridge.web.ts reads the lab server from; the CSP names the same origin (content-policy.ts). */
export const insecureServerMeta = 'listprep-insecure-server';

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Reads the file a GET for `urlPath` asks for and returns the response to send, headers included. HTML that
 * carries the nonce placeholder gets a fresh nonce per response, written into both the page and its CSP. With
 * `insecureServer` (the browser variant's lab server), the page and its CSP both name it.
 */
export async function serveAppFile(
  root: string,
  urlPath: string,
  variant: PolicyVariant,
  method = 'GET',
  insecureServer?: string,
): Promise<AppResponse> {
  const plain = (status: number, text: string): AppResponse => ({
    status,
    headers: { ...securityHeaders({ variant }), 'Content-Type': 'text/plain; charset=utf-8' },
    body: text,
  });
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'method not allowed');
  const file = resolveAppFile(root, urlPath);
  if (!file) return plain(404, 'not found');
  try {
    if (!(await stat(file)).isFile()) return plain(404, 'not found');
  } catch {
    return plain(404, 'not found');
  }
  const type = contentTypeFor(file);
  if (type.startsWith('text/html')) {
    let html = await readFile(file, 'utf8');
    const nonce = html.includes(cspNoncePlaceholder) ? randomBytes(16).toString('base64') : undefined;
    if (nonce) html = html.replaceAll(cspNoncePlaceholder, nonce);
    const lab = variant === 'web' ? insecureServer : undefined;
    if (lab) {
      const meta = `<meta name="${insecureServerMeta}" content="${escapeAttribute(lab)}" />`;
      html = /<head[^>]*>/i.test(html)
        ? html.replace(/<head[^>]*>/i, (head) => `${head}${meta}`)
        : meta + html;
    }
    return {
      status: 200,
      headers: {
        ...securityHeaders({ variant, styleNonce: nonce, insecureServer: lab }),
        'Content-Type': type,
        'Cache-Control': 'no-store',
      },
      body: html,
    };
  }
  return {
    status: 200,
    headers: { ...securityHeaders({ variant }), 'Content-Type': type },
    body: new Uint8Array(await readFile(file)),
  };
}
