import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTether } from '../../shared/template';
import { type AppServer, buildApp, serveApp } from './app-server';
import { type Browser, launchBrowser } from './browser';
import { messyCsvBytes } from './messy-file';
import type { AppPage } from './pages/app-page';
import { outputDir } from './pages/app-page';
import { openAppSession } from './pages/app-session';
import type { FixPage } from './pages/fix-page';
import type { MapPage } from './pages/map-page';
import type { OpenPage } from './pages/open-page';
import type { ReviewPage } from './pages/review-page';

// One person's whole session, step by step, in order: each test continues where the last one stopped.

let server: AppServer;
let browser: Browser;
let page: Page;
let app: AppPage;
let open: OpenPage;
let map: MapPage;
let fix: FixPage;
let review: ReviewPage;
let pageErrors: string[];

beforeAll(async () => {
  server = await serveApp(await buildApp());
  browser = await launchBrowser();
  ({ page, app, open, map, fix, review, pageErrors } = await openAppSession(browser, server.url));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a person takes a messy trade-show list from file to CRM template', () => {
  it('opens a Windows-1252 semicolon file with title lines and sees the header row found below them', async () => {
    const file = join(outputDir, 'messy-contacts.csv');
    writeFileSync(file, messyCsvBytes());
    await open.chooseFile(file);
    expect(await open.encoding().inputValue()).toBe('windows-1252');
    expect(await open.delimiter().inputValue()).toBe(';');
    expect(await open.headerRow().textContent()).toBe('Row 4');
    expect(await open.rowCount().textContent()).toBe('7 contact rows found.');
    expect(await open.previewRow(5).textContent()).toContain('Økland');
    await app.screenshot('flow-01-open');
  });

  it('picks another header row with a click and back again', async () => {
    await open.chooseHeaderRow(2);
    expect(await open.headerRow().textContent()).toBe('Row 2');
    await open.chooseHeaderRow(4);
    expect(await open.headerRow().textContent()).toBe('Row 4');
  });

  it('fixes the mapping: the customer number is found by its name, job title goes to its field, shoe size stays an [import] note', async () => {
    await open.continue();
    expect(await map.confidence('Fornavn').textContent()).toMatch(/^High/);
    expect(await map.target('Kundenr').inputValue()).toBe('field:external_id');
    expect(await map.target('Stilling hos kunde').inputValue()).toBe('note');
    await map.mapTo('Stilling hos kunde', 'Job title (job_title)');
    await map.mapTo('Etternavn', 'Skip this column');
    expect(await map.requiredMessage().textContent()).toContain('Last name');
    await map.mapTo('Etternavn', 'Last name (lastName) *');
    expect(await map.requiredMessage().textContent()).toBe('All required fields are mapped.');
    await app.screenshot('flow-02-map');
    await map.continue();
  });

  it('shows every problem counted per column and marks problem cells with an icon and a spoken message', async () => {
    await fix.waitErrors(8);
    expect(await fix.warningCount()).toBe('2 warnings');
    const phone = await fix.cell(1, 'Mobile phone');
    await expect.poll(() => phone.getAttribute('class')).toContain('lp-cell-error');
    expect(await phone.locator('svg.lp-icon-error').count()).toBe(1);
    expect(await phone.locator('.lp-sr-only').textContent()).toMatch(
      /Error: Mobile phone must be exactly 10 digits/,
    );
    await app.screenshot('flow-03-fix');
  });

  it('jumps from the problems panel to the first bad phone and fixes the whole column after a preview', async () => {
    await fix.problemLine(/Mobile phone: not 10 digits, 3/).click();
    await expect.poll(() => fix.focused()).toMatchObject({ row: 1, colId: await fix.colId('Mobile phone') });
    await expect.poll(() => fix.cellPanel().textContent()).toContain('5551234567');
    await fix.cellPanel().getByRole('button', { name: 'Fix all in this column…' }).click();
    await fix.planDialog().waitFor();
    expect(await fix.planDialog().textContent()).toMatch(/\(555\) 123-4567\s*→\s*5551234567/);
    expect(await fix.planDialog().locator('tbody tr').count()).toBe(3);
    await app.screenshot('flow-04-fix-preview');
    await fix.applyPlan();
    await fix.waitErrors(5);
    expect(await fix.cellText(7, 'Mobile phone')).toBe('5559876543');
  });

  it('fixes one cell from the side panel: a state name becomes its code', async () => {
    await fix.select(2, 'State or province');
    await expect.poll(() => fix.cellPanel().textContent()).toContain('California');
    await fix.cellPanel().getByRole('button', { name: 'Fix this cell' }).click();
    await fix.waitErrors(4);
    expect(await fix.cellText(2, 'State or province')).toBe('CA');
  });

  it('edits cells by typing, and undoes and redoes with the keyboard', async () => {
    await fix.edit(4, 'Last name', 'Hansen');
    await fix.waitErrors(3);
    await fix.edit(5, 'Email', 'eve@example.com');
    await fix.waitErrors(2);
    await page.keyboard.press('Control+z');
    await fix.waitErrors(3);
    expect(await fix.cellText(5, 'Email')).toBe('eve@example');
    await page.keyboard.press('Control+Shift+z');
    await fix.waitErrors(2);
    expect(await fix.cellText(5, 'Email')).toBe('eve@example.com');
  });

  it('moves to the next problem with F8', async () => {
    await fix.select(1, 'First name');
    await page.keyboard.press('F8');
    await expect.poll(() => fix.focused()).toMatchObject({ row: 1, colId: await fix.colId('Email') });
  });

  it('resolves duplicates: merges the two Bob Smiths and corrects the shared email', async () => {
    await fix.toolbarButton(/^Duplicates/).click();
    const dialog = fix.duplicatesDialog();
    await dialog.getByTestId('duplicate-group').nth(1).waitFor();
    expect(await dialog.getByTestId('duplicate-group').count()).toBe(2);
    await app.screenshot('flow-05-duplicates');
    const bobs = dialog.getByTestId('duplicate-group').filter({ hasText: 'Looks like the same person' });
    await bobs.getByRole('button', { name: 'Merge into this one… (Row 2)' }).click();
    // The merged record first: the list always has a notes column, so the email that does not win goes to the
    // notes and nothing is dropped.
    const merge = dialog.getByTestId('merge-preview');
    await merge.waitFor();
    expect(await merge.getByRole('group', { name: 'Email' }).getByRole('radio').count()).toBe(2);
    expect(await merge.getByTestId('merge-notes').textContent()).toMatch(/@/);
    expect(await merge.getByTestId('merge-dropped').count()).toBe(0);
    await app.screenshot('flow-05b-merge-preview');
    await merge.getByRole('button', { name: /^Merge$/ }).click();
    await expect.poll(() => dialog.getByTestId('duplicate-group').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByTestId('row-total').textContent()).toBe('6 rows');
    await fix.edit(3, 'Email', 'carla@example.com');
    await fix.waitErrors(0);
    expect(await fix.warningCount()).toBe('0 warnings');
    await app.screenshot('flow-06-clean');
  });

  it('replaces text in one column after a preview', async () => {
    await page.keyboard.press('Control+f');
    const panel = page.getByTestId('find-panel');
    await panel.getByLabel('Find').fill('Acme');
    await panel.getByLabel('Replace with').fill('Acme Inc.');
    await panel.getByLabel('In', { exact: true }).selectOption({ label: 'Company' });
    await panel.getByRole('button', { name: 'Replace all…' }).click();
    await fix.planDialog().waitFor();
    expect(await fix.planDialog().locator('tbody tr').count()).toBe(1);
    await fix.applyPlan();
    await expect.poll(() => fix.cellText(2, 'Company')).toBe('Acme Inc.');
    await panel.getByRole('button', { name: 'Close' }).click();
  });

  it('exports the template workbook, whose data sheet holds the fixed rows under the CRM headers', async () => {
    await app.waitSaved();
    await fix.toReview();
    expect(await review.count('rows').textContent()).toBe('6');
    expect(await review.count('errors').textContent()).toBe('0');
    expect(await review.button(/template workbook/).isEnabled()).toBe(true);
    await app.screenshot('flow-07-review');
    const download = await review.download(/template workbook/);
    const path = join(outputDir, 'flow-export.xlsx');
    await download.saveAs(path);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(readFileSync(path)).buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(clientTether.sheets);
    const sheet = workbook.getWorksheet('Header File')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(clientTether.fields.map((f) => f.header));
    const column = (header: string) => headers.indexOf(header) + 1;
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2));
    const text = (row: ExcelJS.Row, header: string) => String(row.getCell(column(header)).value ?? '');
    expect(rows.map((r) => text(r, 'firstName'))).toEqual(['Åse', 'Bob', 'Carla', 'Dag', 'Eve', 'François']);
    expect(text(rows[0], 'phone')).toBe('5551234567');
    expect(text(rows[1], 'state')).toBe('CA');
    expect(text(rows[1], 'compName')).toBe('Acme Inc.');
    expect(text(rows[2], 'email')).toBe('carla@example.com');
    expect(text(rows[3], 'lastName')).toBe('Hansen');
    expect(text(rows[3], 'external_id')).toBe('K-1004');
    expect(text(rows[0], 'job_title')).toBe('Daglig leder');
    expect(text(rows[5], 'compName')).toBe('Café “Le Coin”');
    expect(text(rows[0], 'whiteboard')).toBe('[import] Skostørrelse: 41');
  });

  it('exports the CSV and the error report too', async () => {
    const csv = await review.download(/Download CSV/);
    const csvText = readFileSync(await csv.path(), 'utf8');
    expect(csvText.split('\r\n')[0]).toBe(clientTether.fields.map((f) => f.header).join(','));
    expect(csvText.split('\r\n').filter(Boolean)).toHaveLength(7);
    const report = await review.download(/error report/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(readFileSync(await report.path())).buffer);
    expect(book.worksheets.length).toBeGreaterThan(0);
  });

  it('raised no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
