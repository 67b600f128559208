// The browser fallback of `npm start`, end to end: the real renderer, built by Vite, served by static-server.ts
// with the strict CSP, opened in Chromium. Opening a file must reach the grid (worker, AG Grid's nonce-tagged
// styles) without a single CSP violation or page error. Skips where Debian's chromium is not installed.
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serveApp } from './static-server';

const projectDir = join(import.meta.dirname, '..', '..');
const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

describe('the browser fallback', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let work: string;

  beforeAll(async () => {
    if (!chromiumPath) return;
    work = await mkdtemp(join(tmpdir(), 'listprep-fallback-'));
    const { build } = await import('vite');
    // Its own output folder, so this never races another test that builds dist/renderer.
    await build({
      configFile: join(projectDir, 'renderer/vite.config.ts'),
      logLevel: 'error',
      build: { outDir: join(work, 'renderer'), emptyOutDir: true, sourcemap: false },
    });
    await writeFile(join(work, 'contacts.csv'), 'First Name,Last Name,Email\nAda,Lovelace,ada@example\n');
    server = await serveApp(join(work, 'renderer'), 0);
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs the real app under the strict CSP, from opening a file to the grid', async (ctx) => {
    if (!browser || !server) return ctx.skip('no chromium installed (Debian package chromium)');
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      // The browser's own favicon request is not the app's.
      if (message.location().url.endsWith('/favicon.ico')) return;
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text()))
        problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(server.url);
    const chooser = page.waitForEvent('filechooser');
    await page.getByText('Choose file…').click();
    await (await chooser).setFiles(join(work, 'contacts.csv'));
    await page.getByRole('button', { name: 'Continue to mapping' }).click();
    await page.getByRole('button', { name: 'Continue to fixing' }).click();
    await page.getByRole('gridcell', { name: /ada@example/ }).waitFor({ timeout: 15_000 });
    // Every <style> AG Grid injected carries the page's nonce (a blocked one would also show in `problems`).
    const styles = await page
      .locator('style')
      .evaluateAll((nodes) => nodes.every((node) => (node as unknown as { nonce: string }).nonce !== ''));
    expect(styles).toBe(true);
    expect(problems).toEqual([]);
  }, 60_000);
});
