import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, buildApp, serveApp } from './app-server';
import { type Browser, launchBrowser } from './browser';
import { foldKey } from '../../shared/fix';
import { headersSignature } from '../../shared/mapping';
import { encodeWindows1252, messyCsvBytes, messyHeaders, messyRows } from './messy-file';
import { AppPage, chooseFileWith, outputDir } from './pages/app-page';
import { FixPage } from './pages/fix-page';
import { MapPage } from './pages/map-page';
import { OpenPage } from './pages/open-page';

// The Open and Map screens' choices: how the file is read, and a mapping saved once and offered again, also
// when the same export comes back with its columns in another order.

let server: AppServer;
let browser: Browser;
let page: Page;
let open: OpenPage;
let map: MapPage;
const file = join(outputDir, 'open-map-contacts.csv');
const reorderedFile = join(outputDir, 'open-map-reordered.csv');

/** The messy file's columns, last first and without its title lines: the same export, rearranged. */
function reorderedCsvBytes(): Uint8Array {
  const order = messyHeaders.map((_, i) => messyHeaders.length - 1 - i);
  const lines = [messyHeaders, ...messyRows].map((row) => order.map((i) => row[i]).join(';'));
  return encodeWindows1252(`${lines.join('\r\n')}\r\n`);
}

beforeAll(async () => {
  writeFileSync(file, messyCsvBytes());
  writeFileSync(reorderedFile, reorderedCsvBytes());
  server = await serveApp(await buildApp());
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.setDefaultTimeout(30_000);
  open = new OpenPage(page);
  map = new MapPage(page);
  await new AppPage(page).goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('reading the file and saving a mapping', () => {
  it('reads the file again with another delimiter and back', async () => {
    await open.chooseFile(file);
    await open.delimiter().selectOption(',');
    await expect.poll(() => open.previewRow(5).textContent()).toContain('Åse;Økland;ase@example.com');
    await open.delimiter().selectOption(';');
    await expect.poll(() => open.previewRow(5).locator('td').first().textContent()).toBe('Åse');
    expect(await open.rowCount().textContent()).toBe('7 contact rows found.');
  });

  it('shows the first 100 lines of a long file, drawing more of them as the preview is scrolled', async () => {
    const long = join(outputDir, 'open-map-long.csv');
    const lines = ['First Name,Last Name,Email'];
    for (let i = 1; i <= 300; i++) lines.push(`Person${i},Long,person${i}@example.com`);
    writeFileSync(long, `${lines.join('\r\n')}\r\n`);
    await open.chooseFile(long);
    const rows = page.locator('[data-testid="preview"] tr[data-line]');
    const first = await rows.count();
    expect(first).toBeLessThan(100);
    for (let tries = 0; tries < 20 && (await rows.count()) < 100; tries++) {
      await page.getByTestId('preview').evaluate((box) => box.scrollTo(0, box.scrollHeight));
      await page.waitForTimeout(100);
    }
    expect(await rows.count()).toBe(100);
    expect(await open.previewRow(100).locator('td').first().textContent()).toBe('Person99');
    await new AppPage(page).screenshot('open-map-00-long-preview');
    await open.chooseFile(file);
  });

  it('says which lines were left out as titles', async () => {
    expect(await page.getByTestId('left-out').textContent()).toContain('2 title lines');
  });

  it('offers a saved mapping the next time the same columns come in', async () => {
    await open.continue();
    await map.mapTo('Kundenr', 'External ID (external_id)');
    await map.customField('Skostørrelse', 'shoe_size');
    await page.getByLabel('Mapping name').fill('Oslo trade show');
    await page.getByRole('button', { name: 'Save this mapping' }).click();
    await page.getByTestId('notice-info').waitFor();

    await page.reload();
    await open.chooseFile(file);
    await open.continue();
    expect(await map.target('Skostørrelse').inputValue()).toBe('note');
    const offer = page.getByTestId('profile-offer');
    expect(await offer.textContent()).toContain('Oslo trade show');
    await offer.getByRole('button', { name: 'Use it' }).click();
    expect(await map.target('Kundenr').inputValue()).toBe('field:external_id');
    expect(await map.target('Skostørrelse').inputValue()).toBe('custom');
    await new AppPage(page).screenshot('open-map-01-profile');
  });

  it('keeps the mapping in shared/mapping’s profile format, the one `listprep map --save` writes', async () => {
    const stored = await page.evaluate(() => localStorage.getItem('listprep.mappingProfiles'));
    const [profile] = JSON.parse(stored ?? '[]') as Record<string, unknown>[];
    expect(profile).toMatchObject({
      format: 'listprep-mapping-profile',
      version: 1,
      name: 'Oslo trade show',
      signature: headersSignature(messyHeaders),
    });
    expect(profile.columns).toContainEqual({ header: 'Kundenr', field: 'external_id' });
  });

  it('offers it for the same columns in another order and applies it to the right columns', async () => {
    await page.reload();
    await open.chooseFile(reorderedFile);
    await open.continue();
    expect(await map.target('Skostørrelse').inputValue()).toBe('note');
    const offer = page.getByTestId('profile-offer');
    expect(await offer.textContent()).toContain('Oslo trade show');
    await offer.getByRole('button', { name: 'Use it' }).click();
    expect(await map.target('Kundenr').inputValue()).toBe('field:external_id');
    expect(await map.target('Skostørrelse').inputValue()).toBe('custom');
    expect(await map.target('Fornavn').inputValue()).toBe('field:firstName');
    expect(await map.target('E-post').inputValue()).toBe('field:email');
    await new AppPage(page).screenshot('open-map-02-profile-reordered');

    await map.continue();
    const fix = new FixPage(page);
    expect(await fix.cellText(1, 'First name')).toBe('Åse');
    expect(await fix.cellText(1, 'Email')).toBe('ase@example.com');
    expect(await fix.cellText(1, 'External ID')).toBe('K-1001');
    expect(await fix.cellText(2, 'shoe_size')).toBe('44');
    await new AppPage(page).screenshot('open-map-03-reordered-grid');
  });

  it('forgets a saved mapping when asked, and offers it no more', async () => {
    await page.reload();
    await open.chooseFile(file);
    await open.continue();
    const offer = page.getByTestId('profile-offer');
    await offer.getByRole('button', { name: 'Forget it' }).click();
    expect(await new AppPage(page).notice('info').textContent()).toContain('“Oslo trade show” is forgotten');
    expect(await offer.count()).toBe(0);
    const stored = await page.evaluate(() => localStorage.getItem('listprep.mappingProfiles'));
    expect(JSON.parse(stored ?? '[]')).toEqual([]);
    await page.reload();
    await open.chooseFile(file);
    await open.continue();
    await page.getByTestId('required-missing').waitFor();
    expect(await offer.count()).toBe(0);
  });

  it('refuses a mapping name no profile file can have, saying which names are fine', async () => {
    await page.getByLabel('Mapping name').fill('Kunder/Oslo');
    await page.getByRole('button', { name: 'Save this mapping' }).click();
    expect(await new AppPage(page).notice('error').textContent()).toContain('up to 64 letters');
    expect(await page.evaluate(() => localStorage.getItem('listprep.mappingProfiles'))).toBe('[]');
  });

  it('offers a mapping the app saved in its first format and keeps it in the shared format from then on', async () => {
    const targets = messyHeaders.map((header) =>
      header === 'Kundenr' ? { kind: 'field', header: 'external_id' } : { kind: 'note' },
    );
    const oldSignature = messyHeaders.map(foldKey).join('\u0001');
    await page.evaluate(
      (entry) => localStorage.setItem('listprep.mappingProfiles', JSON.stringify([entry])),
      { name: 'First format', signature: oldSignature, targets },
    );
    await page.reload();
    await open.chooseFile(file);
    await open.continue();
    const offer = page.getByTestId('profile-offer');
    expect(await offer.textContent()).toContain('First format');
    await offer.getByRole('button', { name: 'Use it' }).click();
    expect(await map.target('Kundenr').inputValue()).toBe('field:external_id');
    const stored = await page.evaluate(() => localStorage.getItem('listprep.mappingProfiles'));
    expect(JSON.parse(stored ?? '[]')).toMatchObject([
      { format: 'listprep-mapping-profile', name: 'First format', signature: headersSignature(messyHeaders) },
    ]);
  });
});

describe('a file that cannot be opened', () => {
  it("says why in the language shown, not in the reader's English", async () => {
    // The first bytes of an Excel 97-2003 workbook (a compound file): the reader refuses it by its signature.
    const legacy = join(outputDir, 'open-map-legacy.xls');
    const signature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    writeFileSync(legacy, Uint8Array.from([...signature, ...new Array<number>(504).fill(0)]));
    const app = new AppPage(page);
    await page.reload();
    await app.setLanguage('Norsk bokmål');
    await chooseFileWith(page, legacy, () => page.getByRole('button', { name: 'Velg fil' }).click());
    await expect
      .poll(() => app.notice('error').textContent())
      .toContain('Filen kan ikke åpnes: dette er en gammel Excel 97-2003-arbeidsbok (.xls)');
    await app.screenshot('open-refused-nb');
    await app.setLanguage('English');
    await chooseFileWith(page, legacy, () => page.getByRole('button', { name: 'Choose file' }).click());
    await expect
      .poll(() => app.notice('error').textContent())
      .toContain('This file cannot be opened: this is an old Excel 97-2003 workbook (.xls)');
  });
});
