import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serveApp } from '../../electron/serve/static-server';
import { apiPaths } from '../../shared/api';
import { type Listener, listenForRequests, networkAddressOfThisMachine } from '../fixtures/listener';
import { buildApp } from './app-server';
import { type Browser, launchBrowser } from './browser';
import { outputDir } from './pages/app-page';
import { openAppSession } from './pages/app-session';
import { startTestServer, type TestServer } from './upload-server';

// Where the app in Chromium sends the API key: the browser bridge under the shared transport policy, served by
// the real browser fallback (electron/serve/static-server.ts) as `npm start -- --web` serves it, with and
// without a lab server named at start (LISTPREP_INSECURE_SERVER). "Another computer" is this machine's network
// address, where a real listener or the real import server hears whatever is sent.

const networkHost = networkAddressOfThisMachine();
const list = 'First Name,Last Name,Email\nAda,Lovelace,ada@example.com\n';
/** What the import server says to every origin (server/http/cors.ts), so only the policy can stop a request. */
const cors = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'authorization, content-type, idempotency-key, accept',
  'Access-Control-Allow-Methods': 'GET, POST',
};

let browser: Browser;
let appDir: string;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  appDir = await buildApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const close of closers.splice(0).reverse()) await close();
});

async function served(insecureServer?: string): Promise<RunningServer> {
  const app = await serveApp(appDir, 0, { insecureServer });
  closers.push(() => app.close());
  return app;
}

async function listen(...args: Parameters<typeof listenForRequests>): Promise<Listener> {
  const listener = await listenForRequests(...args);
  closers.push(() => listener.close());
  return listener;
}

/** A new tab on the app with a list open, at the Upload step's connect form. */
async function uploadStep(
  app: RunningServer,
): Promise<{ page: Page; connect: (url: string) => Promise<void> }> {
  const session = await openAppSession(browser, app.url);
  const file = join(outputDir, 'transport-leads.csv');
  writeFileSync(file, list);
  await session.open.chooseFile(file);
  await session.open.continue();
  await session.map.continue();
  await session.fix.waitErrors(0);
  await session.upload.open();
  const connect = async (url: string) => {
    await session.page.getByTestId('upload-server').fill(url);
    await session.page.getByTestId('upload-key').fill('lpk_transport_0123456789abcdef');
    await session.page.getByRole('button', { name: 'Connect' }).click();
  };
  return { page: session.page, connect };
}

describe('the app in a browser, and where it sends the API key', () => {
  it('refuses plain http to another computer with the policy’s reason, and sends nothing', async () => {
    const lab = await listen(networkHost);
    const { page, connect } = await uploadStep(await served());
    await connect(lab.url);
    const error = page.getByTestId('upload-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(
      `Plain http would send the API key and the list unencrypted to ${lab.url.slice('http://'.length)}, readable by anyone on the network between. Use https:// (plain http is allowed only for a server on this computer). For a lab server without https, start ListPrep with LISTPREP_INSECURE_SERVER=http://host:port (see the README).`,
    );
    expect(lab.connections()).toBe(0);
    await page.close();
  });

  it('does not follow a redirect: the browser’s opaque answer is refused and the other server hears nothing', async () => {
    const elsewhere = await listen('127.0.0.1', () => [200, cors, '{}']);
    const redirecting = await listen('127.0.0.1', (heard) =>
      heard.method === 'OPTIONS'
        ? [204, cors, '']
        : [302, { ...cors, Location: `${elsewhere.url}${apiPaths.me()}` }, ''],
    );
    const { page, connect } = await uploadStep(await served());
    await connect(redirecting.url);
    const error = page.getByTestId('upload-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(
      `${redirecting.url.slice('http://'.length)} answered with a redirect, which ListPrep does not follow (the API key would go wherever it points). Give the address the import server answers on itself: often https:// rather than http://, or another path.`,
    );
    expect(redirecting.heard.filter((h) => h.method === 'GET').map((h) => h.url)).toEqual([apiPaths.me()]);
    expect(elsewhere.connections()).toBe(0);
    await page.close();
  });

  describe('with a lab server named at start (LISTPREP_INSECURE_SERVER)', () => {
    let lab: TestServer;

    beforeAll(async () => {
      lab = await startTestServer('Lab', networkHost);
      closers.push(() => lab.close());
    });

    it('connects to that server over plain http and says the connection is unencrypted', async () => {
      const { page } = await uploadStep(await served(lab.url()));
      await page.getByTestId('upload-server').fill(lab.url());
      await page.getByTestId('upload-key').fill(lab.seed.enterprise.apiKey);
      await page.getByRole('button', { name: 'Connect' }).click();
      await page.getByTestId('upload-connected').waitFor();
      expect(await page.getByTestId('upload-connected').textContent()).toContain(lab.url());
      expect(await page.getByTestId('upload-unencrypted').textContent()).toContain(
        'Anyone on the network between can read the API key and the list.',
      );
      await page.screenshot({ path: join(outputDir, 'upload-unencrypted.png') });
      await page.close();
    });

    it('still refuses plain http to any other computer', async () => {
      const other = await listen(networkHost);
      const { page, connect } = await uploadStep(await served(lab.url()));
      await connect(other.url);
      await page.getByTestId('upload-error').waitFor();
      expect(await page.getByTestId('upload-error').textContent()).toContain(
        'Plain http would send the API key',
      );
      expect(other.connections()).toBe(0);
      await page.close();
    });
  });
});
