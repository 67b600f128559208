// The worker's line to the import server in the desktop app. The renderer's worker holds the list; an upload's
// rows go from it straight to this process over a MessagePort (the page hands one end to the preload, which
// passes it here, see ipc.ts), never through the UI thread. Each message is one request, checked like the
// `connection:request` channel and made with the stored key (connection.ts): the same rules as every request.
import type { ApiResponse, BridgeResult } from '../../shared/bridge';
import type { Transport } from '../../shared/upload/transport';
import type { IpcLog } from './ipc-guard';
import { argumentSchemas } from './ipc-schemas';
import { fail } from './result';

/** The part of Electron's MessagePortMain used here (Node's worker_threads MessagePort fits it in tests). */
export type ConnectionPort = Readonly<{
  on(event: 'message', listener: (message: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
}>;

export type PortAnswer = Readonly<{ id: number; result: BridgeResult<ApiResponse> }>;

/** Answers every request that comes over the port, in any order, each with its id. */
export function serveConnectionPort(port: ConnectionPort, request: Transport, log: IpcLog): void {
  port.on('message', ({ data }) => {
    void answer(data).then((reply) => {
      if (reply) port.postMessage(reply);
    });
  });
  port.start();

  async function answer(data: unknown): Promise<PortAnswer | null> {
    const id = (data as { id?: unknown } | null)?.id;
    // Without an id no one is waiting for the answer: nothing to say.
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
    const parsed = argumentSchemas['connection:request'].safeParse([(data as { request?: unknown }).request]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      log(`refused a port request: ${issue?.message} at ${issue?.path.join('.') ?? ''}`);
      return { id, result: fail('ipc.invalid', `ListPrep refused a malformed request: ${issue?.message}.`) };
    }
    try {
      return { id, result: await request(parsed.data[0]) };
    } catch (error) {
      log('port request failed', error);
      return {
        id,
        result: fail(
          'internal',
          'Something went wrong inside ListPrep. Your work is kept; please try again.',
        ),
      };
    }
  }
}
