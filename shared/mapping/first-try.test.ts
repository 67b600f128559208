import { describe, expect, it } from 'vitest';
import { clientTether } from '../template';
import { suggestMapping } from './index';
import { confirmed, isGuess } from './types';

const mapped = (headers: string[], rows: string[][] = []) => {
  const mapping = suggestMapping(clientTether, headers, rows);
  return (header: string) => mapping.columns.find((c) => c.header === header)!;
};

describe('headers with extra words', () => {
  it.each([
    ['Prospect First Name', 'firstName'],
    ['Home Street Address', 'address'],
    ['Owns Home?', 'home_owner_status'],
    ['Date Registered', 'creation_date'],
    ['Yearly Household Income', 'household_income'],
    ['Years At Residence', 'Length_of_residence'],
    ['OK To Text', 'smsok'],
    ['Estimated Home Value', 'market_value'],
    ['Person - Phone - Mobile', 'phone'],
    ['What’s your company called?', 'compName'],
    ['Submit Date (UTC)', 'creation_date'],
    ['PostalCodeHome', 'zip'],
    ['GivenNames', 'firstName'],
  ])('maps %j on the words it contains to %s', (header, field) => {
    expect(mapped([header], [['x']])(header).target).toMatchObject({ kind: 'field', header: field });
  });

  it('does not read a field into a header whose other words change who or what it is about', () => {
    const column = mapped(
      ['Spouse First Name', 'Assistant’s Phone', 'Company Main Phone', 'Referred By', 'Email Opt Out'],
      [['Bo', '5551234567', '5551234568', 'Ann', 'true']],
    );
    for (const header of ['Spouse First Name', 'Assistant’s Phone', 'Company Main Phone', 'Referred By']) {
      expect(column(header).target.kind).not.toBe('field');
    }
    expect(column('Email Opt Out').target).toEqual({ kind: 'note' });
  });
});

describe('guesses from values', () => {
  it('marks a column mapped from its values as a guess that a person confirms', () => {
    const column = mapped(['First', 'Last', 'Stuff'], [['Ann', 'Lee', 'ann@example.com']]);
    const stuff = column('Stuff');
    expect(stuff).toMatchObject({
      target: { kind: 'field', header: 'email', guess: true },
      reason: 'content',
    });
    expect(isGuess(stuff.target)).toBe(true);
    expect(confirmed(stuff.target)).toEqual({ kind: 'field', header: 'email' });
    expect(isGuess(column('First').target)).toBe(false);
  });

  it('never lets values claim a column whose name says it is an ID, an offset, a rating or a coordinate', () => {
    const rows = [
      ['123456789', '-5', '4', '40.7128', '10023'],
      ['234567891', '-6', '3', '41.8781', '10024'],
      ['345678912', '-8', '5', '34.0522', '10025'],
    ];
    const column = mapped(['Internal Ref', 'TZ Offset', 'Rating', 'Lat', 'Member No'], rows);
    expect(column('Internal Ref')).toMatchObject({ target: { kind: 'skip' }, system: 'id' });
    expect(column('TZ Offset')).toMatchObject({ target: { kind: 'skip' }, system: 'timeZone' });
    expect(column('Rating')).toMatchObject({ target: { kind: 'skip' }, system: 'rating' });
    expect(column('Lat')).toMatchObject({ target: { kind: 'skip' }, system: 'coordinates' });
    expect(column('Member No').target.kind).not.toBe('field');
  });

  it('does not take nine bare digits or signed small numbers for ZIP codes or contact types', () => {
    const column = mapped(
      ['First', 'Last', 'A', 'B'],
      [
        ['Ann', 'Lee', '216183757', '-5'],
        ['Bob', 'Ray', '216183758', '-4'],
        ['Cy', 'Uhl', '216183759', '-5'],
      ],
    );
    expect(column('A').target).toEqual({ kind: 'note' });
    expect(column('B').target).toEqual({ kind: 'note' });
  });
});

describe('the old system’s own columns', () => {
  it('leaves out Mailchimp’s location, clock and rating columns and its REGION guess, saying why', () => {
    const headers = [
      'Email Address',
      'MEMBER_RATING',
      'LATITUDE',
      'GMTOFF',
      'TIMEZONE',
      'CC',
      'REGION',
      'LEID',
    ];
    const row = ['a@b.com', '2', '34.07', '-8', 'America/Los_Angeles', 'US', 'CA', '216183757'];
    const mapping = suggestMapping(clientTether, headers, [row, row]);
    expect(mapping.columns.slice(1).map((c) => [c.target.kind, c.system])).toEqual([
      ['skip', 'rating'],
      ['skip', 'coordinates'],
      ['skip', 'timeZone'],
      ['skip', 'timeZone'],
      ['skip', 'coordinates'],
      ['skip', 'coordinates'],
      ['skip', 'id'],
    ]);
    expect(mapping.columns[6].detail).toBe('left out: a location guessed from the sign-up IP address');
  });

  it('leaves out labels of other columns and filler, and keeps free text and data for a person', () => {
    const column = mapped(
      ['E-mail Address', 'E-mail Type', 'Sensitivity', 'Department', 'Spouse', 'Skype ID'],
      [
        ['a@b.com', 'SMTP', 'Normal', 'Sales', 'Bo', 'ann.lee'],
        ['c@d.com', 'SMTP', 'Normal', 'Support', '', 'bob.ray'],
      ],
    );
    expect(column('E-mail Type')).toMatchObject({ target: { kind: 'skip' }, system: 'label' });
    expect(column('Sensitivity')).toMatchObject({ target: { kind: 'skip' } });
    expect(column('Department').target).toEqual({ kind: 'note' });
    expect(column('Spouse').target).toEqual({ kind: 'note' });
    expect(column('Skype ID').target).toEqual({ kind: 'note' });
  });
});

describe('names from vCard converters', () => {
  it('reads a Name column beside the given names as the family name, not as a full name to split', () => {
    const column = mapped(
      ['Name', 'GivenNames', 'EmailHome'],
      [
        ['Larsen', 'Kai', 'kai@example.com'],
        ['Moreno', 'Luz Maria', 'luz@example.com'],
      ],
    );
    expect(column('Name').target).toEqual({ kind: 'field', header: 'lastName' });
    expect(column('GivenNames').target).toEqual({ kind: 'field', header: 'firstName' });
  });

  it('still treats Name as a full name when it repeats the given name', () => {
    const column = mapped(['Name', 'Given Name', 'Family Name'], [['Ann Lee', 'Ann', 'Lee']]);
    expect(column('Name').target).toEqual({ kind: 'skip' });
  });
});

describe('dates by meaning', () => {
  it('maps sign-up, registration and form times to the creation date and a birthday to no field', () => {
    const column = mapped(
      ['Timestamp', 'OPTIN_TIME', 'Date of Birth', 'Anniversary'],
      [['x', 'x', 'x', 'x']],
    );
    expect(column('Timestamp').target).toMatchObject({ header: 'creation_date' });
    expect(column('OPTIN_TIME').target).toEqual({ kind: 'note' });
    expect(column('Date of Birth').target).toEqual({ kind: 'note' });
    expect(column('Anniversary').target).toMatchObject({ header: 'anniversary_1' });
  });
});
