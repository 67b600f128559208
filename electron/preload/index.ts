// The preload: the only file that touches ipcRenderer (scripts/check-layers.mjs enforces it). It exposes one
// object, window.listprep, that satisfies the shared Bridge; each method sends exactly its own arguments on its
// own channel. No ipcRenderer, no generic "send", no Electron or Node object ever reaches the page.
// Runs sandboxed, so it is bundled into one CommonJS file that requires only 'electron'.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { Bridge } from '../../shared/bridge';
import type { connectionPortMessage } from '../../shared/bridge';
import type { Channel, ConnectionPortChannel, Handlers } from '../common/ipc-contract';

function call<C extends Channel>(channel: C, ...args: Parameters<Handlers[C]>): ReturnType<Handlers[C]> {
  return ipcRenderer.invoke(channel, ...args) as ReturnType<Handlers[C]>;
}

const listprep = {
  platform: 'electron',
  openFile: () => call('file:open'),
  reopenFile: (handle) => call('file:reopen', handle),
  recentFiles: () => call('file:recent'),
  forgetRecent: (handle) => call('file:forget', handle),
  saveFile: (request) => call('file:save', request),
  journal: {
    append: (listId, name, entries) => call('journal:append', listId, name, entries),
    read: (listId) => call('journal:read', listId),
    list: () => call('journal:list'),
    discard: (listId) => call('journal:discard', listId),
  },
  profiles: {
    list: () => call('profiles:list'),
    find: (headers, templateId) => call('profiles:find', headers, templateId),
    save: (profile) => call('profiles:save', profile),
    remove: (name) => call('profiles:remove', name),
  },
  connection: {
    connect: (serverUrl, apiKey) => call('connection:connect', serverUrl, apiKey),
    info: () => call('connection:info'),
    disconnect: () => call('connection:disconnect'),
    request: (request) => call('connection:request', request),
  },
} satisfies Bridge;

contextBridge.exposeInMainWorld('listprep', listprep);

// The preload compiles with the Node project (no DOM library) and touches the page only here, so the one
// DOM name it needs is declared narrowly rather than pulling the DOM types into the main process.
/** The page's MessagePorts, as ipcRenderer.postMessage takes them (the DOM's type, named without the DOM). */
type RendererPorts = NonNullable<Parameters<typeof ipcRenderer.postMessage>[2]>;

declare const window: {
  addEventListener(
    type: 'drop',
    listener: (event: { dataTransfer: { files: ArrayLike<File> } | null }) => void,
    capture: boolean,
  ): void;
  addEventListener(
    type: 'message',
    listener: (event: { source: unknown; data: unknown; ports: RendererPorts }) => void,
  ): void;
};

// A file dropped on the window: the page reads its bytes itself (as in a browser); the preload adds its path
// to the recent files so it can be reopened later. getPathForFile gives a path only for a real file from the
// OS, never for a File the page constructed.
window.addEventListener(
  'drop',
  (event) => {
    for (const file of Array.from(event.dataTransfer?.files ?? [])) {
      let path = '';
      try {
        path = webUtils.getPathForFile(file);
      } catch {
        // Not a File from the OS: nothing to remember, the page still has the bytes.
      }
      if (path) void call('file:dropped', path);
    }
  },
  true,
);

// The worker's line to the import server: the page posts one end of a MessageChannel to this window, and it
// goes on to the main process, which answers each request over it with the stored key (connection-port.ts).
// Only a message from this very window counts; the main process checks the sender again.
const portMessage: typeof connectionPortMessage = 'listprep:connection-port';
const portChannel: ConnectionPortChannel = 'connection:port';
window.addEventListener('message', (event) => {
  if (event.source !== window || event.data !== portMessage || event.ports.length !== 1) return;
  ipcRenderer.postMessage(portChannel, null, [...event.ports]);
});
