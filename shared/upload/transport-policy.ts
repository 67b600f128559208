// Where and how a client of the import server may send the API key. One policy for the three clients (the
// Electron main process, the browser bridge, `listprep upload`), so that none is laxer than another:
//
// - https, or plain http only to this computer (127.0.0.0/8, [::1], localhost): a key or a list sent in clear
//   over a network can be read, and changed, by anyone on the way. A lab server without TLS is reached over
//   plain http only when a person names it on purpose (`--insecure-http`; LISTPREP_INSECURE_SERVER when the
//   app starts), never by a click.
// - Only the API's own routes (`apiPaths` of shared/api) under the address the person gave, with ids where
//   ids go, and a query of paging numbers only: nothing can steer the key to another path, and no name,
//   email or phone ever lands in a URL (URLs are written to proxy and server logs).
// - No redirects (one would carry the key wherever it points) and a time limit on every request.
//
// Decisions only: the platform's fetch does the sending (fetch-transport.ts). Every decision is made on the
// WHATWG URL parser, the one fetch itself uses, so no second reading of an address can differ from the one
// that sends (`http://127.0.0.1.nip.io`, `http://localhost.evil.com`, `http://127.0.0.1@evil.com`).
import { apiPaths, idSchema } from '../api';
import type { BridgeResult } from '../bridge';

/** The codes of the policy's refusals. None is worth retrying: the same request is refused again. */
export const refusalCodes = {
  address: 'connection.address',
  insecure: 'connection.insecure',
  key: 'connection.key',
  path: 'connection.path',
  redirect: 'connection.redirect',
} as const;

const refusals = new Set<string>(Object.values(refusalCodes));

/** Whether a transport failure is the policy's refusal (not a network that may come back). */
export function isPolicyRefusal(code: string): boolean {
  return refusals.has(code);
}

/**
 * How long one request may take, answer included. An import of a large list can take a while to be
 * accepted; a server silent for this long is gone (the upload flow retries with the same idempotency key).
 */
export const requestTimeoutMs = 120_000;

/**
 * The environment variable that names a lab server the app may reach over plain http (`http://host:port`),
 * read once when the desktop app or its browser fallback starts. Nothing in the app itself can set it.
 */
export const insecureServerVariable = 'LISTPREP_INSECURE_SERVER';

declare const accepted: unique symbol;

/** A server address the policy accepted. Only `serverAddressOf` makes one, so no client can skip it. */
export type ServerAddress = Readonly<{
  /** What requests are built on: `scheme://host[:port][/base path]`, without a trailing slash. */
  base: string;
  origin: string;
  /** `host[:port]`, for messages. */
  host: string;
  /** Plain http to another computer, which a person allowed knowingly: say so wherever the address shows. */
  unencrypted: boolean;
  readonly [accepted]: true;
}>;

export type AddressOptions = Readonly<{
  /** Origins (`http://host:port`) a person allowed plain http to: `--insecure-http`, LISTPREP_INSECURE_SERVER. */
  insecureHttpTo?: readonly string[];
  /** How this client's user allows a lab server, appended to the refusal of plain http. */
  howToAllowInsecure?: string;
}>;

function refuse<T>(code: string, message: string): BridgeResult<T> {
  return { ok: false, error: { code, message } };
}

/**
 * Loopback as the URL parser writes a host: it has already turned `127.1`, `0x7f.0.0.1`, `2130706433` and
 * `127.0.0.1.` into `127.0.0.1`, and `[0:0::1]` into `[::1]`, so a name that merely starts like an address
 * (`127.0.0.1.nip.io`, `localhost.evil.com`) stays a name and is not loopback. `localhost.` (a name the DNS
 * is asked about) and `[::ffff:7f00:1]` are not accepted: neither is needed, and exact rules are checkable.
 */
function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function parse(input: string): URL | null {
  try {
    return new URL(input.trim());
  } catch {
    return null;
  }
}

