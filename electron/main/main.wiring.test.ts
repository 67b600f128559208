// main.ts is wiring, and the CI machine has no Electron binary: so the bundled main process is run here against
// a recording stand-in for the 'electron' module, to check that the wiring really applies the tested policies.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../common/ipc-contract';
import {
  chosenColumn,
  fieldOf,
  type MappingProfile,
  mappingFromProfile,
  profileFromMapping,
} from '../../shared/mapping';
import { clientTether } from '../../shared/template';

type Listener = (...args: unknown[]) => unknown;

function fakeElectron(userData: string) {
  const appListeners = new Map<string, Listener>();
  const contentsListeners: Map<string, Listener>[] = [];
  const windows: { options: Record<string, unknown>; url?: string; contentsId: number }[] = [];
  const recorded = {
    privileged: [] as unknown[],
    protocolHandlers: [] as string[],
    ipcChannels: [] as string[],
    ipcListeners: new Map<string, Listener>(),
    /** Message channels (listened to with `on`): the worker's connection port. */
    ipcMessageChannels: [] as string[],
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
      handle: (channel: string, listener: Listener) => {
        recorded.ipcChannels.push(channel);
        recorded.ipcListeners.set(channel, listener);
      },
      on: (channel: string) => recorded.ipcMessageChannels.push(channel),
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

/** Waits until `done()` holds, at most five seconds (then the test's own expectations say what is missing). */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 5000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function startMain(argv: string[] = ['listprep'], env: Record<string, string> = {}) {
  const userData = await mkdtemp(join(tmpdir(), 'listprep-wiring-'));
  const fake = fakeElectron(userData);
  const realRequire = createRequire(import.meta.url);
  const requireWithFake = (id: string) => (id === 'electron' ? fake.electron : realRequire(id));
  const savedArgv = process.argv;
  const savedEnv = { ...process.env };
  process.argv = argv;
  Object.assign(process.env, env);
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
  try {
    fake.ready();
    // Started once the first window has loaded its page (on a busy machine that takes a while).
    await until(() => fake.recorded.windows.some((w) => w.url !== undefined));
  } finally {
    for (const name of Object.keys(env)) {
      if (savedEnv[name] === undefined) delete process.env[name];
      else process.env[name] = savedEnv[name];
    }
  }
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
    expect(recorded.ipcMessageChannels).toEqual(['connection:port']);
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
    await until(() => recorded.windows.length > 1 && recorded.windows[1].url !== undefined);
    expect(recorded.windows.map((w) => w.url)).toEqual([
      'app://listprep/index.html',
      `app://listprep/index.html?open=${encodeURIComponent(file)}`,
    ]);
  });
});

// The desktop app and the CLI keep saved mappings in one folder: the bundled main process (its real wiring,
// store and IPC guard) and the built `listprep` each offer what the other saved.
describe('saved mappings shared by the desktop app and `listprep map --save`', () => {
  const appPage = { sender: { id: 1 }, senderFrame: { url: 'app://listprep/index.html', parent: null } };
  const headers = ['Fornavn', 'Etternavn', 'E-post', 'Kundenr', 'Skostørrelse'];
  const rows = ['Åse,Økland,ase@example.com,K-1,41', 'Bob,Smith,bob@example.com,K-2,44'];

  function listprep(config: string, ...args: string[]): Promise<{ code: number; stdout: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['bin/listprep.mjs', ...args],
        { env: { ...process.env, LISTPREP_CONFIG_DIR: config }, encoding: 'utf8' },
        (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }),
      );
    });
  }

  async function setup() {
    const config = await mkdtemp(join(tmpdir(), 'listprep-shared-profiles-'));
    const file = join(config, 'leads.csv');
    await writeFile(file, `${[headers.join(','), ...rows].join('\n')}\n`);
    const reordered = join(config, 'leads-reordered.csv');
    const order = [4, 2, 0, 3, 1];
    const lines = [headers, ...rows.map((r) => r.split(','))].map((cells) =>
      order.map((i) => cells[i]).join(','),
    );
    await writeFile(reordered, `${lines.join('\n')}\n`);
    const { recorded } = await startMain(['listprep'], { LISTPREP_CONFIG_DIR: config });
    const call = (channel: string, ...args: unknown[]) =>
      recorded.ipcListeners.get(channel)?.(appPage, ...args) as Promise<{ ok: boolean; value?: unknown }>;
    return { config, file, reordered, order, call };
  }

  it('offers in the app a profile saved by `listprep map --save`, for the same columns in any order', async () => {
    const { config, file, order, call } = await setup();
    const saved = await listprep(config, 'map', file, '--save', 'Oslo trade show', '--json');
    expect(JSON.parse(saved.stdout).saved).toBe(join(config, 'profiles', 'Oslo trade show.json'));
    const reorderedHeaders = order.map((i) => headers[i]);
    const found = await call('profiles:find', reorderedHeaders, clientTether.id);
    expect(found).toMatchObject({ ok: true, value: { name: 'Oslo trade show' } });
    const mapping = mappingFromProfile(found.value as MappingProfile, reorderedHeaders, clientTether);
    expect(mapping.columns.map((c) => [c.header, fieldOf(c.target)])).toEqual([
      ['Skostørrelse', null],
      ['E-post', 'email'],
      ['Fornavn', 'firstName'],
      // "Kundenr" (customer number) is the external ID by its words since issue 13.
      ['Kundenr', 'external_id'],
      ['Etternavn', 'lastName'],
    ]);
  });

  it('maps a file in `listprep` with a profile saved in the app', async () => {
    const { config, reordered, call } = await setup();
    const targets = [
      { kind: 'field', header: 'firstName' },
      { kind: 'field', header: 'lastName' },
      { kind: 'field', header: 'email' },
      { kind: 'field', header: 'external_id' },
      { kind: 'custom', name: 'shoe_size' },
    ] as const;
    const profile = profileFromMapping('From the app', {
      template: clientTether.id,
      fields: clientTether.fields.map((f) => f.header),
      columns: headers.map((header, i) => chosenColumn(i, header, targets[i])),
      noteField: 'whiteboard',
    });
    expect(await call('profiles:save', profile)).toEqual({ ok: true, value: undefined });
    expect(await readdir(join(config, 'profiles'))).toEqual(['From the app.json']);
    const mapped = JSON.parse((await listprep(config, 'map', reordered, '--json')).stdout);
    expect(mapped).toMatchObject({ source: 'profile', profile: 'From the app' });
    expect(mapped.mapping.map((m: { header: string; field: string | null }) => [m.header, m.field])).toEqual([
      ['Skostørrelse', null],
      ['E-post', 'email'],
      ['Fornavn', 'firstName'],
      ['Kundenr', 'external_id'],
      ['Etternavn', 'lastName'],
    ]);
    expect(await call('profiles:list')).toMatchObject({ ok: true, value: [{ name: 'From the app' }] });
  });
});
