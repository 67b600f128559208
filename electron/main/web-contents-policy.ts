// Applies the navigation and permission policy to every page and session the app creates. Written against
// the small slice of Electron it uses, so tests drive it with fakes.
import { decideNavigation, decideWindowOpen } from './navigation-policy';

type PreventableEvent = { preventDefault(): void };

/** The slice of WebContents the policy hooks into. */
export type PolicyContents = {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: PreventableEvent, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
};

/** The slice of Session whose permission handlers the policy sets. */
export type PolicySession = {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: () => boolean): void;
};

/**
 * Denies every navigation away from the app and every new window; web links the user follows are handed to
 * `openExternal` (shell.openExternal) after the check in navigation-policy.ts.
 */
export function hardenContents(contents: PolicyContents, openExternal: (url: string) => void): void {
  const guard = (event: PreventableEvent, url: string): void => {
    const decision = decideNavigation(url);
    if (decision.allow) return;
    event.preventDefault();
    if (decision.openExternally) openExternal(decision.openExternally);
  };
  contents.on('will-navigate', guard);
  // A redirect can only start from an allowed navigation, but an app:// page never redirects off the app.
  contents.on('will-redirect', (event, url) => {
    if (!decideNavigation(url).allow) event.preventDefault();
  });
  // <webview> is disabled in the window options; this also refuses one a compromised page might inject.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) openExternal(decision.openExternally);
    return { action: 'deny' };
  });
}

/**
 * ListPrep needs no camera, microphone, location, notifications, clipboard-read, USB, HID or serial access:
 * every permission request and check is answered no, so a compromised page cannot ask the user for one.
 */
export function denyAllPermissions(session: PolicySession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
