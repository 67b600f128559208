import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, buildApp, serveApp } from './app-server';
import { type Browser, launchBrowser } from './browser';
import { messyCsvBytes } from './messy-file';
import { AppPage, outputDir } from './pages/app-page';
import { FixPage } from './pages/fix-page';
import { MapPage } from './pages/map-page';
import { OpenPage } from './pages/open-page';

// Work is never lost: a page killed in the middle of an edit comes back, on restore, with every change, the
// day/month order the user chose for a date column, and the cell editor open on the text being typed.

/** Birthdays whose first numbers are all 12 or less: the data cannot say day-first or month-first. */
const undecidedBirthdays = {
  header: 'Fødselsdato',
  values: ['03/04/1980', '05/06/1975', '07/08/1990', '01/02/1985', '09/10/1970', '11/12/1988', '02/03/1979'],
};
const dayFirst = /^(Day first|Dag først)/;

/** The day/month orders the app holds for fixes (and journals). */
async function dateOrders(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    type Controller = { getState(): { dateOrders: Record<string, string> } };
    return (window as unknown as { __listprep: Controller }).__listprep.getState().dateOrders;
  });
}

type Snapshot = { rows: { n: number; v: string[] }[]; errors: number };

/** Every row of the list as the worker holds it, in document order. */
async function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(async () => {
    type Controller = {
      ask(type: 'rows', params: unknown): Promise<{ rows: { n: number; v: string[] }[] } | null>;
      getState(): { status: { summary: { errors: number } } | null };
    };
    const app = (window as unknown as { __listprep: Controller }).__listprep;
    const view = { spec: { sort: [], filters: [], problemsOnly: false }, revision: 0 };
    const result = await app.ask('rows', { start: 0, end: 1000, view, locale: 'en' });
    return {
      rows: (result?.rows ?? []).map((r) => ({ n: r.n, v: r.v })),
      errors: app.getState().status?.summary.errors ?? -1,
    };
  });
}

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

describe('restoring after the page was killed mid-edit', () => {
  let before: Snapshot;

  it('journals a session of edits, fixes, added and deleted rows and undo', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(30_000);
    const app = new AppPage(page);
    const fix = new FixPage(page);
    await app.goto(server.url);
    const file = join(outputDir, 'restore-contacts.csv');
    writeFileSync(file, messyCsvBytes(undecidedBirthdays));
    await new OpenPage(page).chooseFile(file);
    await new OpenPage(page).continue();
    // A birthday is no anniversary unless the person says so (the template has no birthday field): they do.
    const map = new MapPage(page);
    await map.mapTo('Fødselsdato', 'Anniversary 1 (anniversary_1)');
    await map.continue();

    await fix.problemLine(/Mobile phone: not 10 digits/).click();
    await fix.cellPanel().getByRole('button', { name: 'Fix all in this column…' }).click();
    await fix.applyPlan();
    await fix.edit(4, 'Last name', 'Hansen');
    await fix.edit(5, 'Email', 'eve@example.org');
    await fix.edit(5, 'Company', 'Wrong company');
    await page.keyboard.press('Control+z');
    await fix.select(6, 'First name');
    await fix.toolbarButton('Add row').click();
    await expect.poll(() => page.getByTestId('row-total').textContent()).toBe('8 rows');
    await fix.edit(8, 'First name', 'Ny');
    await fix.edit(8, 'Last name', 'Person');
    await fix.select(3, 'First name');
    await fix.toolbarButton('Delete row').click();
    await expect.poll(() => page.getByTestId('row-total').textContent()).toBe('7 rows');

    // The birthdays cannot tell day from month: the user says day first, and 03/04/1980 can be fixed.
    await fix.select(1, 'Anniversary 1');
    await fix.cellPanel().getByRole('radio', { name: dayFirst }).check();
    await expect.poll(() => fix.cellPanel().getByTestId('fix-after').textContent()).toBe('1980-04-03');
    expect(await dateOrders(page)).toEqual({ anniversary_1: 'dmy' });

    // Mid-edit: the editor is open on a cell and the new text is typed but not committed.
    await fix.select(2, 'Company');
    await page.keyboard.press('F2');
    const input = page.locator('.ag-cell-inline-editing input');
    await input.fill('Acme Holdings');
    await app.waitSaved();
    before = await snapshot(page);
    expect(before.rows.map((r) => r.n)).toEqual([1, 2, 4, 5, 6, 8, 7]);
    await app.screenshot('restore-01-before-kill');

    // The renderer dies as in a crash: no unload handlers, no chance to save anything more.
    const cdp = await browser.context.newCDPSession(page);
    const crashed = page.waitForEvent('crash');
    void cdp.send('Page.crash').catch(() => {});
    await crashed;
    await page.close().catch(() => {});
  });

  it('offers the unsaved list on the next start and restores every change and the cell being edited', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(30_000);
    const app = new AppPage(page);
    const fix = new FixPage(page);
    await app.goto(server.url);
    const offer = page.getByTestId('unsaved-list');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('restore-contacts.csv');
    await app.screenshot('restore-02-offer');
    await offer.getByRole('button', { name: 'Restore' }).click();
    await page.locator('.ag-cell-inline-editing input').waitFor();
    expect(await page.locator('.ag-cell-inline-editing input').inputValue()).toBe('Acme Holdings');
    expect(await fix.focused()).toMatchObject({ row: 2, colId: await fix.colId('Company') });
    const after = await snapshot(page);
    expect(after).toEqual(before);
    expect(await fix.cellText(4, 'Last name')).toBe('Hansen');
    await app.screenshot('restore-03-restored');

    // The restored list carries on: committing the draft and undoing go on from where the user was.
    await page.keyboard.press('Enter');
    await fix.settled();
    expect(await fix.cellText(2, 'Company')).toBe('Acme Holdings');
    await page.keyboard.press('Control+z');
    await expect.poll(() => fix.cellText(2, 'Company')).toBe('Acme');

    // The day-first choice came back: the birthday's fix reads 03/04 as 3 April, and the choice shows.
    expect(await dateOrders(page)).toEqual({ anniversary_1: 'dmy' });
    await fix.select(1, 'Anniversary 1');
    await expect.poll(() => fix.cellPanel().getByTestId('fix-after').textContent()).toBe('1980-04-03');
    expect(await fix.cellPanel().getByRole('radio', { name: dayFirst }).isChecked()).toBe(true);
    await app.screenshot('restore-04-date-order');
  });
});
