import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, type Contact, contactResponseSchema } from '../../shared/api';
import { type AppServer, buildApp, serveApp } from './app-server';
import { type Browser, launchBrowser } from './browser';
import type { AppPage } from './pages/app-page';
import { outputDir } from './pages/app-page';
import { openAppSession } from './pages/app-session';
import type { FixPage } from './pages/fix-page';
import type { MapPage } from './pages/map-page';
import type { OpenPage } from './pages/open-page';
import type { UploadPage } from './pages/upload-page';
import { startTestServer, type TestServer } from './upload-server';

// A success manager takes a messy list into a sub-account from the app in Chromium, over real HTTP to the
// import server on PGlite: fix, connect, dry run, import, read the contacts back; then a second list the
// server rejects a row of, which comes back into the grid; then a rollback. Each test continues the last.

let server: TestServer;
let appServer: AppServer;
let browser: Browser;
let page: Page;
let app: AppPage;
let open: OpenPage;
let map: MapPage;
let fix: FixPage;
let upload: UploadPage;
let pageErrors: string[];

// Semicolons, a title line above the header, phones with punctuation, a state written out, a column the
// template does not have (kept as an [import] note), consent to text on one row.
const messyList = [
  'Trade show leads;;;;;;',
  'First Name;Last Name;Mobile Phone;Email;State;Shoe size;OK to text',
  'Åse;Økland;(555) 123-4567;ase@example.com;CA;41;1',
  'Bob;Smith;555.987.6543;bob@example.com;California;;0',
  'Carla;Diaz;555 222 3333;carla@example.com;TX;38;0',
].join('\r\n');

// The second list: Dag is new; "Eve" uses Åse's address, which the CRM already holds for Åse.
const secondList = [
  'First Name,Last Name,Mobile Phone,Email',
  'Dag,Dahl,5554445555,dag@example.com',
  'Eve,Evans,5556667777,ase@example.com',
].join('\r\n');

// The third list: Bob is in the CRM without a company (the file fills it in), Fay is new.
const thirdList = [
  'First Name,Last Name,Email,Company',
  'Bob,Smith,bob@example.com,Acme',
  'Fay,Fox,fay@example.com,',
].join('\r\n');

const north = () => server.seed.subAccounts[0];

async function contactsOfNorth(): Promise<Contact[]> {
  const answer = await server.client(north().apiKey).contacts(String(north().accountId), { limit: 100 });
  if (!answer.ok) throw new Error(answer.failure.message);
  return answer.value.contacts;
}

beforeAll(async () => {
  [server, appServer] = await Promise.all([startTestServer('App Upload'), buildApp().then(serveApp)]);
  browser = await launchBrowser();
  ({ page, app, open, map, fix, upload, pageErrors } = await openAppSession(browser, appServer.url));
});

afterAll(async () => {
  await browser?.close();
  await appServer?.close();
  await server?.close();
});

