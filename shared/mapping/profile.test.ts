import { describe, expect, it } from 'vitest';
import { clientTether } from '../template';
import {
  chosenColumn,
  findProfile,
  headersSignature,
  mappingFromProfile,
  profileFromMapping,
  setColumnTarget,
  suggestMapping,
} from './index';
import { type ColumnTarget, fieldOf } from './types';
import { mappingProfileSchema } from './profile-schema';

const headers = ['Given Name', 'Family Name', 'E-mail 1 - Value', 'Mystery'];
const rows = [['Ann', 'Lee', 'ann@example.com', '5551234567']];

describe('mapping profiles', () => {
  const mapping = setColumnTarget(suggestMapping(clientTether, headers, rows), 3, {
    kind: 'field',
    header: 'second_Phone',
  });
  const profile = profileFromMapping('google', mapping, { savedAt: '2024-01-01T00:00:00.000Z' });

  it('round-trips through JSON and its schema', () => {
    expect(mappingProfileSchema.parse(JSON.parse(JSON.stringify(profile)))).toEqual(profile);
    expect(() => mappingProfileSchema.parse({ ...profile, version: 2 })).toThrow();
  });

  it('recognises the same headers in another order, case and spacing, and only those', () => {
    expect(headersSignature(['mystery', 'E-MAIL 1 - VALUE', 'family  name', 'Given Name'])).toBe(
      profile.signature,
    );
    expect(headersSignature([...headers, 'Extra'])).not.toBe(profile.signature);
    expect(findProfile([profile], ['MYSTERY', ...headers.slice(0, 3)], clientTether.id)).toBe(profile);
    expect(findProfile([profile], headers.slice(0, 3), clientTether.id)).toBeUndefined();
    expect(findProfile([profile], headers, 'another-template')).toBeUndefined();
  });

  it('prefers the most recently saved of two profiles for the same headers', () => {
    const newer = { ...profile, name: 'newer', savedAt: '2025-01-01T00:00:00.000Z' };
    expect(findProfile([profile, newer], headers, clientTether.id)?.name).toBe('newer');
  });

  it('gives a file the saved choices by header, whatever the column order', () => {
    const reordered = [headers[3], headers[0], headers[1], headers[2]];
    const applied = mappingFromProfile(profile, reordered, clientTether);
    expect(applied.columns.map((c) => [c.header, fieldOf(c.target), c.reason])).toEqual([
      ['Mystery', 'second_Phone', 'profile'],
      ['Given Name', 'firstName', 'profile'],
      ['Family Name', 'lastName', 'profile'],
      ['E-mail 1 - Value', 'email', 'profile'],
    ]);
    expect(applied.noteField).toBe('whiteboard');
  });

  it('keeps a header the profile does not know as a note', () => {
    const applied = mappingFromProfile(profile, [...headers, 'Country'], clientTether);
    expect(applied.columns[4]).toMatchObject({ target: { kind: 'note' }, reason: 'none' });
  });
});

describe('a profile file', () => {
  it.each<ColumnTarget>([
    { kind: 'field', header: 'email' },
    { kind: 'field', header: 'zip', guess: true },
    { kind: 'field', header: 'lead_source_id', values: { website: '12', 'trade show': '14' } },
    { kind: 'split', fields: ['firstName', 'lastName'] },
    { kind: 'custom', name: 'shoe_size' },
    { kind: 'note' },
    { kind: 'skip' },
  ])('keeps the target %j as it is through saving and reading', (target) => {
    const headers = ['Header', 'Other'];
    const mapping = {
      template: clientTether.id,
      fields: clientTether.fields.map((f) => f.header),
      columns: [chosenColumn(0, 'Header', target), chosenColumn(1, 'Other', { kind: 'note' })],
      noteField: 'notes',
    };
    const saved = mappingProfileSchema.parse(JSON.parse(JSON.stringify(profileFromMapping('p', mapping))));
    expect(mappingFromProfile(saved, headers, clientTether).columns[0].target).toEqual(target);
  });
});

describe('profiles saved before guesses and value maps', () => {
  it('reads an old profile file as it always did', () => {
    const old = {
      format: 'listprep-mapping-profile',
      version: 1,
      name: 'google',
      template: clientTether.id,
      signature: headersSignature(['Given Name', 'Mystery']),
      columns: [
        { header: 'Given Name', field: 'firstName' },
        { header: 'Mystery', field: null, unmapped: 'note' },
      ],
      noteField: 'whiteboard',
      savedAt: '2023-05-01T00:00:00.000Z',
    };
    const parsed = mappingProfileSchema.parse(old);
    expect(
      mappingFromProfile(parsed, ['Given Name', 'Mystery'], clientTether).columns.map((c) => c.target),
    ).toEqual([{ kind: 'field', header: 'firstName' }, { kind: 'note' }]);
  });
});
