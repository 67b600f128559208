import type { Bridge } from '../../shared/bridge';
import { withEarlierProfiles } from './earlier-profiles';
import { webProfiles } from './web-profiles';

// The Bridge in the desktop app: the object electron/preload/index.ts exposes as window.listprep (typed there
// with `satisfies Bridge`). Nothing here talks to Electron; it hands the preload's object to the app, with the
// mapping profiles earlier versions kept in the window's local storage still offered (earlier-profiles.ts).
// A window opened for a file (double click, second launch) carries `?open=<handle>`: call reopenFile(handle).

function desktopBridge(): Bridge {
  const exposed = (globalThis as { listprep?: Bridge }).listprep;
  if (exposed?.platform !== 'electron') {
    throw new Error('bridge.electron.ts loaded outside the desktop app; use bridge.web.ts');
  }
  return { ...exposed, profiles: withEarlierProfiles(exposed.profiles, webProfiles(localStorage)) };
}

export const electronBridge = desktopBridge() satisfies Bridge;
export default electronBridge;
