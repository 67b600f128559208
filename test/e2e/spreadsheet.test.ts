import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, buildApp, serveApp } from './app-server';
import { type Browser, launchBrowser } from './browser';
import { AppPage, outputDir, recordPageProblems } from './pages/app-page';
import { FixPage } from './pages/fix-page';
import { MapPage } from './pages/map-page';
import { OpenPage } from './pages/open-page';
import { RangePage } from './pages/range-page';

// The habits people bring from Excel and Google Sheets, on the Fix screen's grid: select a range with the
// mouse and the keyboard, copy it, paste a block copied from a spreadsheet, fill down, cut, clear, undo.

let server: AppServer;
let browser: Browser;
const pageProblems: string[] = [];

beforeAll(async () => {
  server = await serveApp(await buildApp());
  browser = await launchBrowser();
  // Tests read and write the system clipboard as Excel would; the app itself never asks for this.
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(server.url).origin,
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const contacts = [
  'firstName,lastName,email,phone,tag',
  'Cora,Young,cora@example.com,5551110001,vip',
  'Anna,Berg,anna@example.com,5551110002,',
  'Bo,Lund,bo@example.com,5551110003,',
  'Dina,Aas,dina@example.com,5551110004,',
  'Eli,Moe,eli@example.com,5551110005,',
  'Fia,Nes,fia@example.com,5551110006,',
].join('\r\n');

type Session = { page: Page; fix: FixPage; range: RangePage; app: AppPage };

/** Opens a file through Open and Map; `errors`: the error count to wait for (null: just the first rows). */
async function openList(name: string, text = contacts, errors: number | null = 0): Promise<Session> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(30_000);
  recordPageProblems(page, pageProblems);
  const file = join(outputDir, name);
  writeFileSync(file, text);
  const app = new AppPage(page);
  await app.goto(server.url);
  await new OpenPage(page).chooseFile(file);
  await new OpenPage(page).continue();
  await new MapPage(page).continue();
  const fix = new FixPage(page);
  if (errors === null) await page.getByTestId('error-count').waitFor();
  else await fix.waitErrors(errors);
  return { page, fix, range: new RangePage(page, fix), app };
}

async function column(fix: FixPage, rowNumbers: number[], title: string): Promise<string[]> {
  const out: string[] = [];
  for (const n of rowNumbers) out.push(await fix.cellText(n, title));
  return out;
}

describe('ranges in the grid', () => {
  it('selects a range by dragging, grows it with Shift+click and Shift+arrows, and says it to screen readers', async () => {
    const { page, fix, range, app } = await openList('range-select.csv');
    const [first, last, phone] = [
      await fix.colId('First name'),
      await fix.colId('Last name'),
      await fix.colId('Mobile phone'),
    ];
    await range.drag([2, 'First name'], [4, 'Last name']);
    await expect
      .poll(() => range.shown())
      .toEqual({ rows: [2, 3, 4], colIds: [first, last].sort(), cells: 6 });
    await expect
      .poll(() => range.summary().textContent())
      .toBe('3 rows × 2 columns selected (6 cells), rows 2–4, First name to Last name');
    expect(await page.getByTestId('selection-status').getAttribute('role')).toBe('status');
    expect(await page.locator('[role="grid"]').first().getAttribute('aria-multiselectable')).toBe('true');
    await app.screenshot('spreadsheet-01-range');

    await range.shiftClick(5, 'Email');
    await expect.poll(() => range.shown()).toMatchObject({ rows: [2, 3, 4, 5], cells: 16 });

    await fix.select(1, 'Last name');
    await expect.poll(() => range.shown()).toMatchObject({ cells: 0 });
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => range.shown()).toMatchObject({ rows: [1, 2, 3], cells: 6 });
    // The active cell moves with the range's far corner, so it stays on screen and in the cell panel.
    await expect.poll(() => fix.focused()).toMatchObject({ row: 3, colId: phone });
    await page.keyboard.press('Shift+ArrowUp');
    await expect.poll(() => range.shown()).toMatchObject({ rows: [1, 2], cells: 4 });
    await page.keyboard.press('Escape');
    await expect.poll(() => range.shown()).toMatchObject({ cells: 0 });
    await page.close();
  });

  it('selects everything with Ctrl+A, rows from their numbers and columns from their names', async () => {
    const { page, fix, range, app } = await openList('range-whole.csv');
    await fix.select(2, 'Email');
    await page.keyboard.press('Control+a');
    await expect
      .poll(() => range.summary().textContent())
      .toMatch(/^6 rows × 6 columns selected \(36 cells\)/);
    await range.clickRowNumber(3);
    await range.clickRowNumber(4, true);
    await expect.poll(() => range.summary().textContent()).toMatch(/^2 rows × 6 columns selected/);
    await expect.poll(() => page.locator('.ag-cell.lp-sel-row').count()).toBeGreaterThanOrEqual(2);
    await range.clickColumnName('Last name');
    await range.clickColumnName('Email', true);
    await expect
      .poll(() => range.summary().textContent())
      .toBe('6 rows × 3 columns selected (18 cells), rows 1–6, Last name to Email');
    await app.screenshot('spreadsheet-02-columns');
    // The header's sort button sorts; its name no longer does.
    await range.sortBy('First name');
    await expect.poll(() => fix.shownRows()).toEqual([2, 3, 1, 4, 5, 6]);
    await page.close();
  });
});