/** The address requests go to, or a refusal for people (the input is never repeated: it may hold a password). */
export function serverAddressOf(input: string, options: AddressOptions = {}): BridgeResult<ServerAddress> {
  const url = parse(input);
  if (!url) {
    return refuse(refusalCodes.address, 'The server address should look like https://import.example.com.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse(refusalCodes.insecure, 'The server address must start with https://.');
  }
  if (url.username || url.password || url.search || url.hash) {
    return refuse(
      refusalCodes.address,
      'Give only the server address, without a user name, password, query or #part.',
    );
  }
  const plainHttp = url.protocol === 'http:';
  const loopback = isLoopbackHost(url.hostname);
  const allowed = options.insecureHttpTo?.includes(url.origin) ?? false;
  if (plainHttp && !loopback && !allowed) {
    const how = options.howToAllowInsecure ? ` ${options.howToAllowInsecure}` : '';
    return refuse(
      refusalCodes.insecure,
      `Plain http would send the API key and the list unencrypted to ${url.host}, readable by anyone on the network between. Use https:// (plain http is allowed only for a server on this computer).${how}`,
    );
  }
  const address = {
    base: `${url.origin}${url.pathname.replace(/\/+$/, '')}`,
    origin: url.origin,
    host: url.host,
    unencrypted: plainHttp && !loopback,
  };
  return { ok: true, value: address as ServerAddress };
}

/**
 * The value of LISTPREP_INSECURE_SERVER as the origins it allows plain http to: none when unset, else exactly
 * one `http://host[:port]` and nothing more, so the setting cannot widen to other hosts, ports or schemes. A
 * value of another form allows nothing and says why.
 */
export function insecureServerSetting(setting: string | undefined): BridgeResult<readonly string[]> {
  if (setting === undefined || setting.trim() === '') return { ok: true, value: [] };
  const url = parse(setting);
  const plainOrigin =
    url?.protocol === 'http:' &&
    !url.username &&
    !url.password &&
    !url.search &&
    !url.hash &&
    url.pathname === '/';
  if (!url || !plainOrigin) {
    return refuse(
      refusalCodes.address,
      `${insecureServerVariable} takes one address of the form http://host:port (no path); it allows nothing as it is.`,
    );
  }
  return { ok: true, value: [url.origin] };
}

/** API keys travel in a header: visible ASCII only, so a key can never smuggle in another header. */
export function isPlausibleApiKey(key: string): boolean {
  return /^[\x21-\x7e]{8,4096}$/.test(key);
}

const routeParameter = (i: number) => `route-parameter-${i}`;

/**
 * Every route of apiPaths as a pattern, built by calling the route with placeholders: a route added to
 * shared/api is allowed without touching this file, and nothing else ever is.
 */
const routes: readonly RegExp[] = Object.values(apiPaths).map((build) => {
  const names = Array.from({ length: build.length }, (_, i) => routeParameter(i));
  let source = (build as (...ids: string[]) => string)(...names).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const name of names) source = source.replace(name, '([^/]+)');
  return new RegExp(`^${source}$`);
});

/** Whether a path (no query) is one of the API's routes with an id in every id's place. */
function isApiRoute(path: string): boolean {
  return routes.some((route) => {
    const match = route.exec(path);
    return match?.slice(1).every((id) => idSchema.safeParse(id).success) ?? false;
  });
}

/** The query keys the clients use (pages of outcomes, issues, history, contacts): numbers, never people. */
const pagingKeys = new Set(['offset', 'limit', 'before']);

function isPagingQuery(query: string): boolean {
  const seen = new Set<string>();
  for (const pair of query.split('&')) {
    const [key, value, ...rest] = pair.split('=');
    if (rest.length > 0 || value === undefined || !pagingKeys.has(key) || seen.has(key)) return false;
    if (!/^[0-9]{1,18}$/.test(value)) return false;
    seen.add(key);
  }
  return true;
}

/** The URL for an API request, or a refusal when the path is not the API's (the path is never repeated). */
export function requestUrlOf(address: ServerAddress, path: string): BridgeResult<string> {
  const question = path.indexOf('?');
  const route = question === -1 ? path : path.slice(0, question);
  if (!isApiRoute(route)) {
    return refuse(
      refusalCodes.path,
      "Refused to send the API key with a request that is not for one of the import server's routes.",
    );
  }
  if (question !== -1 && !isPagingQuery(path.slice(question + 1))) {
    return refuse(
      refusalCodes.path,
      'Refused a request whose query is not page numbers (offset, limit, before): a query could carry personal data into server and proxy logs.',
    );
  }
  // The route cannot leave the address by construction; the URL fetch will read must agree all the same.
  const wanted = `${address.base}${path}`;
  if (new URL(wanted).href !== wanted) {
    return refuse(refusalCodes.path, "Refused a request that would leave the import server's address.");
  }
  return { ok: true, value: wanted };
}

/** Redirect statuses, and the browser's opaque answer to a redirect it was told not to follow. */
const redirectStatuses = new Set([300, 301, 302, 303, 307, 308]);

/** Whether an answer is a redirect, which no client follows. */
export function isRedirect(answer: Readonly<{ status: number; type?: string }>): boolean {
  return answer.type === 'opaqueredirect' || redirectStatuses.has(answer.status);
}

/** The refusal of a redirect, for people: what happened and what usually fixes it. */
export function redirectRefusal<T>(address: ServerAddress): BridgeResult<T> {
  return refuse(
    refusalCodes.redirect,
    `${address.host} answered with a redirect, which ListPrep does not follow (the API key would go wherever it points). Give the address the import server answers on itself: often https:// rather than http://, or another path.`,
  );
}
