import { describe, expect, it } from 'vitest';
import { clientTether } from '../template';
import { SheetValidator } from '../validate';
import { describeFinding } from '../problems';
import { checkExportable } from './index';

const headers = clientTether.fields.map((f) => f.header);
const columns = clientTether.fields;

function sheet(rows: Record<string, string>[]) {
  const values = rows.map((r) => headers.map((h) => r[h] ?? ''));
  const validator = new SheetValidator({ template: clientTether, columns });
  for (const row of values) validator.addRow(row);
  const describe = (finding: Parameters<typeof describeFinding>[0]) =>
    describeFinding(finding, {
      locale: 'en',
      columns,
      rowNumber: (id) => id + 1,
      values: values[finding.rowId],
    });
  const ids = values.map((_, i) => i);
  return { validator, describe, ids };
}

describe('refusing an export', () => {
  it('lets a sheet with warnings only be exported', () => {
    const { validator, describe, ids } = sheet([{ firstName: ' Ann', lastName: 'Lee' }]);
    expect(validator.summary().warnings).toBe(1);
    expect(checkExportable(validator, ids, describe)).toBeNull();
  });

  it('refuses a sheet with errors, with the counts and the first errors in row order', () => {
    const { validator, describe, ids } = sheet([
      { firstName: 'Ann', lastName: 'Lee' },
      { firstName: 'Bob', lastName: 'Berg', phone: '555-123-4567', zip: '1234' },
      { firstName: ' Carla', lastName: 'Olsen' },
      { firstName: '', lastName: 'Smith', gender: 'x' },
    ]);
    const refusal = checkExportable(validator, ids, describe, { limit: 3 });
    expect(refusal).not.toBeNull();
    expect(refusal!.errors).toBe(4);
    expect(refusal!.warnings).toBe(1);
    expect(refusal!.rowsWithErrors).toBe(2);
    expect(refusal!.firstProblems.map((p) => `${p.row}|${p.field}|${p.code}`)).toEqual([
      '2|phone|phone.digits',
      '2|zip|postal.format',
      '4|firstName|required.missing',
    ]);
    expect(refusal!.firstProblems[0].value).toBe('555-123-4567');
    expect(refusal!.message).toBe(
      'Not exported: 4 errors in 2 rows must be fixed first (1 warning does not block the export). An error report lists them in a workbook you can fix in Excel.',
    );
  });

  it('counts duplicate emails as errors that block the export', () => {
    const { validator, describe, ids } = sheet([
      { firstName: 'Ann', lastName: 'Lee', email: 'a@example.com' },
      { firstName: 'Bob', lastName: 'Berg', email: 'A@example.com' },
    ]);
    const refusal = checkExportable(validator, ids, describe, { locale: 'nb' });
    expect(refusal?.firstProblems.map((p) => p.code)).toEqual(['email.duplicate', 'email.duplicate']);
    expect(refusal?.message).toMatch(/^Ikke eksportert: 2 feil på 2 rader/);
  });
});
