import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFailureText } from '../../shared/codec';
import { templateWorkbookChunks } from '../../shared/export';
import { clientTether } from '../../shared/template';
import { refusedWorkbooks } from '../fixtures/files/crafted-workbooks';
import { xlsx } from '../fixtures/files/xlsx-bytes';
import { generateContacts } from '../fixtures/generate-contacts';
import { type AppServer, buildApp, serveApp } from './app-server';
import { type Browser, launchBrowser } from './browser';
import { AppPage, chooseFileWith, outputDir, recordPageProblems } from './pages/app-page';
import { FixPage } from './pages/fix-page';
import { MapPage } from './pages/map-page';
import { OpenPage } from './pages/open-page';

// Excel workbooks in the app: a 100,000-row workbook ListPrep exported (it unpacks to more than the 100 MB
// the app refused before) opens with its preview, its mapping and the validated grid, streamed like a CSV;
// a spreadsheet's error value is a cell error; a hidden sheet is never offered; each workbook crafted to
// attack the reader is refused in one line (read from the File in the worker, inflated by Chromium's own
// DecompressionStream). The million-row workbook is opened by the bench (LISTPREP_BENCH_WORKBOOK=app-million
// npm run bench workbook): reading and validating it took 170 s in Chromium on the shared machine, too long
// for a test; this 100,000-row one takes the same path.

const rowCount = 100_000;
const headers = clientTether.fields.map((f) => f.header);
const col = (header: string) => headers.indexOf(header);
const bigFile = join(outputDir, 'workbook-100k.xlsx');
const smallFile = join(outputDir, 'workbook-errors.xlsx');

let server: AppServer;
let browser: Browser;
const pageProblems: string[] = [];

/** The template workbook of generated contacts, written a chunk at a time as `listprep export` writes it. */
function writeBigWorkbook(): void {
  const { rows } = generateContacts(rowCount, { seed: 9, errorRate: 0 });
  rows.forEach((row, i) => {
    row[col('email')] = `contact${i}@example.com`;
    for (const c of [col('phone'), col('second_Phone')])
      if (row[c]) row[c] = `${2 + (i % 8)}${String(i).padStart(9, '0')}`;
  });
  // One spreadsheet error value, as a formula that failed would leave it.
  rows[4][col('email')] = '#N/A';
  const fd = openSync(bigFile, 'w');
  try {
    for (const chunk of templateWorkbookChunks({ template: clientTether }, rows)) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

beforeAll(async () => {
  mkdirSync(outputDir, { recursive: true });
  writeBigWorkbook();
  writeFileSync(
    smallFile,
    xlsx([
      {
        name: 'Secret',
        rows: [
          ['firstName', 'lastName'],
          ['Mallory', 'Evil'],
        ],
        state: 'veryHidden',
      },
      {
        name: 'Kontakter',
        rows: [
          ['First Name', 'Last Name', 'Email', 'Phone'],
          ['Ola', 'Nordmann', 'ola@example.com', { f: 'VLOOKUP(A2,X:Y,2,0)', v: '#N/A', t: 'e' }],
          ['Kari', 'Nordmann', { error: '#REF!' }, { n: 5551234567 }],
        ],
      },
      { name: 'Notes', rows: [['a note']], state: 'hidden' },
    ]),
  );
  server = await serveApp(await buildApp());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(): Promise<Page> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(60_000);
  recordPageProblems(page, pageProblems);
  await new AppPage(page).goto(server.url);
  return page;
}

describe('Excel workbooks in the app', () => {
  it('opens a 100,000-row workbook ListPrep exported: preview, mapping, every row validated in the grid', async () => {
    const page = await newPage();
    const open = new OpenPage(page);
    await open.chooseFile(bigFile);
    expect(await open.previewRow(2).locator('td').first().textContent()).toBe(
      generateContacts(1, { seed: 9, errorRate: 0 }).rows[0][0],
    );
    await page
      .getByTestId('row-count')
      .filter({ hasText: '100,000 contact rows found.' })
      .waitFor({ timeout: 120_000 });
    await new AppPage(page).screenshot('workbook-00-open-100k');
    await open.continue();
    await new MapPage(page).continue();
    const fix = new FixPage(page);
    await fix.waitErrors(1);
    expect(await fix.cellText(5, 'Email')).toBe('#N/A');
    expect(await (await fix.cell(5, 'Email')).getAttribute('class')).toContain('lp-cell-error');
    await page.getByText('100,000 rows', { exact: true }).waitFor();
    await new AppPage(page).screenshot('workbook-01-grid-100k');
    await page.close();
  }, 240_000);

  it("marks a spreadsheet's error values as cell errors and never offers a hidden sheet", async () => {
    const page = await newPage();
    const open = new OpenPage(page);
    await open.chooseFile(smallFile);
    const sheetPicker = page.locator('.lp-format select');
    expect(await sheetPicker.locator('option').allTextContents()).toEqual(['Kontakter']);
    expect(await page.getByTestId('row-count').textContent()).toBe('2 contact rows found.');
    await open.continue();
    await new MapPage(page).continue();
    const fix = new FixPage(page);
    await fix.waitErrors(2);
    for (const [row, title, value] of [
      [1, 'Mobile phone', '#N/A'],
      [2, 'Email', '#REF!'],
    ] as const) {
      expect(await fix.cellText(row, title)).toBe(value);
      expect(await (await fix.cell(row, title)).getAttribute('class')).toContain('lp-cell-error');
    }
    await (await fix.cell(1, 'Mobile phone')).click();
    await expect.poll(() => fix.cellPanel().textContent()).toContain('spreadsheet error #N/A');
    await new AppPage(page).screenshot('workbook-02-error-values');
    await page.close();
  });

  it('refuses each workbook crafted to attack the reader in one line that says why, and shows none of its rows', async () => {
    const page = await newPage();
    const app = new AppPage(page);
    for (const { name, bytes, code } of refusedWorkbooks()) {
      const path = join(outputDir, `workbook-crafted-${name}`);
      writeFileSync(path, bytes);
      await chooseFileWith(page, path, () => page.getByRole('button', { name: /Choose file/ }).click());
      await app.notice('error').waitFor();
      const text = (await app.notice('error').textContent()) ?? '';
      expect([name, text]).toEqual([name, `This file cannot be opened: ${readFailureText('en', { code })}`]);
      expect(await page.getByTestId('preview').count(), name).toBe(0);
      if (name === 'padded-bomb.xlsx') await app.screenshot('workbook-03-crafted-refused');
      await page.getByRole('alert').getByRole('button').click();
      await app.notice('error').waitFor({ state: 'detached' });
    }
    await page.close();
  }, 120_000);

  it('raised no page error', () => {
    expect(pageProblems).toEqual([]);
  });
});
