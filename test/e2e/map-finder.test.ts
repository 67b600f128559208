import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTether } from '../../shared/template';
import { type AppServer, buildApp, serveApp } from './app-server';
import { type Browser, launchBrowser } from './browser';
import { outputDir } from './pages/app-page';
import { type AppSession, openAppSession } from './pages/app-session';

// The Map screen helps with forty-six fields: a person finds a field by typing, takes it from a column, sees
// which fields are still unmapped, each column's values as they will be after the safe fixes, and an empty
// column as empty.

let server: AppServer;
let browser: Browser;
let s: AppSession;

beforeAll(async () => {
  server = await serveApp(await buildApp());
  browser = await launchBrowser();
  s = await openAppSession(browser, server.url);
  const file = join(outputDir, 'map-finder.csv');
  writeFileSync(
    file,
    [
      'First name,Last name,Phone,Where from,Empty,Shoe size',
      'Ann,Berg,(555) 123-4567,Trade show,,41',
      'Bo,Lund,12,Website,,43',
      'Cora,Young,5551110003,Trade show,,38',
    ].join('\r\n'),
  );
  await s.open.chooseFile(file);
  await s.open.continue();
  await s.map.target('Phone').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const row = (source: string) => s.page.locator(`[data-testid="mapping"] tr[data-source="${source}"]`);

describe('the Map screen', () => {
  it("previews each column's values after the safe fixes, and says an empty column is empty", async () => {
    const phone = row('Phone').getByTestId('column-preview');
    expect(await phone.textContent()).toBe(
      'After mapping and safe fixes: → 5551234567 · 12 (not 10 digits) · 5551110003',
    );
    expect(await phone.locator('.lp-preview-fixed').textContent()).toBe('5551234567');
    expect(await phone.locator('.lp-preview-fixed').getAttribute('title')).toBe(
      'Fixed from “(555) 123-4567”',
    );
    expect(await phone.locator('.lp-preview-problem').textContent()).toBe('12');
    expect(await row('Empty').getByTestId('empty-column').textContent()).toBe(
      'Empty column: no values in the rows read',
    );
    // A column kept as a note or skipped goes to no field: nothing to preview.
    expect(await row('Shoe size').getByTestId('column-preview').count()).toBe(0);
    await s.app.screenshot('map-finder-01-preview');
  });

  it('lists the template fields still unmapped, required ones first', async () => {
    const unmapped = s.page.getByTestId('unmapped-fields');
    // First name, last name and the phone are mapped: every other field is not.
    const expected = clientTether.fields.filter(
      (f) => !['firstName', 'lastName', 'phone'].includes(f.header),
    );
    expect(await unmapped.locator('summary').textContent()).toBe(
      `Template fields not mapped yet: ${expected.length}`,
    );
    await unmapped.locator('summary').click();
    const names = await unmapped.getByRole('button').allTextContents();
    const required = expected.filter((f) => f.required).length;
    expect(names).toHaveLength(expected.length);
    expect(names.slice(0, required).every((n) => n.endsWith(' *'))).toBe(true);
    expect(names.slice(required).some((n) => n.endsWith(' *'))).toBe(false);
    expect(names).toContain('Email (email)');
    // A name in the list puts the field in the finder, to take it from a column.
    await unmapped.getByRole('button', { name: 'Email (email)' }).click();
    await expect
      .poll(() => s.page.getByTestId('field-results').locator('li').first().getAttribute('data-field'))
      .toBe('email');
  });

  it('finds a field by what a person types and takes it from a column', async () => {
    const finder = s.page.getByTestId('field-finder');
    const search = finder.getByRole('searchbox', { name: 'Find a field' });
    await search.fill('fornavn');
    const results = finder.getByTestId('field-results');
    await expect
      .poll(() => results.locator('li').first().textContent())
      .toBe('First name (firstName) * mapped from “First name”');
    await search.fill('lead');
    const lead = results.locator('li').first();
    expect(await lead.getAttribute('data-field')).toBe('lead_source_id');
    await lead.getByRole('combobox').selectOption({ label: 'Where from' });
    await expect.poll(() => s.map.target('Where from').inputValue()).toBe('field:lead_source_id');
    await expect.poll(() => lead.textContent()).toMatch(/mapped from “Where from”$/);
    await s.app.screenshot('map-finder-02-found');
    await search.fill('zzz');
    expect(await results.textContent()).toBe('No field goes by that name.');
    expect(s.pageErrors).toEqual([]);
  });

  it('keeps Continue in view on a small window, however long the list of columns', async () => {
    await s.page.setViewportSize({ width: 1024, height: 420 });
    const next = s.page.getByRole('button', { name: 'Continue to fixing' });
    const box = await next.boundingBox();
    expect(box && box.y + box.height <= 420).toBe(true);
    await s.app.screenshot('map-finder-03-small-window');
    await next.click();
    await s.page.getByTestId('error-count').waitFor();
  });
});
