import type { AppBridge } from './app-bridge';
import { webBridge } from './bridge.web';

// Electron's preload puts `window.listprep` on the page; anywhere else the browser bridge is used. The
// Electron adapter is looked up with a glob so the app builds before (and without) that file.
const electronModules = import.meta.glob<Record<string, unknown>>('./bridge.electron.ts');

function isBridge(value: unknown): value is AppBridge {
  return typeof value === 'object' && value !== null && 'openFile' in value && 'journal' in value;
}

export async function pickBridge(): Promise<AppBridge> {
  const load = electronModules['./bridge.electron.ts'];
  if (load && 'listprep' in window) {
    const module = await load();
    const bridge = [module.default, module.electronBridge, ...Object.values(module)].find(isBridge);
    if (bridge) return bridge;
  }
  return webBridge;
}
