import { describe, expect, it } from 'vitest';
import { configio, dealerCrm, mainBrainer } from '../template';
import { countLikelyDuplicates, loadTemplateSupport, SheetValidator } from '../validate';
import { csvFormatOf, ImportSummaryCounter, resolveChoices } from './import-summary';

// What an export says about the CRM's import before anyone runs it, counted on the exported rows.

/** A row in the template's header order, from the cells named. */
function rowOf(headers: readonly string[], cells: Readonly<Record<string, string>>): string[] {
  return headers.map((h) => cells[h] ?? '');
}

describe('the import choices', () => {
  it('takes each given choice, the default for the others, and refuses unknown choices and options', () => {
    expect(resolveChoices(mainBrainer, { primaryKey: 'mobile' })).toEqual({
      ok: true,
      choices: { primaryKey: 'mobile', secondaryKey: 'none', masterData: 'existing' },
    });
    const unknown = resolveChoices(mainBrainer, { rule: 'merge' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.reason).toContain('primaryKey, secondaryKey, masterData');
    const badOption = resolveChoices(dealerCrm, { rule: 'overwrite' });
    expect(badOption).toEqual({ ok: false, reason: 'rule must be one of create, merge, not "overwrite"' });
  });

  it('writes the CSV with the delimiter chosen among those the CRM takes, and its byte order mark', () => {
    expect(csvFormatOf(mainBrainer)).toEqual({ delimiter: ',', bom: true });
    expect(csvFormatOf(mainBrainer, ';')).toEqual({ delimiter: ',', bom: true });
    expect(csvFormatOf(dealerCrm, ';')).toEqual({ delimiter: ';', bom: false });
    expect(csvFormatOf(dealerCrm)).toEqual({ delimiter: ',', bom: false });
  });
});

describe('the summary of an export', () => {
  it('counts MainBrainer’s rows by the keys chosen, an email matched in any case, and says the master data', () => {
    const headers = mainBrainer.fields.map((f) => f.header);
    const resolved = resolveChoices(mainBrainer, { secondaryKey: 'mobile', masterData: 'file' });
    if (!resolved.ok) throw new Error(resolved.reason);
    const counter = new ImportSummaryCounter(mainBrainer, headers, resolved.choices);
    counter.add(rowOf(headers, { 'E-postadresse': 'kari@example.no', Mobilnummer: '+4791234567' }));
    counter.add(rowOf(headers, { 'E-postadresse': 'KARI@example.no' }));
    counter.add(rowOf(headers, { Mobilnummer: '+4791234568' }));
    counter.add(rowOf(headers, { Fornavn: 'Ola' }));
    const summary = counter.result('en');
    expect(summary.counts).toEqual({
      rows: 4,
      rowsWithData: 4,
      withPrimary: 2,
      bySecondaryOnly: 1,
      withNeither: 1,
      sharedPrimaryRows: 2,
      sharedPrimaryKeys: 1,
    });
    expect(summary.lines).toContain(
      'Master data: My uploaded file is the master data. Contacts MainBrainer already has are overwritten with the values in the file.',
    );
    expect(summary.lines).toContain(
      'Matched by Email address: 2 rows. Matched by Mobile number (no Email address): 1 row. Always created as new contacts (no key to match by): 1 row.',
    );
    expect(summary.lines.join('\n')).toContain(
      '2 rows share their Email address with another row (1 different value)',
    );
    expect(counter.result('nb').lines).toContain(
      'Hoveddata: Bruk min opplastede fil som hoveddata. Kontakter MainBrainer allerede har, overskrives med verdiene i filen.',
    );
  });

  it('says how many Configio leads will be created and how many may be updated by Account CRM ID', () => {
    const headers = configio.fields.map((f) => f.header);
    const counter = new ImportSummaryCounter(configio, headers, {});
    counter.add(rowOf(headers, { 'Account CRM ID': 'A-17', 'Lead Name': 'Acme' }));
    counter.add(rowOf(headers, { 'Lead Name': 'Birch AS' }));
    counter.add(rowOf(headers, { 'Export Value': '1200' }));
    const summary = counter.result('en');
    expect(summary.counts).toMatchObject({ rows: 3, withKey: 1, withoutKey: 2 });
    expect(summary.lines[0]).toMatch(
      /^To be created: 2 rows without Account CRM ID\. May be updated: 1 row with Account CRM ID/,
    );
  });

  it('counts the dealer CRM’s rows with data and the leads its Merge rule would merge', async () => {
    await loadTemplateSupport(dealerCrm);
    const headers = dealerCrm.fields.map((f) => f.header);
    const validator = new SheetValidator({ template: dealerCrm, columns: dealerCrm.fields });
    const rows = [
      rowOf(headers, {
        'First Name': 'Ann',
        'Last Name': 'Lee',
        Email: 'ann@example.com',
        'Mobile Phone': '5551234567',
      }),
      rowOf(headers, { 'First Name': 'Ann', 'Last Name': 'Lee', Email: 'ANN@example.com' }),
      rowOf(headers, { 'First Name': 'Bob', 'Last Name': 'Ray', 'Mobile Phone': '5559876543' }),
      rowOf(headers, {}),
    ];
    const ids = rows.map((row) => validator.addRow(row));
    const merge = resolveChoices(dealerCrm, { rule: 'merge' });
    if (!merge.ok) throw new Error(merge.reason);
    const counter = new ImportSummaryCounter(dealerCrm, headers, merge.choices);
    for (const row of rows) counter.add(row);
    const summary = counter.result('en', countLikelyDuplicates(validator, ids));
    expect(summary.counts).toEqual({ rows: 4, rowsWithData: 3, likelyRows: 2, likelyGroups: 1 });
    expect(summary.lines).toContain(
      'Import rule: Merge. Merge: leads sharing two of name, phone number and email are merged into one lead, in the file and with leads the CRM already has.',
    );
    expect(summary.lines).toContain(
      '3 rows with data: when the import has finished, Dealer CRM\'s "Processed" column should show 3.',
    );
    expect(summary.lines.join('\n')).toContain('merges each group into one lead (1 lead instead of 2)');
  });
});
