import { describe, expect, it } from 'vitest';
import { clientTether } from '../template';
import { createRowFixer, suggestFix } from './index';

// The rule every fix follows: a value is rewritten only into the same meaning in the template's format. Each
// fix of shared/fix is audited here against values that look close to its format but mean something else.

const field = (header: string) => clientTether.fields.find((f) => f.header === header)!;
const context = { template: clientTether };
const fix = (header: string, value: string) => suggestFix(field(header), value, context);

describe('fixes only into the same meaning', () => {
  it.each([
    ['material_status', 'Separated'],
    ['material_status', 'Widowed'],
    ['material_status', 'unmarried'],
    ['material_status', 'Domestic partner'],
    ['gender', 'Mr.'],
    ['gender', 'Ms'],
    ['gender', 'Fru'],
    ['gender', 'Herr'],
    ['gender', 'Other'],
    ['gender', 'Non-binary'],
    ['new_lead_notification', 'email'],
    ['contact_type', '-5'],
    ['contact_type', '+3'],
    ['contact_type', '5.5'],
    ['contact_type', 'Lead'],
    ['presence_of_children', '2'],
    ['presence_of_children', '-1'],
    ['presence_of_children', 'maybe'],
    ['smsok', 'ask first'],
    ['household_income', '10k-25k'],
    ['household_income', '$50,000 - $74,999'],
    ['household_income', '$85k'],
    ['deal_size', '$1,250.50'],
    ['deal_size', '12.500'],
    ['deal_size', '-300'],
    ['market_value', '$1.2M'],
    ['creation_date', '03/04/2021'],
    ['creation_date', '3/4/21'],
    ['creation_date', '2024'],
    ['anniversary_1', '04/12'],
    ['phone', '+47 912 34 567'],
    ['phone', '07700 900123'],
    ['phone', '555-0104'],
    ['phone', '(415) 555-0101 ext 12'],
    ['zip', '0155'],
    ['zip', 'SW1A 1AA'],
    ['zip', '1234'],
    ['state', 'Oslo'],
    ['state', 'Greater London'],
    ['email', 'ann@example'],
    ['email', 'ann@example.com, bob@example.com'],
  ])('leaves %s %j for a person', (header, value) => {
    expect(fix(header, value)).toBeNull();
  });

  it.each([
    ['material_status', 'married', 'Married'],
    ['material_status', 'Skilt', 'Divorced'],
    ['gender', 'Kvinne', 'F'],
    ['contact_type', 'vendor', '4'],
    ['contact_type', '4.0', '4'],
    ['household_income', '$75,000', '75000'],
    ['deal_size', 'kr 85 000', '85000'],
    ['deal_size', '12 500,-', '12500'],
    ['creation_date', '2024-04-02T15:31:07Z', '2024-04-02'],
    ['creation_date', 'Apr 2, 2024', '2024-04-02'],
    ['phone', '+1 (415) 555-0101', '4155550101'],
    ['zip', '941071234', '94107-1234'],
    ['state', 'Mass.', 'MA'],
    ['email', 'Ann Lee <ann@example.com>', 'ann@example.com'],
  ])('rewrites %s %j as %j, the same meaning', (header, value, expected) => {
    expect(fix(header, value)?.value).toBe(expected);
  });
});

describe('placeholders', () => {
  it.each([
    ['anniversary_1', '0/0/00'],
    ['creation_date', '00/00/0000'],
    ['gender', 'Unspecified'],
    ['material_status', 'N/A'],
    ['phone', 'n/a'],
    ['email', 'unknown'],
    ['zip', '-'],
    ['household_income', '?'],
    ['city', '   '],
    ['job_title', '\n'],
  ])('clears %s %j to an empty cell', (header, value) => {
    expect(fix(header, value)).toEqual({ value: '', fix: 'placeholder.clear' });
  });

  it('keeps a placeholder in a required column and words in free text for a person', () => {
    expect(fix('firstName', '   ')).toBeNull();
    expect(fix('job_title', 'N/A')).toBeNull();
    expect(fix('whiteboard', 'unknown')).toBeNull();
  });

  it('reads a word a field names before it calls it a placeholder', () => {
    expect(fix('new_lead_notification', 'none')).toMatchObject({ value: '0' });
  });
});

describe('cells with several values', () => {
  const headers = ['firstName', 'phone', 'second_Phone', 'email', 'whiteboard'];
  const columns = headers.map(field);
  const fixer = (locked: boolean[] = []) =>
    createRowFixer({
      template: clientTether,
      columns,
      notesColumn: 4,
      labels: ['First', 'Phone 1 - Value', 'Phone 2 - Value', 'E-mail 1 - Value', null],
      locked,
    });

  it('keeps the first phone and moves the second to the free second phone, fixing both', () => {
    const row = ['Ann', '(415) 555-0132 ::: 415-555-0177', '', 'ann@example.com', ''];
    const changes = fixer().fixRow(row);
    expect(row).toEqual(['Ann', '4155550132', '4155550177', 'ann@example.com', '']);
    expect(changes?.map((c) => [c.field, c.fix])).toEqual([
      ['phone', 'multi.first'],
      ['second_Phone', 'multi.rest'],
    ]);
  });

  it('moves the rest to the notes when the sibling is taken, and an email has no sibling', () => {
    const row = ['Ann', '4155550132 ::: 4155550177', '4155550100', 'a@example.com ::: b@example.org', 'met'];
    fixer().fixRow(row);
    expect(row[1]).toBe('4155550132');
    expect(row[2]).toBe('4155550100');
    expect(row[3]).toBe('a@example.com');
    expect(row[4]).toBe(
      'met\n[import] Phone 1 - Value: 4155550177\n[import] E-mail 1 - Value: b@example.org',
    );
  });

  it('leaves the cell whole when there is nowhere to keep the rest, or its first value is not certain', () => {
    const noNotes = createRowFixer({ template: clientTether, columns: columns.slice(0, 4) });
    const row = ['Ann', '4155550132 ::: 4155550177', '', 'a@example.com ::: b@example.org'];
    expect(noNotes.fixRow(row)?.map((c) => c.field)).toEqual(['phone', 'second_Phone']);
    expect(row[3]).toBe('a@example.com ::: b@example.org');
    const unclear = ['Ann', '+47 912 34 567 ::: 4155550177', '', '', ''];
    expect(fixer().fixRow(unclear)).toBeNull();
  });

  it('never fixes a locked column: a field guessed from its values that no person has confirmed', () => {
    const row = ['Ann', '(415) 555-0132', '415.555.0177', 'ann@example.com', ''];
    fixer([false, false, true]).fixRow(row);
    expect(row.slice(1, 3)).toEqual(['4155550132', '415.555.0177']);
  });
});
