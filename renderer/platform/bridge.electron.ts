import { type Bridge, connectionPortMessage } from '../../shared/bridge';
import type { WorkerConnection } from '../worker/protocol';
import type { AppBridge } from './app-bridge';
import { withEarlierProfiles } from './earlier-profiles';
import { webProfiles } from './web-profiles';

// The Bridge in the desktop app: the object electron/preload/index.ts exposes as window.listprep (typed there
// with `satisfies Bridge`), with the mapping profiles earlier versions kept in the window's local storage still
// offered (earlier-profiles.ts), plus the worker's connection. Nothing here talks to Electron.
// A window opened for a file (double click, second launch) carries `?open=<handle>`: call reopenFile(handle).

function desktopBridge(): Bridge {
  const exposed = (globalThis as { listprep?: Bridge }).listprep;
  if (exposed?.platform !== 'electron') {
    throw new Error('bridge.electron.ts loaded outside the desktop app; use bridge.web.ts');
  }
  return { ...exposed, profiles: withEarlierProfiles(exposed.profiles, webProfiles(localStorage)) };
}

/**
 * A new MessageChannel: one end goes to the main process through the preload (which forwards a port posted to
 * this window), the other to the worker, which sends the list's upload requests over it. The key stays in the
 * main process.
 */
function workerConnection(): WorkerConnection {
  const channel = new MessageChannel();
  window.postMessage(connectionPortMessage, '*', [channel.port2]);
  return { kind: 'port', port: channel.port1 };
}

export const electronBridge = { ...desktopBridge(), workerConnection } satisfies AppBridge;
export default electronBridge;
