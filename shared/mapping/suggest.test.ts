import { describe, expect, it } from 'vitest';
import { clientTether } from '../template';
import { defineTemplate } from '../template/schema';
import tinyCrm from '../template/testdata/tiny-crm.template.json';
import { suggestMapping } from './index';
import { fieldOf } from './types';

const columnFor = (headers: string[], rows: string[][] = []) => {
  const mapping = suggestMapping(clientTether, headers, rows);
  return (header: string) => mapping.columns.find((c) => c.header === header)!;
};

describe('suggestMapping by name', () => {
  it('maps the template’s own header file to itself with full confidence', () => {
    const headers = clientTether.fields.map((f) => f.header);
    const mapping = suggestMapping(clientTether, headers, []);
    expect(mapping.columns.map((c) => fieldOf(c.target))).toEqual(headers);
    expect(mapping.columns.every((c) => c.confidence === 1 && c.reason === 'header')).toBe(true);
    expect(mapping.fields).toEqual(headers);
    expect(mapping.template).toBe('clienttether-contacts');
  });

  it('compares names without case, spacing, punctuation or accents', () => {
    const column = columnFor(['FIRST_NAME', 'last-name', ' E-MAIL ', 'fodselsdato', 'Post.nr'], []);
    expect(fieldOf(column('FIRST_NAME').target)).toBe('firstName');
    expect(fieldOf(column('last-name').target)).toBe('lastName');
    expect(fieldOf(column(' E-MAIL ').target)).toBe('email');
    // A birthday is not an anniversary: no field claims it.
    expect(fieldOf(column('fodselsdato').target)).toBeNull();
    expect(fieldOf(column('Post.nr').target)).toBe('zip');
    expect(columnFor(['zip code'])('zip code')).toMatchObject({
      target: { kind: 'field', header: 'zip' },
      reason: 'synonym',
      detail: 'synonym "zip code"',
    });
  });

  it('ranks the template header over a label over a synonym, and says which matched', () => {
    const column = columnFor(['email', 'Etternavn', 'Mobil']);
    expect(column('email')).toMatchObject({ reason: 'header', confidence: 1 });
    expect(column('Etternavn')).toMatchObject({ reason: 'label', confidence: 0.97 });
    expect(column('Mobil').reason).toBe('synonym');
    expect(column('Mobil').confidence).toBeLessThan(0.97);
  });

  it('gives each field to one column: the mobile wins the phone and the other phone goes to second_Phone', () => {
    const column = columnFor(['Home Phone', 'Mobile Phone', 'Fax']);
    expect(fieldOf(column('Mobile Phone').target)).toBe('phone');
    expect(fieldOf(column('Home Phone').target)).toBe('second_Phone');
    expect(fieldOf(column('Fax').target)).toBeNull();
  });

  it('lets a named mobile column beat a bare "Phone", which falls back to second_Phone', () => {
    const column = columnFor(['Phone', 'Cell']);
    expect(fieldOf(column('Cell').target)).toBe('phone');
    expect(column('Phone')).toMatchObject({
      target: { kind: 'field', header: 'second_Phone' },
      detail: expect.stringContaining('phone was taken'),
    });
  });

  it('leaves a third phone without a field rather than overwrite one', () => {
    const column = columnFor(['Mobile', 'Work Phone', 'Home Phone'], [['5551234567', '5551234568', '']]);
    expect(fieldOf(column('Mobile').target)).toBe('phone');
    expect(fieldOf(column('Work Phone').target)).toBe('second_Phone');
    expect(column('Home Phone')).toMatchObject({ target: { kind: 'skip' } });
  });

  it('prefers the filled one of two equally named columns', () => {
    const column = columnFor(['Home Street', 'Business Street'], [['', '1 Main St']]);
    expect(fieldOf(column('Business Street').target)).toBe('address');
    expect(fieldOf(column('Home Street').target)).toBeNull();
  });
});

