import { fileNameHeader, fileNameHeaderValue, idempotencyKeyHeader } from '../api';
import type { ApiResponse, BridgeResult } from '../bridge';
import type { Transport } from './transport';
import {
  isRedirect,
  redirectRefusal,
  requestTimeoutMs,
  requestUrlOf,
  type ServerAddress,
} from './transport-policy';

/**
 * The slice of fetch the transport uses: Node's, the browser's and Electron's `net.fetch` all fit. `type` is
 * `opaqueredirect` where a browser answers a redirect it was told not to follow.
 */
export type FetchLike = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string | Uint8Array<ArrayBuffer>;
    redirect: 'manual';
    signal: AbortSignal;
  },
) => Promise<{
  status: number;
  type?: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

export type FetchTransportOptions = Readonly<{
  /** Accepted by the transport policy (`serverAddressOf`): https, or plain http where allowed. */
  address: ServerAddress;
  apiKey: string;
  fetch: FetchLike;
  timeoutMs?: number;
}>;

/**
 * The system's short name for why no answer came (`ECONNREFUSED`, `ENOTFOUND`, `CERT_HAS_EXPIRED`, Chromium's
 * `net::ERR_…`), which tells a person where to look; never a free-form message, which could quote anything.
 */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (typeof cause?.code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(cause.code)) return ` (${cause.code})`;
  const net = /\bnet::ERR_[A-Z_]{1,60}\b/.exec(String((error as { message?: unknown }).message ?? ''));
  return net ? ` (${net[0]})` : '';
}

/**
 * The one HTTP client of the import server, under the transport policy: the Electron main process (with the
 * key from its credential store), the browser bridge (the key in page memory) and `listprep upload` all send
 * through it. Only the API's routes go out, redirects are refused rather than followed, every request has a
 * time limit. Bytes (a file for the upload route) go as they are, anything else as JSON.
 */
export function fetchTransport(options: FetchTransportOptions): Transport {
  const { address, apiKey, fetch, timeoutMs = requestTimeoutMs } = options;
  return async ({
    method,
    path,
    body,
    encodedJson,
    idempotencyKey,
    fileName,
  }): Promise<BridgeResult<ApiResponse>> => {
    const url = requestUrlOf(address, path);
    if (!url.ok) return url;
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}`, accept: 'application/json' };
    if (idempotencyKey) headers[idempotencyKeyHeader] = idempotencyKey;
    if (fileName !== undefined) headers[fileNameHeader] = fileNameHeaderValue(fileName);
    const raw = body instanceof Uint8Array;
    if (body !== undefined)
      headers['content-type'] = raw && !encodedJson ? 'application/octet-stream' : 'application/json';
    try {
      const response = await fetch(url.value, {
        method,
        headers,
        // A view of a SharedArrayBuffer is not a fetch body type; fetch copies the bytes either way.
        ...(body === undefined
          ? {}
          : { body: raw ? (body as Uint8Array<ArrayBuffer>) : JSON.stringify(body) }),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (isRedirect(response)) return redirectRefusal(address);
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
      if (name === 'TimeoutError' || name === 'AbortError') {
        return {
          ok: false,
          error: {
            code: 'connection.timeout',
            message: `${address.host} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`,
          },
        };
      }
      return {
        ok: false,
        error: {
          code: 'connection.network',
          message: `Cannot reach ${address.host}${reasonOf(error)}. Check the address and your network connection.`,
        },
      };
    }
  };
}
