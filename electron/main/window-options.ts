// The options of every app window. Each webPreferences line is a choice from Electron's security checklist;
// window-options.test.ts pins them, so relaxing one is a visible, reviewed change.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { Rect } from './window-state';
import { minimumSize } from './window-state';

export type WindowOptionsInput = Readonly<{
  preloadPath: string;
  bounds: Rect;
  /** Developer tools only in a development build. */
  devTools: boolean;
  iconPath?: string;
}>;

export function windowOptions({
  preloadPath,
  bounds,
  devTools,
  iconPath,
}: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: minimumSize.width,
    minHeight: minimumSize.height,
    title: 'ListPrep',
    ...(iconPath ? { icon: iconPath } : {}),
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      // The preload runs in its own JavaScript world; the page cannot reach its objects or Electron's.
      contextIsolation: true,
      // The renderer process runs in Chromium's OS-level sandbox, and so does the preload.
      sandbox: true,
      // No Node.js in the page, its workers or any frame.
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // Same-origin policy on; no http content inside the app's secure origin.
      webSecurity: true,
      allowRunningInsecureContent: false,
      // No experimental or extra Blink features, no <webview>.
      experimentalFeatures: false,
      webviewTag: false,
      // A file dropped outside the app's drop zone must not replace the app with the file.
      navigateOnDragDrop: false,
      // Contact data is personal: no spellchecker (which would download dictionaries and see every cell).
      spellcheck: false,
      // A page that opens dialog after dialog can be silenced by the user.
      safeDialogs: true,
      devTools,
    },
  };
}
