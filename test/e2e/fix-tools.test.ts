import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, buildApp, serveApp } from './app-server';
import { type Browser, launchBrowser } from './browser';
import { AppPage, chooseFileWith, outputDir, recordPageProblems } from './pages/app-page';
import { FixPage } from './pages/fix-page';
import { MapPage } from './pages/map-page';
import { OpenPage } from './pages/open-page';
import { lookupsAnswer } from '../fixtures/lookups-answer';

// The Fix screen's tools one by one, on small files written for each: sorting and filtering, rows with
// problems only, fill down, rows added and deleted, lookups with name dropdowns, Norwegian, and opening an
// Excel workbook or a dropped file.

let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveApp(await buildApp());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const contacts = [
  'firstName,lastName,email,phone,action_plan_id,tag',
  'Cora,Young,cora@example.com,5551110001,11,vip',
  'Anna,Berg,anna@example.com,555-111-0002,12,',
  'Bo,Lund,bo@example,5551110003,99,',
  'Dina,Aas,dina@example.com,5551110004,,',
  'Eli,Moe,eli@example.com,5551110005,,',
].join('\r\n');

async function openList(page: Page, name: string, text: string): Promise<FixPage> {
  const file = join(outputDir, name);
  writeFileSync(file, text);
  const app = new AppPage(page);
  await app.goto(server.url);
  await new OpenPage(page).chooseFile(file);
  await new OpenPage(page).continue();
  await new MapPage(page).continue();
  return new FixPage(page);
}

/** Every page's uncaught errors and AG Grid console errors (see recordPageProblems). */
const pageProblems: string[] = [];

async function newPage(): Promise<Page> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(30_000);
  recordPageProblems(page, pageProblems);
  return page;
}

/** Row numbers (# column) in the order the grid shows them. */
async function shownRows(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.ag-row[row-index]')]
      .sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')))
      .map((row) => Number(row.getAttribute('row-id')) + 1),
  );
}

