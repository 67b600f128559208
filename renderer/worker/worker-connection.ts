import { type FetchLike, fetchTransport, serverAddressOf, type Transport } from '../../shared/upload';
import { portTransport } from './port-transport';
import type { WorkerConnection } from './protocol';

/** The engine's transport for the connection the UI thread handed over (see WorkerConnection). */
export function transportOf(connection: WorkerConnection): Transport {
  if (connection.kind === 'port') return portTransport(connection.port);
  // Checked here again, by the same policy the web bridge applied when it connected: the worker never sends
  // the key anywhere the policy would not.
  const address = serverAddressOf(connection.serverUrl, { insecureHttpTo: connection.insecureHttpTo });
  if (!address.ok) return async () => address;
  return fetchTransport({
    address: address.value,
    apiKey: connection.apiKey,
    fetch: globalThis.fetch.bind(globalThis) as unknown as FetchLike,
  });
}
