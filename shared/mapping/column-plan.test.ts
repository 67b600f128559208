import { describe, expect, it } from 'vitest';
import { clientTether } from '../template';
import { planColumns } from './column-plan';

describe('planning the list columns from a mapping', () => {
  it('puts template fields in template order, then custom fields, then notes, with required fields and the notes field always there', () => {
    const planned = planColumns(
      clientTether,
      ['E-mail', 'Shoe size', 'Region code', ' ', 'First'],
      [
        { kind: 'field', header: 'email' },
        { kind: 'note' },
        { kind: 'custom', name: 'region_code' },
        { kind: 'skip' },
        { kind: 'field', header: 'firstName' },
      ],
    );
    expect(planned.map((c) => `${c.kind}:${c.header}:${c.source}`)).toEqual([
      'field:firstName:4',
      'field:lastName:null',
      'field:email:0',
      'field:whiteboard:null',
      'custom:region_code:2',
      'note:Shoe size:1',
    ]);
  });

  it('plans a split full name as first and last name fed by the same column', () => {
    const planned = planColumns(
      clientTether,
      ['Navn'],
      [{ kind: 'split', fields: ['firstName', 'lastName'] }],
    );
    expect(planned.map((c) => [c.header, c.source, c.part])).toEqual([
      ['firstName', 0, 'first'],
      ['lastName', 0, 'last'],
      ['whiteboard', null, undefined],
    ]);
  });
});
