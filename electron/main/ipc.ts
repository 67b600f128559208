// The only file that touches ipcMain (scripts/check-layers.mjs enforces it): it registers the guarded listener
// of every channel (ipc-guard.ts: sender check, zod payload check, errors as data) and the port the worker
// sends uploads through (connection-port.ts), and nothing else.
import { ipcMain } from 'electron';
import type { Transport } from '../../shared/upload/transport';
import type { ConnectionPortChannel } from '../common/ipc-contract';
import { serveConnectionPort } from './connection-port';
import { guardAll, type IpcLog, isTrustedSender, type MainHandlers } from './ipc-guard';

const portChannel: ConnectionPortChannel = 'connection:port';

export function registerIpc(handlers: MainHandlers, log: IpcLog, request: Transport): void {
  for (const [channel, listener] of guardAll(handlers, log)) ipcMain.handle(channel, listener);
  ipcMain.on(portChannel, (event) => {
    const [port] = event.ports;
    if (!port || !isTrustedSender(event)) {
      log(`refused a connection port from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      port?.close();
      return;
    }
    serveConnectionPort(port, request, log);
  });
}