describe('uploading a fixed list from the app to the import server', () => {
  it('opens the messy list and fixes its phones and state in the grid', async () => {
    const file = join(outputDir, 'upload-leads.csv');
    writeFileSync(file, messyList);
    await open.chooseFile(file);
    await open.continue();
    expect(await map.target('Shoe size').inputValue()).toBe('note');
    await map.continue();
    await fix.waitErrors(4);
    await fix.problemLine(/Mobile phone: not 10 digits, 3/).click();
    await fix.cellPanel().getByRole('button', { name: 'Fix all in this column…' }).click();
    await fix.planDialog().waitFor();
    await fix.applyPlan();
    await fix.waitErrors(1);
    await fix.select(2, 'State or province');
    await fix.cellPanel().getByRole('button', { name: 'Fix this cell' }).click();
    await fix.waitErrors(0);
  });

  it('connects with an enterprise key and sees who it is and every account it reaches', async () => {
    await upload.open();
    await upload.connect(server.url(), server.seed.enterprise.apiKey);
    expect(await upload.connected().textContent()).toContain('App Upload Success Manager');
    const accounts = await page.getByTestId('upload-account').locator('option').allTextContents();
    expect(accounts.join('|')).toMatch(/App Upload North.*sub-account/);
    expect(accounts.join('|')).toMatch(/App Upload South.*sub-account/);
  });

  it('picks the North sub-account and is warned that the Default Action Plan will send messages', async () => {
    await upload.chooseAccount('App Upload North');
    await expect.poll(() => upload.consequences().textContent()).toContain('Default Action Plan');
    const text = (await upload.consequences().textContent()) ?? '';
    expect(text).toContain('No action plan is chosen, so up to 3 new contacts go to "Default Action Plan"');
    expect(text).toContain('It sends emails and text messages.');
    expect(text).toContain('Shoe size: kept on each contact as an [import] note.');
    await app.screenshot('upload-01-options');
  });

  it('counts the calls a plan starting with an immediate call would place', async () => {
    await upload.choosePlan('New Lead: Call Now');
    await expect
      .poll(() => upload.consequences().textContent())
      .toContain('This will place up to 3 calls as soon as the import finishes.');
    expect(await upload.consequences().textContent()).not.toContain('Default Action Plan');
  });

  it('dry-runs: three contacts to create, none rejected, and the import waits for the GDPR/TCPA confirmation', async () => {
    await upload.dryRun();
    await expect.poll(() => upload.dryRunCount('created').textContent()).toBe('3');
    expect(await upload.dryRunCount('rejected').textContent()).toBe('0');
    await expect
      .poll(() => upload.consequences().textContent())
      .toContain('This will place 3 calls as soon as the import finishes.');
    expect(await upload.confirmButton().isDisabled()).toBe(true);
    expect(await page.getByTestId('upload-confirm-reason').textContent()).toContain('GDPR/TCPA');
    expect(await contactsOfNorth()).toEqual([]);
    await app.screenshot('upload-02-dry-run');
  });

  it('imports after the confirmation and shows the counts, the finish time and processed = rows sent', async () => {
    await upload.confirmCompliance();
    const result = await upload.importAndWait();
    expect(await result.getAttribute('data-status')).toBe('completed');
    expect(await upload.resultCount('created').textContent()).toBe('3');
    expect(await upload.resultCount('updated').textContent()).toBe('0');
    expect(await page.getByTestId('result-processed').textContent()).toBe(
      'Processed 3 rows: every row sent.',
    );
    expect(await page.getByTestId('result-finished').textContent()).toMatch(/^Finished /);
    await app.screenshot('upload-03-result');
  });

  it('has put the fixed contacts into the CRM, with the plan and the [import] note', async () => {
    const contacts = await contactsOfNorth();
    const byEmail = new Map(contacts.map((c) => [c.fields.email, c]));
    expect([...byEmail.keys()].sort()).toEqual(['ase@example.com', 'bob@example.com', 'carla@example.com']);
    expect(byEmail.get('ase@example.com')?.fields).toMatchObject({
      firstName: 'Åse',
      lastName: 'Økland',
      phone: '5551234567',
      smsok: '1',
    });
    expect(byEmail.get('bob@example.com')?.fields).toMatchObject({ phone: '5559876543', state: 'CA' });
    const lookups = await server.client(north().apiKey).lookups(String(north().accountId));
    const callPlan = lookups.ok
      ? lookups.value.actionPlans.find((p) => p.name === 'New Lead: Call Now')
      : undefined;
    expect(contacts.every((c) => c.actionPlanId === callPlan?.id)).toBe(true);
    const ase = byEmail.get('ase@example.com')?.id ?? '';
    const path = apiPaths.contact(String(north().accountId), ase);
    const detail = await server.client(north().apiKey).call({ method: 'GET', path }, contactResponseSchema);
    expect(detail.ok && detail.value.contact.notes.some((n) => n.body.includes('Shoe size: 41'))).toBe(true);
  });

  it('brings a row the server rejects back into the grid as a problem', async () => {
    const file = join(outputDir, 'upload-second.csv');
    writeFileSync(file, secondList);
    await page.getByRole('navigation').getByRole('button', { name: /Open/ }).click();
    expect(await page.getByTestId('upload-status').textContent()).toBe('Import finished');
    await open.chooseFile(file);
    await open.continue();
    await map.continue();
    await fix.waitErrors(0);
    // The last import's results were the first list's: the header's link and the result go with it.
    expect(await page.getByTestId('upload-status').count()).toBe(0);
    await upload.open();
    expect(await page.getByTestId('upload-result').count()).toBe(0);
    // Never matching means Eve would be a new contact with an address the CRM already has: only the server knows.
    await upload.chooseMatch('Nothing (never match)');
    await upload.confirmCompliance();
    await upload.dryRun();
    await expect.poll(() => upload.dryRunCount('rejected').textContent()).toBe('1');
    expect(await upload.rejected().textContent()).toContain('already has the email ase@example.com');
    expect(await upload.confirmButton().count()).toBe(0);
    await app.screenshot('upload-04-rejected');
    await page.getByTestId('upload-fix-rejected').click();
    const email = await fix.cell(2, 'Email');
    await expect.poll(() => email.getAttribute('class')).toContain('lp-cell-error');
    expect(await email.locator('.lp-sr-only').textContent()).toContain(
      'already has the email ase@example.com',
    );
    expect(await (await fix.cell(1, 'Email')).getAttribute('class')).not.toContain('lp-cell-error');
    await app.screenshot('upload-05-rejected-in-grid');
  });

  it('counts the rejected cell as a problem, reaches it with F8 and keeps its row under "only problems"', async () => {
    await fix.waitErrors(1);
    const line = fix.problemLine('Email: rejected by the import server, 1');
    await line.waitFor();
    const emailCol = await fix.colId('Email');
    await fix.select(1, 'First name');
    await page.keyboard.press('F8');
    await expect.poll(() => fix.focused()).toEqual({ row: 2, colId: emailCol });
    await fix.select(1, 'First name');
    await page.keyboard.press('Shift+F8');
    await expect.poll(() => fix.focused()).toEqual({ row: 2, colId: emailCol });
    await fix.select(1, 'Last name');
    await line.click();
    await expect.poll(() => fix.focused()).toEqual({ row: 2, colId: emailCol });
    await fix.showOnlyProblemRows(true);
    await expect.poll(() => fix.shownRows()).toEqual([2]);
    await app.screenshot('upload-05b-rejected-only-problems');
    await fix.showOnlyProblemRows(false);
    await expect.poll(() => fix.shownRows()).toEqual([1, 2]);
  });

  it('fixes the rejected row, dry-runs again and imports it', async () => {
    await fix.edit(2, 'Email', 'eve@example.com');
    const email = await fix.cell(2, 'Email');
    await expect.poll(() => email.getAttribute('class')).not.toContain('lp-cell-error');
    await fix.waitErrors(0);
    expect(await fix.problemLine(/rejected by the import server/).count()).toBe(0);
    await upload.open();
    expect(await page.getByTestId('upload-confirm-reason').textContent()).toContain(
      'changed since this dry run',
    );
    await upload.dryRun();
    await expect.poll(() => upload.dryRunCount('rejected').textContent()).toBe('0');
    expect(await upload.dryRunCount('created').textContent()).toBe('2');
    const result = await upload.importAndWait();
    expect(await result.getAttribute('data-status')).toBe('completed');
    expect((await contactsOfNorth()).map((c) => c.fields.email).sort()).toEqual([
      'ase@example.com',
      'bob@example.com',
      'carla@example.com',
      'dag@example.com',
      'eve@example.com',
    ]);
  });

  it('rolls the second import back after a confirmation that says what will be undone', async () => {
    const history = await server.client(north().apiKey).history(String(north().accountId));
    const latest = history.ok ? history.value.imports[0] : undefined;
    expect(latest?.source.name).toBe('upload-second.csv');
    await upload.uploadAgain();
    await upload.historyRow(latest?.id ?? '').waitFor();
    const dialog = await upload.openRollback(latest?.id ?? '');
    expect(await dialog.getByTestId('rollback-consequence').textContent()).toContain(
      'deletes the 2 contacts it created and puts back the earlier values of the 0 contacts it updated',
    );
    await app.screenshot('upload-06-rollback');
    await dialog.getByTestId('rollback-confirm').click();
    await expect
      .poll(() => upload.historyRow(latest?.id ?? '').getAttribute('data-status'))
      .toBe('rolled_back');
    expect((await contactsOfNorth()).map((c) => c.fields.email).sort()).toEqual([
      'ase@example.com',
      'bob@example.com',
      'carla@example.com',
    ]);
  });

  it('shows a matched contact’s changes field by field in the dry run', async () => {
    const file = join(outputDir, 'upload-third.csv');
    writeFileSync(file, thirdList);
    await page.getByRole('navigation').getByRole('button', { name: /Open/ }).click();
    await open.chooseFile(file);
    await open.continue();
    await map.continue();
    await fix.waitErrors(0);
    await upload.open();
    await upload.chooseMatch('Email address');
    await upload.confirmCompliance();
    await upload.dryRun();
    await expect.poll(() => upload.dryRunCount('updated').textContent()).toBe('1');
    expect(await upload.dryRunCount('created').textContent()).toBe('1');
    await page.getByTestId('dry-run-show-changes').click();
    const changes = page.getByTestId('dry-run-changes');
    expect(await changes.locator('caption').textContent()).toMatch(/^Row 1 → contact \d+$/);
    expect(await changes.locator('tr').first().textContent()).toMatch(/^compName\s*→\s*Acme$/);
  });

  it('waits while the server is away, keeps the list editable, and imports once when it is back', async () => {
    await server.stop();
    await upload.confirmButton().click();
    await page.locator('[data-testid="upload-progress-line"][data-step="retrying"]').waitFor();
    await app.screenshot('upload-07-retrying');
    await page.getByRole('navigation').getByRole('button', { name: /Fix/ }).click();
    await fix.edit(2, 'Company', 'Fox & Co');
    expect(await fix.cellText(2, 'Company')).toBe('Fox & Co');
    expect(await page.getByTestId('upload-status').textContent()).toBe('Upload waiting for the server…');
    await server.start();
    await page.getByTestId('upload-status').click();
    await page
      .getByTestId('upload-retry-now')
      .click({ timeout: 5_000 })
      .catch(() => {
        // Already retried on its own and moved on.
      });
    const result = page.getByTestId('upload-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('data-status')).toBe('completed');
    expect(await upload.resultCount('created').textContent()).toBe('1');
    expect(await upload.resultCount('updated').textContent()).toBe('1');
    const imports = await server.client(north().apiKey).history(String(north().accountId));
    expect(
      imports.ok && imports.value.imports.filter((j) => j.source.name === 'upload-third.csv'),
    ).toHaveLength(1);
    const bob = (await contactsOfNorth()).find((c) => c.fields.email === 'bob@example.com');
    expect(bob?.fields.compName).toBe('Acme');
    expect(pageErrors).toEqual([]);
  });
});
