import { describe, expect, it } from 'vitest';
import {
  denyAllPermissions,
  hardenContents,
  type PolicyContents,
  type PolicySession,
} from './web-contents-policy';

type Listener = (event: { preventDefault(): void }, url?: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents = {
    on(name: string, listener: Listener) {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
      openHandler = handler;
    },
  } as PolicyContents;
  const fire = (name: string, url?: string) => {
    let prevented = false;
    listeners.get(name)?.({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('hardening a page', () => {
  it('cancels navigation away from the app and opens only web links externally', () => {
    const opened: string[] = [];
    const page = fakeContents();
    hardenContents(page.contents, (url) => opened.push(url));
    expect(page.fire('will-navigate', 'app://listprep/index.html')).toBe(false);
    expect(page.fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(page.fire('will-navigate', 'file:///home/u/contacts.csv')).toBe(true);
    expect(page.fire('will-redirect', 'https://example.com/')).toBe(true);
    expect(opened).toEqual(['https://example.com/']);
  });

  it('denies every new window, handing web links to the browser', () => {
    const opened: string[] = [];
    const page = fakeContents();
    hardenContents(page.contents, (url) => opened.push(url));
    expect(page.open('https://example.com/docs')).toEqual({ action: 'deny' });
    expect(page.open('app://listprep/index.html')).toEqual({ action: 'deny' });
    expect(page.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/docs']);
  });

  it('refuses to attach a webview', () => {
    const page = fakeContents();
    hardenContents(page.contents, () => {});
    expect(page.fire('will-attach-webview')).toBe(true);
  });
});

describe('permissions', () => {
  it('answers no to every permission request, check and device request', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session: PolicySession = {
      setPermissionRequestHandler: (h) => {
        handlers.request = h as never;
      },
      setPermissionCheckHandler: (h) => {
        handlers.check = h as never;
      },
      setDevicePermissionHandler: (h) => {
        handlers.device = h as never;
      },
    };
    denyAllPermissions(session);
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      (handlers.request as (c: unknown, p: string, cb: (granted: boolean) => void) => void)(
        {},
        permission,
        (g) => answers.push(g),
      );
      answers.push((handlers.check as (c: unknown, p: string) => boolean)({}, permission));
    }
    answers.push((handlers.device as () => boolean)());
    expect(answers).toHaveLength(11);
    expect(answers.every((a) => a === false)).toBe(true);
  });
});
