import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, buildApp, serveApp } from './app-server';
import { type Browser, launchBrowser } from './browser';
import { chooseFileWith, outputDir } from './pages/app-page';
import { type AppSession, openAppSession } from './pages/app-session';
import { startTestServer, type TestServer } from './upload-server';

// The flow's rough edges, as a new user meets them: a notice that must follow the language and the list, the
// Review screen's way on, a list with no rows, the focus and the cell panel agreeing under a filter, and
// what the browser says about the API key.

let server: AppServer;
let uploadServer: TestServer;
let browser: Browser;

beforeAll(async () => {
  [uploadServer, server] = await Promise.all([startTestServer('Edges'), buildApp().then(serveApp)]);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await uploadServer?.close();
});

const phones = [
  'firstName,lastName,email,phone',
  'Ann,Berg,ann@example.com,(555) 111-0001',
  'Bo,Lund,bo@example.com,(555) 111-0002',
  'Cora,Young,cora@example.com,5551110003',
  'Dina,Aas,dina@example.com,(555) 111-0004',
].join('\r\n');

async function openList(name: string, text: string, errors: number | null): Promise<AppSession> {
  const s = await openAppSession(browser, server.url);
  const file = join(outputDir, name);
  writeFileSync(file, text);
  await s.open.chooseFile(file);
  await s.open.continue();
  if (errors === null) {
    await s.page.getByRole('button', { name: 'Continue to fixing' }).click();
    await s.page.getByTestId('error-count').waitFor();
  } else {
    await s.map.continue();
    await s.fix.waitErrors(errors);
  }
  return s;
}

describe('the flow', () => {
  it('says "Changed N cells" in the language shown, and takes it back when the list changes again', async () => {
    const { page, fix, app } = await openList('edges-notice.csv', phones, 3);
    await fix.problemLine(/Mobile phone: not 10 digits, 3/).click();
    await fix.cellPanel().getByRole('button', { name: 'Fix all in this column…' }).click();
    await fix.planDialog().waitFor();
    await fix.applyPlan();
    await fix.waitErrors(0);
    await expect.poll(() => app.notice('info').textContent()).toBe('Changed 3 cells. Undo with Ctrl+Z.');
    const pillHeights = () =>
      page
        .locator('.lp-step')
        .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().height)));
    const englishPills = await pillHeights();
    await app.setLanguage('Norsk bokmål');
    await expect.poll(() => app.notice('info').textContent()).toBe('Endret 3 celler. Angre med Ctrl+Z.');
    // The step pills stay on one line each in the longer language: as tall as the English ones.
    expect(await pillHeights()).toEqual(englishPills);
    await app.screenshot('edges-01-norwegian');
    await app.setLanguage('English');
    // A later edit: Ctrl+Z would now undo that edit, not the fix, so the hint goes.
    await fix.edit(1, 'First name', 'Anne');
    await expect.poll(() => app.notice('info').count()).toBe(0);
    await page.close();
  });

  it('asks for "de N feilene" in Norwegian and goes on from Review to Upload', async () => {
    const { page, fix, review, app } = await openList(
      'edges-review.csv',
      phones.replace('5551110003', '12'),
      4,
    );
    await app.setLanguage('Norsk bokmål');
    await fix.toReview();
    expect(await review.reason().textContent()).toBe(
      'Rett de 4 feilene først: CRM-et importerer ingenting når en rad har feil. Feilrapporten er tilgjengelig.',
    );
    await app.setLanguage('English');
    // On a small window the step's main action stays in view, and the step names do not break.
    const pillHeights = () =>
      page
        .locator('.lp-step')
        .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().height)));
    const wide = await pillHeights();
    await page.setViewportSize({ width: 1024, height: 420 });
    expect(await pillHeights()).toEqual(wide);
    const next = page.getByTestId('to-upload');
    const box = await next.boundingBox();
    expect(box && box.y + box.height <= 420).toBe(true);
    await app.screenshot('edges-02-review-short');
    await next.click();
    await page.getByTestId('upload-screen').waitFor();
    await page.close();
  });

  it('says a header-only file has nothing to export instead of "ready to export"', async () => {
    const { page, review, fix } = await openList(
      'edges-empty.csv',
      'firstName,lastName,email,phone\r\n',
      null,
    );
    await fix.toReview();
    expect(await review.count('rows').textContent()).toBe('0');
    expect(await review.reason().textContent()).toBe(
      'The list has no rows: the file holds its header and nothing below it. There is nothing to export.',
    );
    expect(await review.button(/^Download template workbook/).isDisabled()).toBe(true);
    expect(await page.getByTestId('to-upload').isDisabled()).toBe(true);
    await page.close();
  });

  it('keeps the focused cell and the cell panel on the same row with "Only rows with problems" on', async () => {
    const { page, fix } = await openList('edges-filter.csv', phones, 3);
    await fix.select(3, 'Last name');
    await fix.showOnlyProblemRows(true);
    await expect.poll(() => fix.shownRows()).toEqual([1, 2, 4]);
    const panelRow = async () => {
      const text = (await fix.cellPanel().locator('.lp-cell-where').textContent()) ?? '';
      return Number(/^Row (\d+)/.exec(text)?.[1] ?? 0);
    };
    const focusedRow = async () => (await fix.focused())?.row ?? 0;
    expect(await panelRow()).toBe(await focusedRow());
    await fix.select(4, 'Email');
    await expect.poll(panelRow).toBe(4);
    expect(await focusedRow()).toBe(4);
    await page.keyboard.press('ArrowUp');
    await expect.poll(panelRow).toBe(2);
    expect(await focusedRow()).toBe(2);
    await page.close();
  });

  it('tells a browser user that a reload asks for the API key again, as it does', async () => {
    const s = await openList('edges-key.csv', phones, 3);
    await s.upload.open();
    await s.upload.connect(uploadServer.url(), uploadServer.seed.enterprise.apiKey);
    await s.page.reload();
    await s.page.getByRole('heading', { level: 1 }).waitFor();
    // The list comes back from the journal; the key does not.
    await s.page
      .getByTestId('unsaved-list')
      .filter({ hasText: 'edges-key.csv' })
      .getByRole('button', { name: 'Restore' })
      .click();
    await s.upload.open();
    expect(await s.page.getByTestId('upload-key').inputValue()).toBe('');
    expect(await s.upload.connected().count()).toBe(0);
    expect(await s.page.getByText(/only while this page is open/).textContent()).toBe(
      'Kept by this computer for this app only; in a browser, only while this page is open (a reload asks for it again).',
    );
    await s.page.close();
  });

  it('forgets a file that failed to open: recent files offer only what opens', async () => {
    const s = await openAppSession(browser, server.url);
    const good = join(outputDir, 'edges-good.csv');
    writeFileSync(good, phones);
    await s.open.chooseFile(good);
    // A workbook cut short: the zip's signature, then nothing a reader can use.
    const broken = join(outputDir, 'edges-broken.xlsx');
    writeFileSync(broken, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 1, 2, 3, 4, 5]));
    await chooseFileWith(s.page, broken, () => s.page.getByRole('button', { name: 'Choose file' }).click());
    await s.app.notice('error').waitFor();
    await s.page.reload();
    await s.page.getByRole('heading', { name: 'Recent files' }).waitFor();
    await expect.poll(() => s.open.recentFile('edges-good.csv').count()).toBe(1);
    expect(await s.open.recentFile('edges-broken.xlsx').count()).toBe(0);
    await s.page.close();
  });
});
