// The browser's client of the import server (Bridge.connection in bridge.web.ts). A browser has no safe place
// for a secret, so the key lives in this page's memory only, for the tab's life. Where it may go is the
// transport policy of shared/upload, as in the desktop app and the CLI: https, or plain http on this computer
// or to the lab server the local server was started with; the API's routes only; no redirects; a time limit.
import type { Bridge, BridgeResult, ConnectionInfo } from '../../shared/bridge';
import { type FetchLike, fetchTransport } from '../../shared/upload/fetch-transport';
import {
  insecureServerVariable,
  isPlausibleApiKey,
  refusalCodes,
  type ServerAddress,
  serverAddressOf,
} from '../../shared/upload/transport-policy';
import type { Transport } from '../../shared/upload/transport';

export type WebConnectionOptions = Readonly<{
  /** The page's fetch (tests pass Node's, which follows the same rules). */
  fetch: FetchLike;
  /** The lab server the page may reach over plain http: LISTPREP_INSECURE_SERVER of `npm start -- --web`. */
  insecureHttpTo?: readonly string[];
  timeoutMs?: number;
}>;

const howToAllowInsecure = `For a lab server without https, start ListPrep with ${insecureServerVariable}=http://host:port (see the README).`;

/** The browser's connection, plus what the worker needs to send the list's uploads itself. */
export type WebConnection = Bridge['connection'] &
  Readonly<{ forWorker: () => Readonly<{ serverUrl: string; apiKey: string }> | null }>;

export function createWebConnection(options: WebConnectionOptions): WebConnection {
  const { fetch, insecureHttpTo = [], timeoutMs } = options;
  let connected: { address: ServerAddress; apiKey: string; send: Transport } | null = null;

  const infoOf = (address: ServerAddress): ConnectionInfo => ({
    serverUrl: address.base,
    connected: true,
    ...(address.unencrypted ? { unencrypted: true } : {}),
  });

  return {
    async connect(serverUrl: string, apiKey: string): Promise<BridgeResult<ConnectionInfo>> {
      const address = serverAddressOf(serverUrl, { insecureHttpTo, howToAllowInsecure });
      if (!address.ok) return address;
      if (!isPlausibleApiKey(apiKey)) {
        return {
          ok: false,
          error: {
            code: refusalCodes.key,
            message: 'That does not look like an API key. Copy it again from the import server.',
          },
        };
      }
      connected = {
        address: address.value,
        apiKey,
        send: fetchTransport({ address: address.value, apiKey, fetch, timeoutMs }),
      };
      return { ok: true, value: infoOf(address.value) };
    },
    async info() {
      return { ok: true, value: connected ? infoOf(connected.address) : null };
    },
    async disconnect() {
      connected = null;
      return { ok: true, value: undefined };
    },
    forWorker() {
      return connected ? { serverUrl: connected.address.base, apiKey: connected.apiKey } : null;
    },
    async request(request) {
      if (!connected) {
        return {
          ok: false,
          error: { code: 'connection.none', message: 'Connect to the import server first.' },
        };
      }
      return connected.send(request);
    },
  };
}
