// What a page may navigate to and open (Electron security checklist: limit navigation, limit new windows,
// do not hand untrusted input to shell.openExternal). The app never navigates anywhere but its own pages and
// never opens windows of its own accord; a web link the user clicks opens in the system browser, and only
// when it is a plain http(s) address (not file:, smb:, javascript:, custom app schemes…).
import { isAppUrl } from '../common/app-origin';

/** The address to hand to the system browser, or null when the link must simply be dropped. */
export function externalLinkTarget(url: string): string | null {
  if (url.length > 2048) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  // user:password@host links are a phishing trick; there is no reason for the app to follow one.
  if (parsed.username || parsed.password || !parsed.hostname) return null;
  return parsed.toString();
}

export type NavigationDecision = Readonly<{ allow: boolean; openExternally: string | null }>;

/** A navigation of a window's page: our own pages are allowed; web links go to the browser; all else is dropped. */
export function decideNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return { allow: true, openExternally: null };
  return { allow: false, openExternally: externalLinkTarget(url) };
}

/** window.open and target=_blank: never a new Electron window; web links go to the browser. */
export function decideWindowOpen(url: string): NavigationDecision {
  return { allow: false, openExternally: externalLinkTarget(url) };
}