describe('the clipboard', () => {
  it('copies a range as the tab-separated text Excel and Sheets paste', async () => {
    const { page, range } = await openList('clipboard-copy.csv');
    await range.drag([1, 'First name'], [2, 'Last name']);
    await page.keyboard.press('Control+c');
    await expect.poll(() => range.news().textContent()).toBe('Copied 4 cells.');
    expect(await range.readClipboard()).toBe('Cora\tYoung\r\nAnna\tBerg');
    await page.close();
  });

  it('pastes a block copied from Excel at the cursor, validated live, and one Ctrl+Z takes it all back', async () => {
    const { page, fix, range, app } = await openList('clipboard-paste.csv');
    // What Excel puts on the clipboard: CRLF rows, a final CRLF, a cell with a line break quoted.
    await range.writeClipboard('Anne\tBerg-Lie\t12345\r\n"Bo\nBoson"\tLund\t5551110003\r\n');
    await fix.select(2, 'First name');
    await page.keyboard.press('Control+v');
    await expect.poll(() => fix.cellText(2, 'Mobile phone')).toBe('12345');
    expect(await fix.cellText(2, 'Last name')).toBe('Berg-Lie');
    expect(await fix.cellText(3, 'First name')).toBe('Bo\nBoson');
    await fix.waitErrors(1);
    const phone = await fix.cell(2, 'Mobile phone');
    await expect.poll(() => phone.getAttribute('class')).toContain('lp-cell-error');
    await expect.poll(() => range.news().textContent()).toBe('Pasted 6 cells. Undo with Ctrl+Z.');
    await expect.poll(() => range.shown()).toMatchObject({ rows: [2, 3], cells: 6 });
    await app.screenshot('spreadsheet-03-pasted');
    await page.keyboard.press('Control+z');
    await fix.waitErrors(0);
    expect(await column(fix, [2, 3], 'First name')).toEqual(['Anna', 'Bo']);
    expect(await fix.cellText(2, 'Mobile phone')).toBe('5551110002');
    await page.close();
  });

  it('fills a selected range with one pasted cell', async () => {
    const { page, fix, range } = await openList('clipboard-fill.csv');
    await range.writeClipboard('trade show\r\n');
    await range.drag([2, 'Tags'], [5, 'Tags']);
    await page.keyboard.press('Control+v');
    await expect
      .poll(() => column(fix, [1, 2, 3, 4, 5, 6], 'Tags'))
      .toEqual(['vip', 'trade show', 'trade show', 'trade show', 'trade show', '']);
    await page.close();
  });

  it('asks before a paste adds rows at the end, and adds them only on yes', async () => {
    const { page, fix, range, app } = await openList('clipboard-rows.csv');
    await range.writeClipboard('Gro\tOdd\r\nHal\tPaa\r\nIda\tRo\r\n');
    await fix.select(5, 'First name');
    await page.keyboard.press('Control+v');
    const dialog = page.getByTestId('paste-dialog');
    await expect
      .poll(() => dialog.textContent())
      .toContain('The block runs past the end of the list: 1 new row will be added at the end.');
    await app.screenshot('spreadsheet-04-paste-asks');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await fix.cellText(5, 'First name')).toBe('Eli');
    await fix.select(5, 'First name');
    await page.keyboard.press('Control+v');
    await dialog.getByRole('button', { name: 'Paste' }).click();
    await expect.poll(() => fix.shownRows()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await column(fix, [5, 6, 7], 'First name')).toEqual(['Gro', 'Hal', 'Ida']);
    expect(await page.getByTestId('row-total').textContent()).toBe('7 rows');
    await page.keyboard.press('Control+z');
    await expect.poll(() => fix.shownRows()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await fix.cellText(5, 'First name')).toBe('Eli');
    await page.close();
  });

  it('clears a range with Delete and cuts one with Ctrl+X, each undone in one step', async () => {
    const { page, fix, range } = await openList('clipboard-cut.csv');
    await range.drag([1, 'First name'], [2, 'Last name']);
    await page.keyboard.press('Delete');
    await expect.poll(() => column(fix, [1, 2], 'First name')).toEqual(['', '']);
    await fix.waitErrors(4);
    await page.keyboard.press('Control+z');
    await fix.waitErrors(0);
    await range.drag([3, 'Email'], [4, 'Email']);
    await page.keyboard.press('Control+x');
    await expect.poll(() => column(fix, [3, 4], 'Email')).toEqual(['', '']);
    expect(await range.readClipboard()).toBe('bo@example.com\r\ndina@example.com');
    await expect.poll(() => range.news().textContent()).toBe('Cut 2 cells. Undo with Ctrl+Z.');
    await expect
      .poll(() => page.getByRole('toolbar').getByRole('button', { name: /^Undo/ }).textContent())
      .toBe('Undo cut');
    await page.keyboard.press('Control+z');
    await expect.poll(() => column(fix, [3, 4], 'Email')).toEqual(['bo@example.com', 'dina@example.com']);
    await page.close();
  });
});

