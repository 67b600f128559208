import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTether } from '../../shared/template';
import { type AppServer, buildApp, serveApp } from './app-server';
import { type Browser, launchBrowser } from './browser';
import { outputDir } from './pages/app-page';
import { startTestServer, type TestServer } from './upload-server';
import { type AppSession, openAppSession } from './pages/app-session';

// Duplicates merged with the person's pick per field, and a list split into the rows the CRM may take and
// an error report for the rest: both files downloaded, opened and read back.

let server: AppServer;
let importServer: TestServer;
let browser: Browser;

beforeAll(async () => {
  [importServer, server] = await Promise.all([startTestServer('Split'), buildApp().then(serveApp)]);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await importServer?.close();
});

async function openList(name: string, text: string, errors: number): Promise<AppSession> {
  const session = await openAppSession(browser, server.url);
  const file = join(outputDir, name);
  writeFileSync(file, text);
  await session.open.chooseFile(file);
  await session.open.continue();
  await session.map.continue();
  await session.fix.waitErrors(errors);
  return session;
}

async function readSheet(path: string, sheet?: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(readFileSync(path)).buffer);
  const found = sheet ? book.getWorksheet(sheet) : book.worksheets[0];
  if (!found) throw new Error(`no sheet ${sheet}`);
  const out: string[][] = [];
  found.eachRow((row) => {
    out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
  });
  return out;
}

