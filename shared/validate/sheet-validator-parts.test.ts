import { describe, expect, it } from 'vitest';
import { generateContacts } from '../../test/fixtures/generate-contacts';
import { clientTether } from '../template';
import { columnsFromHeaders, SheetValidator } from './index';

// A large file's parts are validated in worker threads and come together in one validator: the result must
// be exactly what one validator gives on the whole file, duplicates across parts included.

function everything(validator: SheetValidator) {
  return Array.from({ length: validator.rowCount }, (_, rowId) => validator.findings(rowId));
}

describe('validating a sheet in parts', () => {
  const { headers, rows } = generateContacts(3000, { seed: 11 });
  const columns = columnsFromHeaders(clientTether, headers);
  // Duplicates that only meet across the parts: an email used in the first and in the last part, a
  // name + phone pair repeated with another email.
  const email = headers.indexOf('email');
  rows[10][email] = 'pat.doe@example.com';
  rows[2900][email] = 'Pat.Doe@Example.com';
  for (const r of [20, 2950]) {
    rows[r][headers.indexOf('firstName')] = 'Robin';
    rows[r][headers.indexOf('lastName')] = 'Quist';
    rows[r][headers.indexOf('phone')] = '5035550199';
  }

  const whole = new SheetValidator({ template: clientTether, columns });
  for (const row of rows) whole.addRow(row);

  it('gives the same findings and counts as one validator, whatever the split', () => {
    for (const splits of [[1000], [1, 2999], [700, 1500, 2600]]) {
      const bounds = [0, ...splits, rows.length];
      const merged = new SheetValidator({ template: clientTether, columns });
      // An estimate of the rows to come (here too low) only decides when the indexes grow.
      merged.reserve(rows.length / 2.5);
      for (const row of rows.slice(0, bounds[1])) merged.addRow(row);
      for (let p = 1; p < bounds.length - 1; p++) {
        const part = new SheetValidator({ template: clientTether, columns, crossRowRules: false });
        for (const row of rows.slice(bounds[p], bounds[p + 1])) part.addRow(row);
        // A part alone never reports duplicates: they are found where the parts come together.
        expect(part.summary().byColumn.some((c) => c.code.endsWith('uplicate'))).toBe(false);
        expect(merged.adoptRows(part.exportRows())).toBe(bounds[p]);
      }
      expect(merged.summary()).toEqual(whole.summary());
      expect(everything(merged)).toEqual(everything(whole));
    }
    const emailDuplicates = whole.findings(2900).filter((f) => f.code === 'email.duplicate');
    expect(emailDuplicates[0]?.groups?.[0].firstRows).toEqual([10, 2900]);
    expect(whole.findings(2950).some((f) => f.code === 'contact.likelyDuplicate')).toBe(true);
  });

  it('keeps adopted rows editable like any other row', () => {
    const merged = new SheetValidator({ template: clientTether, columns });
    for (const row of rows.slice(0, 1500)) merged.addRow(row);
    const part = new SheetValidator({ template: clientTether, columns, crossRowRules: false });
    for (const row of rows.slice(1500)) part.addRow(row);
    merged.adoptRows(part.exportRows());
    const edited = [...rows[2900]];
    edited[email] = 'someone.new@example.com';
    merged.updateCell(2900, email, edited);
    expect(merged.findings(10).some((f) => f.code === 'email.duplicate')).toBe(false);
  });
});
