// Where the app lives. Electron serves the built renderer from this privileged custom scheme instead of
// file:// (Electron security checklist: file:// pages get extra privileges and share one origin with every
// local file); every IPC sender and navigation is checked against it.

export const appScheme = 'app';
export const appHost = 'listprep';
export const appOrigin = `${appScheme}://${appHost}`;
/** The page every window loads. */
export const appEntryUrl = `${appOrigin}/index.html`;

/** True for a URL of our own app (scheme and host exactly), false for anything else or garbage. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}

/**
 * The page a window loads. `open` is the handle of a file the window should open at once (a double-clicked
 * .csv, a second launch): the renderer reads it from `?open=` and calls `listprep.reopenFile(handle)`.
 */
export function windowUrl(open?: string): string {
  const url = new URL(appEntryUrl);
  if (open) url.searchParams.set('open', open);
  return url.toString();
}