describe('suggestMapping by content', () => {
  const rows = [
    ['ann@example.com', '555-123-4567', 'CA', '90210', '12', 'https://www.facebook.com/ann', 'male'],
    ['bob@example.com', '(555) 987-6543', 'Ontario', 'K1A 0B1', '7', 'facebook.com/bob', 'F'],
    ['cy@example.com', '5551112222', 'tx', '10001-1234', '3', 'https://facebook.com/cy', 'female'],
  ];
  const headers = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];

  it('reads what a column holds when its name says nothing', () => {
    const mapping = suggestMapping(clientTether, headers, rows);
    expect(mapping.columns.map((c) => fieldOf(c.target))).toEqual([
      'email',
      'phone',
      'state',
      'zip',
      null,
      'facebook',
      'gender',
    ]);
    expect(mapping.columns[0]).toMatchObject({
      target: { kind: 'field', header: 'email', guess: true },
      reason: 'content',
      detail: 'guessed from the values: 100% of sampled values are email addresses',
    });
    expect(mapping.columns.filter((c) => c.reason === 'content').every((c) => 'guess' in c.target)).toBe(
      true,
    );
  });

  it('ranks content below any name, so a named column keeps its field', () => {
    const column = columnFor(['Contact', 'Email'], [['ann@example.com', 'ann@example.com']]);
    expect(fieldOf(column('Email').target)).toBe('email');
    expect(fieldOf(column('Contact').target)).toBeNull();
    for (const c of suggestMapping(clientTether, headers, rows).columns) {
      if (c.reason === 'content') expect(c.confidence).toBeLessThan(0.75);
    }
  });

  it('needs most values to agree before it claims a field', () => {
    const mixed = [['ann@example.com'], ['not an email'], ['also not'], ['bob@example.com']];
    expect(fieldOf(suggestMapping(clientTether, ['Stuff'], mixed).columns[0].target)).toBeNull();
  });

  it('does not read honorifics in a salutation column as gender', () => {
    expect(fieldOf(columnFor(['Salutation'], [['Mr.'], ['Ms.']])('Salutation').target)).toBeNull();
  });
});

describe('full names', () => {
  it('splits a full-name column into first and last name when there are no name columns', () => {
    const column = columnFor(['Full Name', 'Email']);
    expect(column('Full Name')).toMatchObject({
      target: { kind: 'split', fields: ['firstName', 'lastName'] },
      reason: 'fullName',
    });
  });

  it('leaves a full-name column alone (dropped as redundant) when first and last name columns exist', () => {
    const column = columnFor(['Name', 'First Name', 'Last Name'], [['Ann Lee', 'Ann', 'Lee']]);
    expect(column('Name')).toMatchObject({ target: { kind: 'skip' } });
  });

  it('does not split when only one of the name columns exists; the full name is kept as a note', () => {
    const column = columnFor(['Navn', 'Fornavn'], [['Kari Nordmann', 'Kari']]);
    expect(column('Navn')).toMatchObject({ target: { kind: 'note' } });
  });
});

describe('columns the template lacks', () => {
  it('keeps filled columns as [import] notes in the notes field and drops empty ones', () => {
    const mapping = suggestMapping(clientTether, ['Email', 'Country', 'Fax'], [['a@b.com', 'Norway', '']]);
    expect(mapping.noteField).toBe('whiteboard');
    expect(mapping.columns[1]).toMatchObject({
      reason: 'none',
      target: { kind: 'note' },
      confidence: 0,
    });
    expect(mapping.columns[2]).toMatchObject({ target: { kind: 'skip' } });
  });

  it('drops the type column of a Google pair once it has named its value column', () => {
    const mapping = suggestMapping(
      clientTether,
      ['Phone 1 - Type', 'Phone 1 - Value'],
      [
        ['* Mobile', '555-123-4567'],
        ['Mobile', '555-123-4568'],
      ],
    );
    expect(mapping.columns[0]).toMatchObject({ target: { kind: 'skip' } });
    expect(mapping.columns[1]).toMatchObject({
      target: { kind: 'field', header: 'phone' },
      detail: expect.stringContaining('type mobile'),
    });
  });

  it('leaves out a type column whose rows disagree too, as the label of another column a person may keep', () => {
    const mapping = suggestMapping(
      clientTether,
      ['Phone 1 - Type', 'Phone 1 - Value'],
      [
        ['Home', '555-123-4567'],
        ['Mobile', '555-123-4568'],
      ],
    );
    expect(mapping.columns[0]).toMatchObject({ target: { kind: 'skip' }, system: 'label' });
  });
});

describe('another CRM’s template', () => {
  it('maps by that template’s own headers and synonyms with no new code', () => {
    const tiny = defineTemplate(tinyCrm);
    const mapping = suggestMapping(tiny, ['name', 'MAIL'], []);
    expect(mapping.template).toBe(tiny.id);
    expect(mapping.columns.map((c) => fieldOf(c.target))).toEqual(['Name', 'Mail']);
    expect(mapping.noteField).toBeNull();
  });
});
