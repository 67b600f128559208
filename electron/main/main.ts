// The Electron main process: wiring only. Every decision lives in a plain module beside this file (tested in
// Node without Electron); this file connects them to Electron's objects. Bundled to dist/electron/main.cjs.
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  net,
  type OpenDialogOptions,
  protocol,
  type SaveDialogOptions,
  safeStorage,
  screen,
  session,
  shell,
  webContents,
} from 'electron';
import { appScheme, windowUrl } from '../common/app-origin';
import { handleAppRequest } from './app-protocol';
import { insecureServerSetting, insecureServerVariable } from '../../shared/upload/transport-policy';
import { createConnection } from './connection';
import { createCredentialStore, type Encryptor } from './credential-store';
import { createFileService, type FileDialogs } from './file-service';
import { identifyKey } from './identify-key';
import { registerIpc } from './ipc';
import { createJournalStore } from './journal';
import { filesFromArgv } from './launch-files';
import { createMainHandlers } from './main-handlers';
import { menuTemplate } from './menu';
import { createRecentFiles } from './recent-files';
import { profilesDir } from '../../node-shared/config-dir';
import { profileStoreAt } from '../../node-shared/profile-folder';
import { denyAllPermissions, hardenContents } from './web-contents-policy';
import { windowOptions } from './window-options';
import { createWindowStateStore, placeWindow } from './window-state';

// Before `ready`: app:// is a standard, secure origin (so the page gets a real origin, fetch and module
// workers), and it is not CSP-exempt (no bypassCSP): our own CSP headers apply to it.
protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

// One data folder name in development and in the installed app (the package name differs between the two);
// tests and portable setups may point it elsewhere.
app.setPath('userData', process.env.LISTPREP_USER_DATA || join(app.getPath('appData'), 'ListPrep'));

const log = (message: string, error?: unknown): void => {
  console.error(`[listprep] ${message}`, ...(error === undefined ? [] : [error]));
};

/**
 * The lab server a person allowed plain http to by starting the app with LISTPREP_INSECURE_SERVER: read here
 * once, out of reach of every window. A value of the wrong form allows nothing and is said on stderr.
 */
function insecureHttpTo(): readonly string[] {
  const setting = insecureServerSetting(process.env[insecureServerVariable]);
  if (!setting.ok) log(setting.error.message);
  else if (setting.value.length > 0)
    log(`plain http (unencrypted) is allowed to ${setting.value.join(', ')}`);
  return setting.ok ? setting.value : [];
}

