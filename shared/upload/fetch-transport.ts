import type { ApiResponse, BridgeResult } from '../bridge';
import type { Transport } from './transport';

/** The slice of fetch the transport uses (Node's and the browser's both fit). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

/**
 * A Transport that holds the key itself and calls fetch: for `listprep upload` and tests. (The app never
 * uses it: its key stays with the platform, behind Bridge.connection.)
 */
export function fetchTransport(options: { serverUrl: string; apiKey: string; fetch: FetchLike }): Transport {
  const base = options.serverUrl.replace(/\/+$/, '');
  const host = base.replace(/^[a-z]+:\/\//i, '');
  return async ({ method, path, body, idempotencyKey }): Promise<BridgeResult<ApiResponse>> => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${options.apiKey}`,
      accept: 'application/json',
    };
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await options.fetch(`${base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      let parsed: unknown = text === '' ? null : text;
      if (/\bjson\b/i.test(response.headers.get('content-type') ?? '') && text !== '') {
        try {
          parsed = JSON.parse(text);
        } catch {
          // Said JSON, sent something else: keep the text for the message.
        }
      }
      return { ok: true, value: { status: response.status, body: parsed } };
    } catch (error) {
      const name = (error as { name?: string }).name;
      const code =
        name === 'TimeoutError' || name === 'AbortError' ? 'connection.timeout' : 'connection.network';
      return { ok: false, error: { code, message: `Cannot reach ${host}: ${(error as Error).message}` } };
    }
  };
}