describe('the Fix screen tools', () => {
  it('sorts a column with its header sort button and filters it with its filter button', async () => {
    const page = await newPage();
    const fix = await openList(page, 'tools-sort.csv', contacts);
    const sort = page.locator(`.ag-header-cell[col-id="${await fix.colId('First name')}"] .lp-col-sort`);
    await sort.click();
    await expect.poll(() => shownRows(page)).toEqual([2, 3, 1, 4, 5]);
    await expect.poll(() => page.locator('.ag-header-cell[aria-sort="ascending"]').count()).toBe(1);
    await sort.click();
    await expect.poll(() => shownRows(page)).toEqual([5, 4, 1, 3, 2]);
    await sort.click();
    const lastName = await fix.colId('Last name');
    await page.locator(`.ag-header-cell[col-id="${lastName}"] .lp-col-filter`).click();
    await page.locator('.ag-filter-body input').first().fill('e');
    await expect.poll(() => shownRows(page)).toEqual([2, 5]);
    await new AppPage(page).screenshot('tools-01-filter');
    await page.locator('.ag-filter-body input').first().fill('');
    await page.keyboard.press('Escape');
    await expect.poll(() => shownRows(page)).toEqual([1, 2, 3, 4, 5]);
    await page.close();
  });

  it('shows only rows with problems, fills down and adds and deletes rows, all undoable', async () => {
    const page = await newPage();
    const fix = await openList(page, 'tools-rows.csv', contacts);
    await page.getByLabel('Only rows with problems').check();
    await expect.poll(() => shownRows(page)).toEqual([2, 3]);
    await page.getByLabel('Only rows with problems').uncheck();
    await expect.poll(() => shownRows(page)).toEqual([1, 2, 3, 4, 5]);

    await fix.select(1, 'Tags');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Control+d');
    await expect.poll(() => fix.cellText(5, 'Tags')).toBe('vip');
    await page.keyboard.press('Control+z');
    await expect.poll(() => fix.cellText(5, 'Tags')).toBe('');

    await fix.select(2, 'First name');
    await fix.toolbarButton('Add row').click();
    await expect.poll(() => shownRows(page)).toEqual([1, 2, 6, 3, 4, 5]);
    await expect.poll(() => fix.focused()).toMatchObject({ row: 6 });
    await fix.toolbarButton('Delete row').click();
    await expect.poll(() => shownRows(page)).toEqual([1, 2, 3, 4, 5]);
    await page.keyboard.press('Control+z');
    await expect.poll(() => shownRows(page)).toEqual([1, 2, 6, 3, 4, 5]);
    await page.close();
  });

  it('checks a custom-field column as the account’s field when the lookups file is the server’s answer', async () => {
    const page = await newPage();
    const file = join(outputDir, 'tools-custom.csv');
    writeFileSync(
      file,
      [
        'firstName,lastName,email,Shoe size',
        'Cora,Young,cora@example.com,41',
        'Anna,Berg,anna@example.com,XL',
      ].join('\r\n'),
    );
    await new AppPage(page).goto(server.url);
    await new OpenPage(page).chooseFile(file);
    await new OpenPage(page).continue();
    const map = new MapPage(page);
    await map.customField('Shoe size', 'shoe_size');
    await map.continue();
    const fix = new FixPage(page);
    // The server's `GET …/lookups` answer, saved whole: it names the account's custom fields.
    const answer = join(outputDir, 'account-lookups-answer.json');
    writeFileSync(
      answer,
      JSON.stringify(
        lookupsAnswer({ customFields: [{ id: '1', key: 'shoe_size', label: 'Shoe size', kind: 'whole' }] }),
      ),
    );
    await chooseFileWith(page, answer, () => fix.toolbarButton('Load lookups file…').click());
    await expect(new AppPage(page).notice('info').textContent()).resolves.toContain('Lookups loaded');
    const bad = await fix.cell(2, 'Shoe size');
    await expect.poll(() => bad.getAttribute('class')).toContain('lp-cell-error');
    const good = await fix.cell(1, 'Shoe size');
    expect(await good.getAttribute('class')).not.toContain('lp-cell-error');
    await page.close();
  });

  it('offers names from a lookups file for ID columns and flags IDs the account does not have', async () => {
    const page = await newPage();
    const fix = await openList(page, 'tools-lookups.csv', contacts);
    const lookups = join(outputDir, 'account-lookups.json');
    writeFileSync(
      lookups,
      JSON.stringify({
        actionPlans: [
          { id: '11', name: 'Welcome series' },
          { id: '12', name: 'Trade show follow-up' },
          { id: '13', name: 'Quiet nurture' },
        ],
      }),
    );
    await chooseFileWith(page, lookups, () => fix.toolbarButton('Load lookups file…').click());
    await expect(new AppPage(page).notice('info').textContent()).resolves.toContain(
      'Lookups loaded (3 entries)',
    );
    await expect.poll(() => fix.cellText(1, 'Action plan ID')).toBe('11 · Welcome series');
    const unknown = await fix.cell(3, 'Action plan ID');
    await expect.poll(() => unknown.getAttribute('class')).toContain('lp-cell-error');
    await fix.select(3, 'Action plan ID');
    await expect.poll(() => fix.cellPanel().textContent()).toContain('Use one of: 11 (Welcome series), 12');
    await page.keyboard.press('F2');
    const select = page.locator('select.lp-select-editor');
    await select.waitFor();
    expect(await select.locator('option').allTextContents()).toEqual([
      '—',
      'Welcome series (11)',
      'Trade show follow-up (12)',
      'Quiet nurture (13)',
      '99',
    ]);
    await new AppPage(page).screenshot('tools-02-lookup-dropdown');
    await select.selectOption({ label: 'Quiet nurture (13)' });
    await page.keyboard.press('Enter');
    await fix.settled();
    await expect.poll(() => fix.cellText(3, 'Action plan ID')).toBe('13 · Quiet nurture');
    await expect.poll(() => unknown.getAttribute('class')).not.toContain('lp-cell-error');
    await page.close();
  });

  it('speaks Norwegian when switched: the screen and every validation message', async () => {
    const page = await newPage();
    const fix = await openList(page, 'tools-nb.csv', contacts);
    await new AppPage(page).setLanguage('Norsk bokmål');
    await expect
      .poll(() => page.getByRole('toolbar').getByRole('button', { name: 'Neste problem' }).count())
      .toBe(1);
    const email = await fix.cell(3, 'E-post');
    await expect
      .poll(() => email.locator('.lp-sr-only').textContent())
      .toMatch(/Feil: E-post er ikke en gyldig e-postadresse/);
    await fix.select(2, 'Mobiltelefon');
    await expect.poll(() => fix.cellPanel().textContent()).toMatch(/nøyaktig 10 sifre/);
    await new AppPage(page).screenshot('tools-03-norwegian');
    await new AppPage(page).setLanguage('English');
    await expect
      .poll(() => email.locator('.lp-sr-only').textContent())
      .toMatch(/Error: Email is not a valid email address/);
    await page.close();
  });

  it('opens an Excel workbook with a title row, keeping leading zeros and dates as text', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Kontakter');
    sheet.addRow(['Customer list 2024']);
    sheet.addRow(['First Name', 'Last Name', 'Email', 'Zip', 'Created']);
    sheet.addRow(['Ola', 'Nordmann', 'ola@example.com', '02134', new Date(Date.UTC(2021, 2, 4))]);
    const file = join(outputDir, 'tools-workbook.xlsx');
    await book.xlsx.writeFile(file);
    const page = await newPage();
    await new AppPage(page).goto(server.url);
    const open = new OpenPage(page);
    await open.chooseFile(file);
    expect(await open.headerRow().textContent()).toBe('Row 2');
    await open.continue();
    await new MapPage(page).continue();
    const fix = new FixPage(page);
    expect(await fix.cellText(1, 'ZIP or postal code')).toBe('02134');
    expect(await fix.cellText(1, 'Created on')).toBe('2021-03-04');
    await page.close();
  });

  it('opens a dropped file and lists it under recent files for next time', async () => {
    const page = await newPage();
    const app = new AppPage(page);
    await app.goto(server.url);
    const open = new OpenPage(page);
    await open.dropFile('dropped-contacts.csv', new TextEncoder().encode(contacts));
    expect(await open.rowCount().textContent()).toBe('5 contact rows found.');
    await page.reload();
    await open.recentFile('dropped-contacts.csv').click();
    await page.getByTestId('preview').waitFor();
    expect(await open.rowCount().textContent()).toBe('5 contact rows found.');
    await page.close();
  });

  it('used only grid features whose AG Grid modules are registered, and raised no page error', () => {
    expect(pageProblems).toEqual([]);
  });
});
