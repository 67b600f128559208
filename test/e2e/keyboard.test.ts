import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, buildApp, serveApp } from './app-server';
import { type Browser, launchBrowser } from './browser';
import { messyCsvBytes } from './messy-file';
import { AppPage, outputDir } from './pages/app-page';
import { FixPage } from './pages/fix-page';

// The whole flow without a mouse: Tab, Enter, typing, arrows and the shortcuts, with the focus visible at
// every step.

let server: AppServer;
let browser: Browser;
let page: Page;
let fix: FixPage;
/** What the file chooser gets when it opens (listening from the start: Playwright must intercept it). */
let nextFile = '';

type Focused = { text: string; tag: string; outline: string; testid: string | null };

async function focused(): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : null;
    return {
      // The accessible name, roughly: aria-label, then a <label>, then the text.
      text: (
        el?.getAttribute('aria-label') ||
        (el as HTMLInputElement | null)?.labels?.[0]?.textContent ||
        el?.textContent ||
        ''
      ).trim(),
      tag: el?.tagName.toLowerCase() ?? '',
      outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
      testid: el?.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
    };
  });
}

/** Presses Tab until the focused element is the one wanted (at most 60 times); fails otherwise. */
async function tabUntil(wanted: (state: Focused) => boolean, what: string, shift = false): Promise<Focused> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
    const now = await focused();
    if (wanted(now)) return now;
  }
  throw new Error(`Tab never reached ${what}`);
}

function tabTo(name: RegExp, shift = false): Promise<Focused> {
  return tabUntil((state) => name.test(state.text), String(name), shift);
}

/** The focus ring a keyboard user sees: a solid outline at least 2 px wide. */
function expectVisibleFocus(state: Focused): void {
  expect(state.outline).toMatch(/^solid ([2-9]|\d\d)/);
}

beforeAll(async () => {
  server = await serveApp(await buildApp());
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.setDefaultTimeout(30_000);
  fix = new FixPage(page);
  page.on('filechooser', (chooser) => void chooser.setFiles(nextFile));
  await new AppPage(page).goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('keyboard only', () => {
  it('opens a file and picks the header row with Tab, arrows and Enter, the focus always visible', async () => {
    const file = join(outputDir, 'keyboard-contacts.csv');
    writeFileSync(file, messyCsvBytes());
    const skip = await tabTo(/Skip to content/);
    expectVisibleFocus(skip);
    const choose = await tabTo(/Choose file/);
    expectVisibleFocus(choose);
    nextFile = file;
    await page.keyboard.press('Enter');
    await page.getByTestId('preview').waitFor();
    // The preview is one Tab stop, on the header row found; arrows move inside it.
    const header = await tabTo(/^Row 4, the header row$/);
    expectVisibleFocus(header);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
    expect((await focused()).text).toBe('Row 1: use as the header row');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('header-row').textContent()).toBe('Row 1');
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    // Line 3 is blank, so not a row: two steps down from line 1 is line 4.
    for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowDown');
    expect((await focused()).text).toBe('Row 4: use as the header row');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('header-row').textContent()).toBe('Row 4');
    // From the preview to Continue takes a Tab or two, not one per row.
    let tabs = 0;
    await tabUntil((state) => {
      tabs++;
      return /Continue to mapping/.test(state.text);
    }, 'Continue to mapping');
    expect(tabs).toBeLessThanOrEqual(2);
    await page.keyboard.press('Enter');
    await page.getByTestId('mapping').waitFor();
  });

  it('changes a column mapping by typing in its select and goes on to the grid', async () => {
    const select = await tabTo(/^Kundenr$/);
    expect(select.tag).toBe('select');
    expectVisibleFocus(select);
    await page.keyboard.type('External ID');
    await expect
      .poll(() => page.locator('tr[data-source="Kundenr"] select').inputValue())
      .toBe('field:external_id');
    await tabTo(/Continue to fixing/);
    await page.keyboard.press('Enter');
    await page.locator('.ag-row[row-id]').first().waitFor();
  });

  it('moves between problems with F8, edits with F2, and undoes with Ctrl+Z', async () => {
    await fix.waitErrors(8);
    await tabUntil((state) => state.testid === 'grid', 'the grid');
    await page.keyboard.press('F8');
    await expect.poll(() => fix.focused()).toMatchObject({ row: 1, colId: await fix.colId('Mobile phone') });
    const spoken = await (await fix.cell(1, 'Mobile phone')).locator('.lp-sr-only').textContent();
    expect(spoken).toMatch(/Error: Mobile phone must be exactly 10 digits/);
    await page.keyboard.press('F2');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('5551234567');
    await page.keyboard.press('Enter');
    await fix.waitErrors(7);
    await page.keyboard.press('Control+z');
    await fix.waitErrors(8);
    await page.keyboard.press('Shift+F8');
    await expect
      .poll(() => fix.focused())
      .not.toMatchObject({ row: 1, colId: await fix.colId('Mobile phone') });
    await new AppPage(page).screenshot('keyboard-01-fix');
  });

  it('opens find with Ctrl+F in the find box and closes it with Escape', async () => {
    await page.keyboard.press('Control+f');
    const box = await focused();
    expect(box.testid).toBe('find-panel');
    await page.keyboard.press('Escape');
    await page.getByTestId('find-panel').waitFor({ state: 'detached' });
  });

  it('jumps from the problems panel with Enter and reaches the error report on Review', async () => {
    const line = await tabTo(/^Email: duplicate email, 2$/);
    expectVisibleFocus(line);
    await page.keyboard.press('Enter');
    await expect.poll(() => fix.focused()).toMatchObject({ row: 1, colId: await fix.colId('Email') });
    await tabTo(/^Review$/, true);
    await page.keyboard.press('Enter');
    await page.getByTestId('review-counts').waitFor();
    const workbook = await tabTo(/template workbook/);
    expect(workbook.text).toMatch(/template workbook/);
    const report = await tabTo(/error report/);
    expectVisibleFocus(report);
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await download).suggestedFilename()).toBe('keyboard-contacts-errors.xlsx');
  });
});
