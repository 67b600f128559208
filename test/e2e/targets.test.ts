import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configio, dealerCrm, mainBrainer } from '../../shared/template';
import { type AppServer, buildApp, serveApp } from './app-server';
import { type Browser, launchBrowser } from './browser';
import { outputDir } from './pages/app-page';
import { type AppSession, openAppSession } from './pages/app-session';

// Lists for the CRMs beside ClientTether, through the app in Chromium as a person prepares them: the CRM
// chosen on the Open screen (remembered, changeable with a list open), the list mapped, checked and fixed by
// that CRM's rules, and exported as that CRM's own file, opened and checked here.

let server: AppServer;
let browser: Browser;
let s: AppSession;

const norwegianFile = join(outputDir, 'targets-norsk.csv');
const dealerFile = join(outputDir, 'targets-dealer.csv');
const configioFile = join(outputDir, 'targets-configio.csv');

beforeAll(async () => {
  writeFileSync(
    norwegianFile,
    [
      'Fornavn,Etternavn,E-post,Mobil,Postnr,Sted,Land,Nyhetsbrev,Kommentar',
      'Kari,Nordmann,kari@example.no,+47 912 34 567,150,Oslo,Norge,ja,VIP',
      'Ola,Hansen,OLA@EXAMPLE.NO,41234567,5003,Bergen,NO,Sant,',
      'Per,Berg,per@example.no,0047 98765432,NO-7010,Trondheim,Norway,nei,',
    ].join('\r\n'),
  );
  writeFileSync(
    dealerFile,
    [
      'First Name,Last,E-mail,Cell,City,ST,Zip,Salesperson',
      'Ann,Lee,ann@example.com,5551234567,Austin,TX,73301,Bob',
      'Ann,Lee,ANN@example.com,,Austin,TX,73301,',
      'Bob,Ray,,5559876543,Dallas,TX,75201,',
    ].join('\r\n'),
  );
  writeFileSync(
    configioFile,
    [
      'Company,Account CRM ID,E-mail,Country,Contact First Name,Contact Last Name',
      'Acme Inc,,info@acme.com,USA,Ann,Lee',
      'Birch AS,1017,post@birch.no,Norway,,',
    ].join('\r\n'),
  );
  server = await serveApp(await buildApp());
  browser = await launchBrowser();
  s = await openAppSession(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Fixes every problem line the panel lists with "Fix all in this column…", one after another. */
async function fixAllColumns(): Promise<void> {
  for (let round = 0; round < 10; round++) {
    const line = s.page.getByTestId('problems-panel').locator('.lp-problem-error').first();
    if ((await line.count()) === 0) return;
    await line.click();
    await s.fix.cellPanel().getByRole('button', { name: 'Fix all in this column…' }).click();
    await s.fix.planDialog().waitFor();
    await s.fix.applyPlan();
    await s.fix.settled();
  }
}

describe('MainBrainer', () => {
  it('is chosen on the Open screen and maps a Norwegian list onto its fields', async () => {
    await s.page.getByTestId('crm').selectOption({ label: 'MainBrainer' });
    await s.open.chooseFile(norwegianFile);
    await s.open.continue();
    expect(await s.map.target('Mobil').inputValue()).toBe('field:Mobilnummer');
    expect(await s.map.target('Postnr').inputValue()).toBe('field:Postnummer');
    expect(await s.map.target('Kommentar').inputValue()).toBe('skip');
    await s.map.continue();
    // Three phones, two postcodes, two countries and two opt-in words.
    await s.fix.waitErrors(9);
    await s.app.screenshot('targets-01-mainbrainer-errors');
  });

  it('fixes +47 phones, 4-digit postcodes, countries and opt-in words with certainty, leaving no errors', async () => {
    await fixAllColumns();
    await s.fix.waitErrors(0);
    expect(await s.fix.cellText(1, 'Mobile number')).toBe('+4791234567');
    expect(await s.fix.cellText(1, 'Postcode')).toBe('0150');
  });

  it('exports MainBrainer’s UTF-8 CSV only, says what its import will do, and that upload is ClientTether’s', async () => {
    await s.fix.toReview();
    expect(await s.review.button(/template workbook/).count()).toBe(0);
    await s.page.getByTestId('choice-secondaryKey').selectOption('mobile');
    await expect
      .poll(() => s.page.getByTestId('import-summary').textContent())
      .toContain('Matched by Email address: 3 rows. Matched by Mobile number (no Email address): 0 rows.');
    expect(await s.page.getByTestId('upload-other-crm').textContent()).toContain(
      'MainBrainer imports the file',
    );
    expect(
      await s.page
        .getByRole('button', { name: /Upload/ })
        .first()
        .isDisabled(),
    ).toBe(true);
    await s.app.screenshot('targets-02-mainbrainer-review');
    const download = await s.review.download(/Download CSV/);
    expect(download.suggestedFilename()).toBe('targets-norsk-mainbrainer.csv');
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      [
        mainBrainer.fields.map((f) => f.header).join(','),
        'Kari,Nordmann,kari@example.no,+4791234567,,,,,0150,Oslo,NO,,Ja,,',
        'Ola,Hansen,OLA@EXAMPLE.NO,+4741234567,,,,,5003,Bergen,NO,,Sant,,',
        'Per,Berg,per@example.no,+4798765432,,,,,7010,Trondheim,NO,,Nei,,',
        '',
      ].join('\r\n'),
    );
  });

  it('is remembered for the next visit', async () => {
    await s.page.reload();
    await s.page.getByTestId('crm').waitFor();
    expect(await s.page.getByTestId('crm').inputValue()).toBe(mainBrainer.id);
  });
});

describe('the dealer CRM', () => {
  it('takes over an open list: mapped anew, its rules apply, CSV with the chosen separator and [import] notes', async () => {
    await s.open.chooseFile(dealerFile);
    await s.page.getByTestId('crm').selectOption({ label: 'Dealer CRM' });
    await s.page.getByTestId('mapping').waitFor();
    expect(await s.map.target('Cell').inputValue()).toBe('field:Mobile Phone');
    expect(await s.map.target('Salesperson').inputValue()).toBe('note');
    await s.map.continue();
    await s.fix.waitErrors(0);
    await s.fix.toReview();
    await s.page.getByTestId('choice-rule').selectOption('merge');
    await expect
      .poll(() => s.page.getByTestId('import-summary').textContent())
      .toContain('Dealer CRM merges each group into one lead (1 lead instead of 2)');
    expect(await s.page.getByTestId('import-summary').textContent()).toContain(
      '3 rows with data: when the import has finished, Dealer CRM\'s "Processed" column should show 3.',
    );
    await s.page.getByTestId('csv-delimiter').selectOption(';');
    const download = await s.review.download(/Download CSV/);
    expect(readFileSync(await download.path(), 'utf8')).toBe(
      [
        dealerCrm.fields.map((f) => f.header).join(';'),
        'Ann;Lee;ann@example.com;5551234567;;;;Austin;TX;73301;;;;;;[import] Salesperson: Bob',
        'Ann;Lee;ANN@example.com;;;;;Austin;TX;73301;;;;;;',
        'Bob;Ray;;5559876543;;;;Dallas;TX;75201;;;;;;',
        '',
      ].join('\r\n'),
    );
  });
});

describe('Configio Leads', () => {
  it('fixes the country into its code and exports its workbook, counting leads created and updated', async () => {
    await s.page.locator('button.lp-step').first().click();
    await s.open.chooseFile(configioFile);
    await s.page.getByTestId('crm').selectOption({ label: 'Configio' });
    await s.page.getByTestId('mapping').waitFor();
    expect(await s.map.target('Company').inputValue()).toBe('field:Lead Name');
    await s.map.continue();
    await s.fix.waitErrors(2);
    await fixAllColumns();
    await s.fix.waitErrors(0);
    await s.fix.toReview();
    await expect
      .poll(() => s.page.getByTestId('import-summary').textContent())
      .toContain('To be created: 1 row without Account CRM ID. May be updated: 1 row with Account CRM ID');
    const download = await s.review.download(/template workbook/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(readFileSync(await download.path())).buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(configio.sheets);
    const sheet = workbook.getWorksheet('Leads');
    if (!sheet) throw new Error('no Leads sheet');
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(configio.fields.map((f) => f.header));
    const cell = (row: number, header: string) =>
      String(sheet.getRow(row).getCell(headers.indexOf(header) + 1).value ?? '');
    expect([cell(2, 'Lead Name'), cell(2, 'Country'), cell(2, 'Contact Last Name')]).toEqual([
      'Acme Inc',
      'US',
      'Lee',
    ]);
    expect([cell(3, 'Account CRM ID'), cell(3, 'Country')]).toEqual(['1017', 'NO']);
  });

  it('builds a smaller template: whole groups left out, key identifiers kept, the list checked and exported by it', async () => {
    await s.page.locator('button.lp-step').first().click();
    const builder = s.page.getByTestId('template-builder');
    await builder.locator('summary').click();
    // Leaving the builder's choice reads the list again for the new template: the Map screen follows.
    await builder.getByTestId('builder-group-communication').click();
    await s.page.getByTestId('mapping').waitFor();
    await s.page.locator('button.lp-step').first().click();
    await s.page.getByTestId('template-builder').locator('summary').click();
    await s.page.getByTestId('builder-group-opportunity').click();
    await s.page.getByTestId('mapping').waitFor();
    const options = await s.map.target('Company').locator('option').allTextContents();
    expect(options.some((o) => o.includes('Opportunity Title'))).toBe(false);
    expect(options.some((o) => o.includes('Contact First Name'))).toBe(true);
    await s.map.continue();
    await s.fix.waitErrors(2);
    await fixAllColumns();
    await s.fix.waitErrors(0);
    await s.fix.toReview();
    const download = await s.review.download(/Download CSV/);
    const kept = configio.fields
      .filter((f) => f.group === 'lead' || f.group === 'contact')
      .map((f) => f.header);
    expect(readFileSync(await download.path(), 'utf8').split('\r\n')[0]).toBe(kept.join(','));
    await s.app.screenshot('targets-03-configio-builder');
    expect(s.pageErrors).toEqual([]);
  });
});
