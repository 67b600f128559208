import { describe, expect, it } from 'vitest';
import { generateContacts } from '../../test/fixtures/generate-contacts';
import { clientTether } from '../template';
import { SheetValidator } from '../validate';
import { analyzeColumns, createRowFixer } from './index';

const columns = clientTether.fields;
const col = (header: string) => columns.findIndex((f) => f.header === header);

function row(cells: Record<string, string>): string[] {
  const values = columns.map(() => '');
  for (const [header, value] of Object.entries(cells)) values[col(header)] = value;
  return values;
}

describe('analyzeColumns', () => {
  it('decides each date column’s order from its own values', () => {
    const rows = [
      row({ creation_date: '03/04/2021', anniversary_1: '03/04/1980' }),
      row({ creation_date: '25/12/2020', anniversary_1: '12/25/1979' }),
      row({ creation_date: '2021-01-01', anniversary_1: '' }),
    ];
    const analysis = analyzeColumns(columns, rows);
    expect(analysis.dateOrderByField).toEqual({ creation_date: 'dmy', anniversary_1: 'mdy' });
    expect(analysis.dateOrder[col('creation_date')]).toBe('dmy');
    expect(analysis.dateOrder[col('anniversary_2')]).toBeNull();
    expect(analysis.dateOrder[col('phone')]).toBeNull();
    expect(analysis.dateEvidence[col('creation_date')]).toEqual({ dayFirst: 1, monthFirst: 0, ambiguous: 1 });
    expect(analysis.dateEvidence[col('phone')]).toBeNull();
  });
});

describe('createRowFixer', () => {
  it('applies every certain fix in place and reports each change, using the row and the column’s date order', () => {
    const values = row({
      firstName: ' Ann',
      lastName: 'Lee',
      phone: '(555) 123-4567',
      state: 'Connecticut',
      zip: '6103',
      creation_date: '03/04/2021',
      gender: 'female',
      deal_size: '$12,500.00',
      email: 'Ann Lee <ann@example.com>',
      smsok: 'yes',
    });
    const fixer = createRowFixer({
      template: clientTether,
      columns,
      dateOrderByField: { creation_date: 'dmy' },
    });
    const changes = fixer.fixRow(values);
    expect(changes?.map((c) => [c.field, c.from, c.to, c.fix])).toEqual([
      ['firstName', ' Ann', 'Ann', 'text.trim'],
      ['phone', '(555) 123-4567', '5551234567', 'phone.digits'],
      ['smsok', 'yes', '1', 'flag.word'],
      ['email', 'Ann Lee <ann@example.com>', 'ann@example.com', 'email.address'],
      ['state', 'Connecticut', 'CT', 'region.code'],
      ['zip', '6103', '06103', 'postal.zeroPad'],
      ['deal_size', '$12,500.00', '12500', 'whole.number'],
      ['gender', 'female', 'F', 'choice.word'],
      ['creation_date', '03/04/2021', '2021-04-03', 'date.iso'],
    ]);
    expect(values[col('zip')]).toBe('06103');
    const validator = new SheetValidator({ template: clientTether, columns });
    expect(validator.hasFindings(validator.addRow(values))).toBe(false);
  });

  it('returns null and leaves the row alone when nothing is certain', () => {
    const values = row({
      firstName: 'Ann',
      lastName: 'Lee',
      phone: '+47 912 34 567',
      creation_date: '03/04/2021',
    });
    const before = [...values];
    expect(createRowFixer({ template: clientTether, columns }).fixRow(values)).toBeNull();
    expect(values).toEqual(before);
  });

  it('fixes exactly the planted errors it can be sure of and leaves the rest for a person', () => {
    const { rows, planted } = generateContacts(500, { seed: 7 });
    const fixer = createRowFixer({ template: clientTether, columns });
    const changed = new Set<string>();
    rows.forEach((values, i) => {
      for (const change of fixer.fixRow(values) ?? []) changed.add(`${i + 1}|${change.field}`);
    });
    // Without the account's lists, a zero-ZIP state or a decided date order, these are the certain ones.
    const certain = [/^555-\d{3}-\d{4}$/, /^\+1 \(444\) /, /^(California|ca|Ont\.)$/, /^(k1a0b1|K1A-0B1)$/];
    certain.push(/^(2021\/03\/04|March 4, 2021|\$12,500\.00|yes|Y|true)$/);
    const wrong = planted.filter(
      (p) => changed.has(`${p.row}|${p.field}`) !== certain.some((r) => r.test(p.value)),
    );
    expect(wrong).toEqual([]);
    expect(changed.size).toBeGreaterThan(50);
  });
});
