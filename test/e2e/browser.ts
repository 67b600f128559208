import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

// Debian's Chromium, headless, with nothing that talks to the network on its own.
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type Browser = Readonly<{ context: BrowserContext; profileDir: string; close: () => Promise<void> }>;

/**
 * A browser with a persistent profile (IndexedDB survives a crashed page and a relaunch on the same profile).
 * Pass `profileDir` to relaunch on an existing profile.
 */
export async function launchBrowser(
  options: { profileDir?: string; keepProfile?: boolean } = {},
): Promise<Browser> {
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'listprep-e2e-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    args: chromiumArgs,
    acceptDownloads: true,
    viewport: { width: 1440, height: 900 },
  });
  // tsx (esbuild with keepNames) wraps functions in page.evaluate callbacks with __name(); give the page one.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  return {
    context,
    profileDir,
    close: async () => {
      await context.close().catch(() => {});
      if (!options.keepProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
