// The main process's client for the import server (Bridge.connection). The renderer names a method and a path;
// this module adds the stored API key, so the key never reaches the renderer. Where the key may go is the
// transport policy of shared/upload (https, or plain http on this computer or to the lab server named at
// start; the API's routes only; no redirects; a time limit), the same for the CLI and the browser.
import type { ApiResponse, BridgeResult, ConnectionInfo } from '../../shared/bridge';
import { type FetchLike, fetchTransport } from '../../shared/upload/fetch-transport';
import {
  insecureServerVariable,
  isPlausibleApiKey,
  refusalCodes,
  serverAddressOf,
} from '../../shared/upload/transport-policy';
import type { Transport } from '../../shared/upload/transport';
import type { CredentialStore } from './credential-store';
import { fail, ok } from './result';

export type Connection = Readonly<{
  connect(serverUrl: string, apiKey: string): Promise<BridgeResult<ConnectionInfo>>;
  info(): Promise<BridgeResult<ConnectionInfo | null>>;
  disconnect(): Promise<BridgeResult<void>>;
  request: Transport;
}>;

export type ConnectionOptions = Readonly<{
  store: CredentialStore;
  /** Electron's net.fetch in the app (the system's proxy and certificates), Node's fetch in tests. */
  fetch: FetchLike;
  timeoutMs?: number;
  /** The lab server a person allowed plain http to when the app started (LISTPREP_INSECURE_SERVER). */
  insecureHttpTo?: readonly string[];
  /**
   * Asks the server who the key belongs to, for ConnectionInfo.who; an error refuses the connection. Passed in
   * by the wiring so that this module does not guess the server's routes (shared/api owns them).
   */
  identify?: (request: Transport) => Promise<BridgeResult<string | undefined>>;
}>;

const howToAllowInsecure = `For a lab server without https, start ListPrep with ${insecureServerVariable}=http://host:port (see the README).`;

export function createConnection({
  store,
  fetch,
  timeoutMs,
  insecureHttpTo = [],
  identify,
}: ConnectionOptions): Connection {
  let who: string | undefined;
  const addressOf = (serverUrl: string) => serverAddressOf(serverUrl, { insecureHttpTo, howToAllowInsecure });

  const request: Transport = async (apiRequest): Promise<BridgeResult<ApiResponse>> => {
    const credentials = await store.load();
    if (!credentials) return fail('connection.none', 'Connect to the import server first.');
    // Checked again on every request: an address kept from an earlier start (when a lab server was allowed,
    // or by an older version) is held to today's policy.
    const address = addressOf(credentials.serverUrl);
    if (!address.ok) return address;
    return fetchTransport({ address: address.value, apiKey: credentials.apiKey, fetch, timeoutMs })(
      apiRequest,
    );
  };

  const infoOf = (serverUrl: string): ConnectionInfo => {
    const address = addressOf(serverUrl);
    return {
      serverUrl,
      connected: true,
      ...(who ? { who } : {}),
      ...(address.ok && address.value.unencrypted ? { unencrypted: true } : {}),
    };
  };

  return {
    async connect(serverUrl, apiKey) {
      const address = addressOf(serverUrl);
      if (!address.ok) return address;
      if (!isPlausibleApiKey(apiKey)) {
        return fail(
          refusalCodes.key,
          'That does not look like an API key. Copy it again from the import server.',
        );
      }
      await store.save({ serverUrl: address.value.base, apiKey });
      who = undefined;
      if (identify) {
        const identified = await identify(request);
        if (!identified.ok) {
          await store.clear();
          return identified;
        }
        who = identified.value;
      }
      return ok(infoOf(address.value.base));
    },

    async info() {
      const credentials = await store.load();
      return ok(credentials ? infoOf(credentials.serverUrl) : null);
    },

    async disconnect() {
      who = undefined;
      await store.clear();
      return ok(undefined);
    },

    request,
  };
}
