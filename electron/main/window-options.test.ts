import { describe, expect, it } from 'vitest';
import { windowOptions } from './window-options';

describe('window options', () => {
  const options = windowOptions({
    preloadPath: '/app/dist/electron/preload.cjs',
    bounds: { x: 10, y: 20, width: 1200, height: 800 },
    devTools: false,
  });

  it('turn on every isolation the security checklist asks for', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });

  it('load only our preload and set nothing that widens what a page may do', () => {
    const prefs = options.webPreferences ?? {};
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
    for (const risky of [
      'enableBlinkFeatures',
      'additionalArguments',
      'partition',
      'session',
      'plugins',
      'offscreen',
    ]) {
      expect(prefs, risky).not.toHaveProperty(risky);
    }
  });

  it('use the placed bounds and stay hidden until the page is ready', () => {
    expect(options).toMatchObject({ x: 10, y: 20, width: 1200, height: 800, show: false });
  });
});
