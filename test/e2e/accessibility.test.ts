import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, buildApp, serveApp } from './app-server';
import { type Browser, launchBrowser } from './browser';
import { messyCsvBytes } from './messy-file';
import { outputDir } from './pages/app-page';
import { type AppSession, openAppSession } from './pages/app-session';
import { seriousViolations } from './pages/axe';
import { startTestServer, type TestServer } from './upload-server';

// axe-core over every screen as a person reaches it, dialogs and panels open: no serious or critical
// violation. Each test continues where the last one stopped.

let appServer: AppServer;
let server: TestServer;
let browser: Browser;
let s: AppSession;

beforeAll(async () => {
  [server, appServer] = await Promise.all([startTestServer('Axe Check'), buildApp().then(serveApp)]);
  browser = await launchBrowser();
  s = await openAppSession(browser, appServer.url);
});

afterAll(async () => {
  await browser?.close();
  await appServer?.close();
  await server?.close();
});

describe('axe-core finds no serious or critical violation', () => {
  it('on the Open screen, before and after a file is chosen', async () => {
    expect(await seriousViolations(s.page)).toEqual([]);
    const file = join(outputDir, 'axe-contacts.csv');
    writeFileSync(file, messyCsvBytes());
    await s.open.chooseFile(file);
    await s.app.screenshot('axe-01-open');
    expect(await seriousViolations(s.page)).toEqual([]);
  });

  it('on the Map screen', async () => {
    await s.open.continue();
    await s.map.target('Fornavn').waitFor();
    await s.app.screenshot('axe-02-map');
    expect(await seriousViolations(s.page)).toEqual([]);
  });

  it('on the Fix screen with a range selected, the cell panel, the duplicates and the find panel', async () => {
    await s.map.continue();
    await s.fix.waitErrors(8);
    await s.fix.select(1, 'Mobile phone');
    await s.page.keyboard.press('Shift+ArrowDown');
    await s.page.keyboard.press('Shift+ArrowRight');
    await s.app.screenshot('axe-03-fix');
    expect(await seriousViolations(s.page)).toEqual([]);
    await s.fix.toolbarButton(/^Duplicates/).click();
    await s.fix.duplicatesDialog().waitFor();
    expect(await seriousViolations(s.page)).toEqual([]);
    await s.fix.duplicatesDialog().getByRole('button', { name: 'Close' }).click();
    await s.page.keyboard.press('Control+f');
    await s.page.getByTestId('find-panel').waitFor();
    expect(await seriousViolations(s.page)).toEqual([]);
    await s.page.getByTestId('find-panel').getByRole('button', { name: 'Close' }).click();
  });

  it('on the Review screen', async () => {
    await s.fix.toReview();
    await s.page.getByTestId('review-counts').waitFor();
    await s.app.screenshot('axe-04-review');
    expect(await seriousViolations(s.page)).toEqual([]);
  });

  it('on the Upload screen, before and after connecting, with an account and its action plans', async () => {
    await s.upload.open();
    expect(await seriousViolations(s.page)).toEqual([]);
    await s.upload.connect(server.url(), server.seed.enterprise.apiKey);
    await s.upload.chooseAccount('Axe Check North');
    await s.app.screenshot('axe-05-upload');
    expect(await seriousViolations(s.page)).toEqual([]);
  });

  it('in Norwegian too', async () => {
    await s.app.setLanguage('Norsk bokmål');
    expect(await seriousViolations(s.page)).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