// One process owns the data folder (journal, settings); a second launch hands its files to it and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  const rendererDir = join(__dirname, '..', 'renderer');
  const preloadPath = join(__dirname, 'preload.cjs');
  const devTools = !app.isPackaged;
  const userData = app.getPath('userData');
  const liveContents = new Set<number>();
  const windowState = createWindowStateStore(join(userData, 'window-state.json'));
  const recent = createRecentFiles({ file: join(userData, 'recent-files.json') });
  const queuedFiles: string[] = filesFromArgv(process.argv, process.cwd());
  let ready = false;

  const windowFor = (contentsId: number): BrowserWindow | null => {
    const contents = webContents.fromId(contentsId);
    return contents ? BrowserWindow.fromWebContents(contents) : null;
  };

  const listFilters = [
    { name: 'Contact lists', extensions: ['csv', 'tsv', 'txt', 'xlsx'] },
    { name: 'All files', extensions: ['*'] },
  ];
  const saveFilters = {
    xlsx: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
    csv: [{ name: 'CSV', extensions: ['csv'] }],
    json: [{ name: 'JSON', extensions: ['json'] }],
  };

  const dialogs: FileDialogs = {
    async chooseFileToOpen(owner) {
      const options: OpenDialogOptions = { properties: ['openFile'], filters: listFilters };
      const parent = windowFor(owner);
      const answer = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options);
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    },
    async chooseSavePath(owner, defaultPath, kind) {
      const options: SaveDialogOptions = {
        defaultPath,
        filters: saveFilters[kind],
        properties: ['showOverwriteConfirmation'],
      };
      const parent = windowFor(owner);
      const answer = parent
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options);
      return answer.canceled ? null : (answer.filePath ?? null);
    },
  };

  // safeStorage's synchronous API (Electron 42). Linux without a keyring reports `basic_text`: that is
  // obfuscation with a hard-coded password, so it counts as unavailable and the key stays in memory only.
  const encryptor: Encryptor = {
    async isAvailable() {
      if (!safeStorage.isEncryptionAvailable()) return false;
      return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
    },
    encrypt: async (text) => safeStorage.encryptString(text),
    decrypt: async (bytes) => safeStorage.decryptString(Buffer.from(bytes)),
  };

  const files = createFileService({
    dialogs,
    recent,
    documentsDir: app.getPath('documents'),
    onOpened: (path) => app.addRecentDocument(path),
  });

  async function openWindow(open?: string): Promise<void> {
    const displays = screen.getAllDisplays();
    const primary = screen.getPrimaryDisplay();
    const workAreas = [primary, ...displays.filter((d) => d.id !== primary.id)].map((d) => d.workArea);
    const openBounds = BrowserWindow.getAllWindows().map((w) => w.getBounds());
    const placed = placeWindow(await windowState.load(), workAreas, openBounds);
    const iconPath = app.isPackaged ? undefined : join(__dirname, '..', '..', 'build', 'icon.png');
    const window = new BrowserWindow(
      windowOptions({ preloadPath, bounds: placed.bounds, devTools, iconPath }),
    );
    const contentsId = window.webContents.id;
    liveContents.add(contentsId);
    if (placed.maximized) window.maximize();
    window.once('ready-to-show', () => window.show());
    window.on('close', () => {
      void windowState.save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() }).catch(log);
    });
    window.on('closed', () => liveContents.delete(contentsId));
    // A crashed page loses nothing (the journal has every edit); offer to reload it, which offers restore.
    window.webContents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit') return;
      log(`renderer gone: ${details.reason}`);
      void dialog
        .showMessageBox(window, {
          type: 'warning',
          message: 'This ListPrep window stopped working.',
          detail: 'Your edits were autosaved. Reload the window to restore them.',
          buttons: ['Reload', 'Close'],
        })
        .then(({ response }) => (response === 0 ? window.reload() : window.close()));
    });
    await window.loadURL(windowUrl(open));
  }

  /** Opens a file the OS gave us (double click, "open with", second launch, dock drop) in its own window. */
  async function openFromOutside(path: string): Promise<void> {
    const admitted = await files.admit(path);
    if (!admitted.ok) {
      await dialog.showMessageBox({ type: 'error', message: admitted.error.message });
      return;
    }
    await openWindow(path);
  }

  const openQueued = (paths: string[]): void => {
    if (!ready) {
      queuedFiles.push(...paths);
      return;
    }
    for (const path of paths) void openFromOutside(path).catch(log);
  };

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const paths = filesFromArgv(argv, workingDirectory);
    if (paths.length > 0) return openQueued(paths);
    const existing = BrowserWindow.getAllWindows()[0];
    if (existing) {
      if (existing.isMinimized()) existing.restore();
      existing.focus();
    } else if (ready) {
      void openWindow().catch(log);
    }
  });

  // macOS delivers "open with" and dock drops as an event, possibly before `ready`.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openQueued([path]);
  });

  // Every page the app ever creates gets the navigation policy, including any a bug might create.
  app.on('web-contents-created', (_event, contents) => {
    hardenContents(contents, (url) => void shell.openExternal(url).catch(log));
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (ready && BrowserWindow.getAllWindows().length === 0) void openWindow().catch(log);
  });

  void app.whenReady().then(async () => {
    denyAllPermissions(session.defaultSession);
    protocol.handle(appScheme, (request) => handleAppRequest(request, rendererDir));

    const connection = createConnection({
      store: createCredentialStore({ file: join(userData, 'connection.bin'), encryptor }),
      // Chromium's network stack: the system's proxy settings and certificate store apply.
      fetch: (url, init) => net.fetch(url, init),
      insecureHttpTo: insecureHttpTo(),
      identify: identifyKey,
    });
    const handlers = createMainHandlers({
      files,
      journal: createJournalStore({ dir: join(userData, 'journal') }),
      // The configuration folder the CLI uses too (not userData): `listprep map --save` and the app share it.
      profiles: profileStoreAt(profilesDir()),
      connection,
      isAlive: (id) => liveContents.has(id),
      log,
    });
    registerIpc(handlers, log, connection.request);

    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(process.platform, devTools, {
          newWindow: () => void openWindow().catch(log),
          openFile: () =>
            void dialogs
              .chooseFileToOpen(-1)
              .then((path) => (path ? openFromOutside(path) : undefined))
              .catch(log),
        }),
      ),
    );

    ready = true;
    const initial = queuedFiles.splice(0);
    if (initial.length === 0) await openWindow();
    else for (const path of initial) await openFromOutside(path);
  });
}
