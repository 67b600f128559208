import { describe, expect, it } from 'vitest';
import { clientTether } from '../template';
import {
  applyMapping,
  customFieldNames,
  foldImportNote,
  importNote,
  missingRequired,
  setColumnTarget,
  suggestMapping,
} from './index';
import { fieldOf } from './types';

const at = (header: string) => clientTether.fields.findIndex((f) => f.header === header);
const headers = ['Name', 'E-mail', 'Country', 'Notes', 'Fax', 'Shoe size'];
const rows = [
  ['Ann Lee', 'ann@example.com', 'Norway', 'met at show', '', '41'],
  ['Lee, Bob', 'bob@example.com', '', '', '', ''],
];

describe('applyMapping', () => {
  const mapping = suggestMapping(clientTether, headers, rows);

  it('puts each value in its template column, splits the full name and leaves other fields empty', () => {
    const { values } = applyMapping(mapping, rows[1]);
    expect(values).toHaveLength(clientTether.fields.length);
    expect(values[at('firstName')]).toBe('Bob');
    expect(values[at('lastName')]).toBe('Lee');
    expect(values[at('email')]).toBe('bob@example.com');
    expect(values[at('phone')]).toBe('');
  });

  it('keeps unmapped values as [import] notes, appended to the notes field’s own text', () => {
    const row = applyMapping(mapping, rows[0]);
    expect(row.note).toBe('[import] Country: Norway\n[import] Shoe size: 41');
    expect(row.values[at('whiteboard')]).toBe(
      'met at show\n[import] Country: Norway\n[import] Shoe size: 41',
    );
    expect(importNote(mapping, rows[1])).toBe('');
    expect(applyMapping(mapping, rows[1]).values[at('whiteboard')]).toBe('');
  });

  it('keeps the notes field’s own value apart when asked, folding the notes in when the row is written', () => {
    const row = applyMapping(mapping, rows[0], { foldNote: false });
    expect(row.values[at('whiteboard')]).toBe('met at show');
    expect(row.note).toBe('[import] Country: Norway\n[import] Shoe size: 41');
    expect(foldImportNote(mapping, row.values, row.note)).toEqual(applyMapping(mapping, rows[0]).values);
    expect(foldImportNote(mapping, ['x'], '')).toEqual(['x']);
  });

  it('copies values as they are: fixing is a separate, reported step', () => {
    const { values } = applyMapping(mapping, ['Ann Lee', ' ANN@example.com ', '', '', '', '']);
    expect(values[at('email')]).toBe(' ANN@example.com ');
  });

  it('drops notes when the mapping has no note field, and reads short rows as empty cells', () => {
    const { values, note } = applyMapping({ ...mapping, noteField: null }, [
      'Ann Lee',
      'ann@example.com',
      'Norway',
    ]);
    expect(note).toBe('[import] Country: Norway');
    expect(values[at('whiteboard')]).toBe('');
  });
});

describe('editing a mapping', () => {
  const mapping = suggestMapping(clientTether, headers, rows);

  it('gives a field to the user’s column and releases the column that had it', () => {
    const edited = setColumnTarget(mapping, 2, { kind: 'field', header: 'email' });
    expect(edited.columns[2]).toMatchObject({
      target: { kind: 'field', header: 'email' },
      reason: 'user',
      confidence: 1,
    });
    expect(edited.columns[1]).toMatchObject({ target: { kind: 'note' } });
    expect(fieldOf(mapping.columns[1].target)).toBe('email');
    expect(() => setColumnTarget(mapping, 2, { kind: 'field', header: 'no_such_field' })).toThrow(RangeError);
  });

  it('releases a full-name split when one of its fields is given to another column', () => {
    const edited = setColumnTarget(mapping, 2, { kind: 'field', header: 'lastName' });
    expect(edited.columns[0].target).toEqual({ kind: 'note' });
    expect(missingRequired(edited, clientTether)).toEqual(['firstName']);
  });

  it('makes a column a custom field or drops it as the user says', () => {
    const custom = setColumnTarget(mapping, 2, { kind: 'custom', name: 'Land' });
    expect(customFieldNames(custom)).toEqual(['Land']);
    const row = applyMapping(custom, rows[0]);
    expect(row.custom).toEqual(['Norway']);
    expect(row.note).toBe('[import] Shoe size: 41');
    const dropped = setColumnTarget(custom, 5, { kind: 'skip' });
    expect(applyMapping(dropped, rows[0]).note).toBe('');
  });

  it('splits the column the user picks as the full name', () => {
    const plain = suggestMapping(clientTether, ['Who', 'Email'], [['Ann Lee', 'a@b.com']]);
    expect(missingRequired(plain, clientTether)).toEqual(['firstName', 'lastName']);
    const split = setColumnTarget(plain, 0, { kind: 'split', fields: ['firstName', 'lastName'] });
    expect(missingRequired(split, clientTether)).toEqual([]);
    expect(applyMapping(split, ['Ann Lee', 'a@b.com']).values.slice(0, 2)).toEqual(['Ann', 'Lee']);
  });
});