describe('merging duplicates field by field', () => {
  it('merges with the value the person picked for a field and keeps the other in the notes', async () => {
    const { page, fix, app, pageErrors } = await openList(
      'merge-pick.csv',
      [
        'firstName,lastName,email,phone,company,notes',
        'Bob,Smith,bob@example.com,5551110001,Acme,met at the fair',
        'Bob,Smith,bob@example.com,5559990000,Acme Inc,',
        'Cora,Young,cora@example.com,5551110003,Birch,',
      ].join('\r\n'),
      2,
    );
    await fix.toolbarButton(/^Duplicates/).click();
    const dialog = fix.duplicatesDialog();
    await dialog.getByRole('button', { name: 'Merge into this one… (Row 1)' }).click();
    const merge = dialog.getByTestId('merge-preview');
    const phone = merge.getByRole('group', { name: 'Mobile phone' });
    // The kept row wins until the person picks another value.
    expect(await phone.getByRole('radio', { name: /5551110001/ }).isChecked()).toBe(true);
    await phone.getByRole('radio', { name: /5559990000/ }).check();
    await expect
      .poll(() => merge.getByTestId('merge-notes').textContent())
      .toContain('[merge] Mobile phone: 5551110001');
    expect(await merge.getByTestId('merge-notes').textContent()).toContain('[merge] Company: Acme Inc');
    await app.screenshot('problem-rows-01-merge-pick');
    await merge.getByRole('button', { name: 'Merge' }).click();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByTestId('row-total').textContent()).toBe('2 rows');
    await fix.waitErrors(0);
    expect(await fix.cellText(1, 'Mobile phone')).toBe('5559990000');
    expect(await fix.cellText(1, 'Company')).toBe('Acme');
    const notes = await fix.cellText(1, 'Whiteboard notes');
    expect(notes.split('\n')).toEqual([
      'met at the fair',
      '[merge] Mobile phone: 5551110001',
      '[merge] Company: Acme Inc',
    ]);
    // One undo step takes the merge back.
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('row-total').textContent()).toBe('3 rows');
    expect(await fix.cellText(1, 'Mobile phone')).toBe('5551110001');
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

// Five contacts, two with an error: Bo's email has no domain ending, Dina's phone is two digits.
const twoBadRows = [
  'firstName,lastName,email,phone',
  'Ann,Berg,ann@example.com,5551110001',
  'Bo,Lund,bo@example,5551110002',
  'Cora,Young,cora@example.com,5551110003',
  'Dina,Aas,dina@example.com,12',
  'Eli,Moe,eli@example.com,5551110005',
].join('\r\n');

describe('splitting off the rows with errors', () => {
  it('says the counts first, then saves the clean rows as the template and the rest as the error report', async () => {
    const { page, fix, review, app, pageErrors } = await openList('split.csv', twoBadRows, 2);
    await fix.toReview();
    const split = page.getByTestId('split');
    await expect
      .poll(() => split.getByTestId('split-counts').textContent())
      .toBe(
        '3 rows have no errors and can go to the CRM; 2 rows with errors go to an error report for the customer.',
      );
    expect(await review.button(/^Download template workbook/).isDisabled()).toBe(true);
    await app.screenshot('problem-rows-02-split');

    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await split.getByRole('button', { name: 'Template workbook (.xlsx) + error report' }).click();
    await expect.poll(() => downloads.length).toBe(2);
    const [clean, report] = downloads;
    expect(clean.suggestedFilename()).toBe('split-clienttether.xlsx');
    expect(report.suggestedFilename()).toBe('split-errors.xlsx');
    await expect
      .poll(() => app.notice('info').textContent())
      .toBe('Saved split-clienttether.xlsx (3 rows) and split-errors.xlsx (2 rows with errors).');

    const cleanPath = join(outputDir, 'split-clean.xlsx');
    await clean.saveAs(cleanPath);
    const cleanRows = await readSheet(cleanPath, 'Header File');
    const headers = clientTether.fields.map((f) => f.header);
    expect(cleanRows[0]).toEqual(headers);
    const first = headers.indexOf('firstName');
    expect(cleanRows.slice(1).map((r) => r[first])).toEqual(['Ann', 'Cora', 'Eli']);

    const reportPath = join(outputDir, 'split-report.xlsx');
    await report.saveAs(reportPath);
    const reportRows = await readSheet(reportPath);
    expect(reportRows.slice(1).map((r) => r[first])).toEqual(['Bo', 'Dina']);
    const problems = reportRows[0].indexOf('Problems');
    expect(problems).toBeGreaterThan(0);
    expect(reportRows[1][problems]).toMatch(/Email/);
    expect(reportRows[2][problems]).toMatch(/Mobile phone/);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('uploads only the rows without errors, counts said first, and saves the rest as the error report', async () => {
    const { page, upload, app, pageErrors } = await openList('split-upload.csv', twoBadRows, 2);
    await upload.open();
    await upload.connect(importServer.url(), importServer.seed.enterprise.apiKey);
    await upload.chooseAccount('Split North');
    const split = page.getByTestId('upload-split');
    const cleanOnly = split.getByRole('checkbox', {
      name: 'Send only the 3 rows without errors; the 2 rows with errors stay in the list for the error report',
    });
    await cleanOnly.check();
    await upload.confirmCompliance();
    await upload.dryRun();
    await expect.poll(() => upload.dryRunCount('created').textContent()).toBe('3');
    expect(await upload.dryRunCount('rejected').textContent()).toBe('0');
    await app.screenshot('problem-rows-03-upload-clean');
    const result = await upload.importAndWait();
    expect(await result.getAttribute('data-status')).toBe('completed');
    expect(await upload.resultCount('created').textContent()).toBe('3');
    const north = importServer.seed.subAccounts[0];
    const answer = await importServer.client(north.apiKey).contacts(String(north.accountId), { limit: 100 });
    if (!answer.ok) throw new Error(answer.failure.message);
    expect(answer.value.contacts.map((c) => c.fields.email).sort()).toEqual([
      'ann@example.com',
      'cora@example.com',
      'eli@example.com',
    ]);

    const report = page.waitForEvent('download');
    await split.getByRole('button', { name: 'Download the error report (2 rows)' }).click();
    const path = join(outputDir, 'split-upload-report.xlsx');
    await (await report).saveAs(path);
    const rows = await readSheet(path);
    const first = rows[0].indexOf('firstName');
    expect(rows.slice(1).map((r) => r[first])).toEqual(['Bo', 'Dina']);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
