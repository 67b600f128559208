// The only file that touches ipcMain (scripts/check-layers.mjs enforces it): it registers the guarded listener
// of every channel (ipc-guard.ts: sender check, zod payload check, errors as data) and nothing else.
import { ipcMain } from 'electron';
import { guardAll, type IpcLog, type MainHandlers } from './ipc-guard';

export function registerIpc(handlers: MainHandlers, log: IpcLog): void {
  for (const [channel, listener] of guardAll(handlers, log)) ipcMain.handle(channel, listener);
}
