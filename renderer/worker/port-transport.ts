import type { ApiRequest, ApiResponse, BridgeResult } from '../../shared/bridge';
import type { Transport } from '../../shared/upload';

/** A request sent over the port, and its answer: Electron's main process makes the request with its key. */
export type PortRequest = Readonly<{ id: number; request: ApiRequest }>;
export type PortAnswer = Readonly<{ id: number; result: BridgeResult<ApiResponse> }>;

/**
 * The desktop app's transport from the worker: a MessagePort whose other end is in the main process
 * (electron/main/connection-port.ts), which holds the API key and applies the transport policy. A list's rows
 * go from here to there in one message, never through the UI thread; a body of bytes is transferred, not
 * copied, out of the worker.
 */
export function portTransport(port: MessagePort): Transport {
  let nextId = 1;
  const waiting = new Map<number, (result: BridgeResult<ApiResponse>) => void>();
  port.onmessage = (event: MessageEvent<PortAnswer>) => {
    const answer = event.data;
    const resolve = waiting.get(answer?.id);
    if (!resolve) return;
    waiting.delete(answer.id);
    resolve(answer.result);
  };
  return (request) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      const message: PortRequest = { id, request };
      const body = request.body;
      port.postMessage(message, body instanceof Uint8Array ? [body.buffer] : []);
    });
}
