// The main process's client for the import server (Bridge.connection). The renderer names a method and a path;
// this module adds the stored API key, so the key never reaches the renderer. The key goes only to the
// server address the user connected to: paths cannot leave it, redirects are not followed, and plain http is
// accepted only on this machine (a key sent in clear over a network could be read by anyone on the way).
import type { ApiRequest, ApiResponse, BridgeResult, ConnectionInfo } from '../../shared/bridge';
import type { CredentialStore } from './credential-store';
import { fail, ok } from './result';

/** The slice of fetch this client uses (Electron's net.fetch in the app, a local server in tests). */
export type FetchLike = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string | Uint8Array;
    redirect: 'manual';
    signal: AbortSignal;
  },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export type Connection = Readonly<{
  connect(serverUrl: string, apiKey: string): Promise<BridgeResult<ConnectionInfo>>;
  info(): Promise<BridgeResult<ConnectionInfo | null>>;
  disconnect(): Promise<BridgeResult<void>>;
  request(request: ApiRequest): Promise<BridgeResult<ApiResponse>>;
}>;

export type ConnectionOptions = Readonly<{
  store: CredentialStore;
  fetch: FetchLike;
  timeoutMs?: number;
  /**
   * Asks the server who the key belongs to, for ConnectionInfo.who; an error refuses the connection. Passed in
   * by the wiring so that this module does not guess the server's routes (shared/api owns them).
   */
  identify?: (request: Connection['request']) => Promise<BridgeResult<string | undefined>>;
}>;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The server address as stored (`https://host[:port][/base]`, no trailing slash), or an error for people. */
export function normalizeServerUrl(input: string): BridgeResult<string> {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return fail('connection.address', 'The server address should look like https://import.example.com.');
  }
  if (url.username || url.password || url.search || url.hash) {
    return fail('connection.address', 'Give only the server address, without a user name, query or #part.');
  }
  const loopback = loopbackHosts.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return fail(
      'connection.insecure',
      'The server address must start with https:// (plain http is allowed only for a server on this computer).',
    );
  }
  return ok(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
}

/** API keys travel in a header: visible ASCII only, so a key can never smuggle in another header. */
export function isPlausibleApiKey(key: string): boolean {
  return /^[\x21-\x7e]{8,4096}$/.test(key);
}

/** The full URL for a server path, or null when the path would leave the server's base address. */
export function resolveServerPath(serverUrl: string, path: string): string | null {
  if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\') || path.includes('#'))
    return null;
  const pathname = path.split('?')[0] ?? '';
  if (
    pathname.split('/').some((segment) => segment === '..' || segment === '.' || /%2e|%2f|%5c/i.test(segment))
  ) {
    return null;
  }
  const base = new URL(serverUrl);
  const url = new URL(`${serverUrl}${path}`);
  return url.origin === base.origin ? url.toString() : null;
}

export function createConnection({
  store,
  fetch,
  timeoutMs = 60_000,
  identify,
}: ConnectionOptions): Connection {
  let who: string | undefined;

  const request: Connection['request'] = async ({ method, path, body, idempotencyKey }) => {
    const credentials = await store.load();
    if (!credentials) return fail('connection.none', 'Connect to the import server first.');
    const url = resolveServerPath(credentials.serverUrl, path);
    if (!url)
      return fail('connection.path', `Refused to send the API key to ${path}: not a path on the server.`);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${credentials.apiKey}`,
      Accept: 'application/json',
    };
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    // Bytes (a CSV or workbook for the server's upload route) go as they are, anything else as JSON.
    const raw = body instanceof Uint8Array;
    if (body !== undefined) headers['Content-Type'] = raw ? 'application/octet-stream' : 'application/json';
    const host = new URL(credentials.serverUrl).host;
    try {
      const response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      const isJson = /\bjson\b/i.test(response.headers.get('content-type') ?? '');
      let parsed: unknown = text === '' ? null : text;
      if (isJson && text !== '') {
        try {
          parsed = JSON.parse(text);
        } catch {
          // A server that says JSON but sends something else: hand over the text for the error message.
        }
      }
      return ok({ status: response.status, body: parsed });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        return fail(
          'connection.timeout',
          `${host} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`,
        );
      }
      return fail(
        'connection.network',
        `Cannot reach ${host}. Check the address and your network connection.`,
      );
    }
  };

  return {
    async connect(serverUrl, apiKey) {
      const normalized = normalizeServerUrl(serverUrl);
      if (!normalized.ok) return normalized;
      if (!isPlausibleApiKey(apiKey)) {
        return fail(
          'connection.key',
          'That does not look like an API key. Copy it again from the import server.',
        );
      }
      await store.save({ serverUrl: normalized.value, apiKey });
      who = undefined;
      if (identify) {
        const identified = await identify(request);
        if (!identified.ok) {
          await store.clear();
          return identified;
        }
        who = identified.value;
      }
      return ok({ serverUrl: normalized.value, connected: true, ...(who ? { who } : {}) });
    },

    async info() {
      const credentials = await store.load();
      if (!credentials) return ok(null);
      return ok({ serverUrl: credentials.serverUrl, connected: true, ...(who ? { who } : {}) });
    },

    async disconnect() {
      who = undefined;
      await store.clear();
      return ok(undefined);
    },

    request,
  };
}
