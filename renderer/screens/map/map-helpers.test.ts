import { describe, expect, it } from 'vitest';
import { clientTether } from '../../../shared/template';
import { previewColumn } from './column-preview';
import { searchFields } from './field-search';

describe('finding a template field by typing', () => {
  it('matches labels in both languages, headers and synonyms, in any case and without accents, best first', () => {
    expect(searchFields(clientTether.fields, 'lead').map((f) => f.header)[0]).toBe('lead_source_id');
    expect(searchFields(clientTether.fields, 'LEADKILDE').map((f) => f.header)).toContain('lead_source_id');
    expect(searchFields(clientTether.fields, 'e-post').map((f) => f.header)[0]).toBe('email');
    expect(searchFields(clientTether.fields, 'tavle').map((f) => f.header)).toEqual(['whiteboard']);
    expect(searchFields(clientTether.fields, 'zzz')).toEqual([]);
    expect(searchFields(clientTether.fields, '  ')).toHaveLength(clientTether.fields.length);
  });
});

describe("a column's preview on the Map screen", () => {
  it('shows each sample as the list will hold it: checked, with the safe fix where there is one', () => {
    const phone = previewColumn(clientTether, { kind: 'field', header: 'phone' }, [
      '(555) 123-4567',
      '5551112222',
      '12',
    ]);
    expect(phone).toEqual([
      { field: 'phone', sample: 0, value: '(555) 123-4567', code: 'phone.digits', fixed: '5551234567' },
      { field: 'phone', sample: 1, value: '5551112222', code: null, fixed: null },
      { field: 'phone', sample: 2, value: '12', code: 'phone.digits', fixed: null },
    ]);
  });

  it('splits a full name into the two fields and previews nothing for a note or a skipped column', () => {
    const split = previewColumn(clientTether, { kind: 'split', fields: ['firstName', 'lastName'] }, [
      'Ann Berg',
    ]);
    expect(split.map((p) => [p.field, p.value])).toEqual([
      ['firstName', 'Ann'],
      ['lastName', 'Berg'],
    ]);
    expect(previewColumn(clientTether, { kind: 'note' }, ['x'])).toEqual([]);
    expect(previewColumn(clientTether, { kind: 'skip' }, ['x'])).toEqual([]);
  });
});