describe('filling', () => {
  it('fills down as Excel: the top cell into the range, one cell from the cell above, never over the next row', async () => {
    const { page, fix, range } = await openList('fill-down.csv');
    await fix.edit(4, 'Tags', 'keep me');
    await range.drag([1, 'Tags'], [3, 'Tags']);
    await page.keyboard.press('Control+d');
    await expect.poll(() => column(fix, [1, 2, 3, 4], 'Tags')).toEqual(['vip', 'vip', 'vip', 'keep me']);
    // One empty cell selected: the cell above comes into it; the next row's value stays.
    await fix.select(6, 'Tags');
    await page.keyboard.press('Control+d');
    await fix.select(5, 'Tags');
    await page.keyboard.press('Control+d');
    await expect.poll(() => column(fix, [4, 5, 6], 'Tags')).toEqual(['keep me', 'keep me', '']);
    await page.keyboard.press('Control+z');
    await expect.poll(() => fix.cellText(5, 'Tags')).toBe('');
    await page.close();
  });

  it('fills by dragging the fill handle, repeating the selected cells', async () => {
    const { page, fix, range, app } = await openList('fill-handle.csv');
    await range.drag([1, 'First name'], [2, 'First name']);
    await range.dragFillHandle([6, 'First name']);
    await expect
      .poll(() => column(fix, [1, 2, 3, 4, 5, 6], 'First name'))
      .toEqual(['Cora', 'Anna', 'Cora', 'Anna', 'Cora', 'Anna']);
    await expect.poll(() => range.shown()).toMatchObject({ rows: [1, 2, 3, 4, 5, 6] });
    await app.screenshot('spreadsheet-05-filled');
    await page.keyboard.press('Control+z');
    await expect.poll(() => fix.cellText(6, 'First name')).toBe('Fia');
    await page.close();
  });

  it('shows a cell as stored in the cell panel, with line breaks, no-break spaces and zero-width characters visible', async () => {
    const text = [
      'firstName,lastName,email,phone,tag',
      'Cora,"Young\u00a0Lee",cora@example.com\u200b,5551110001,"vip\nclub "',
    ].join('\r\n');
    const { page, fix, app } = await openList('raw-value.csv', text, null);
    await fix.select(1, 'Last name');
    const raw = fix.cellPanel().getByTestId('raw-value');
    await expect.poll(() => raw.locator('.lp-hidden-char').count()).toBe(1);
    expect(await raw.getByTestId('hidden-characters').textContent()).toBe(
      'Characters you cannot see: 1 × no-break space.',
    );
    expect(await raw.locator('.lp-hidden-char').getAttribute('title')).toBe('no-break space (U+00A0)');
    await fix.select(1, 'Tags');
    await expect
      .poll(() => raw.getByTestId('hidden-characters').textContent())
      .toBe('Characters you cannot see: 1 × line break, 1 × space at the start or end.');
    await app.screenshot('spreadsheet-06-raw-value');
    await fix.select(1, 'Email');
    await expect
      .poll(() => raw.getByTestId('hidden-characters').textContent())
      .toBe('Characters you cannot see: 1 × zero-width character.');
    await page.close();
  });

  it('raised no page error and used only registered AG Grid modules', () => {
    expect(pageProblems).toEqual([]);
  });
});
