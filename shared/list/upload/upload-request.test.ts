import { describe, expect, it } from 'vitest';
import { importRequestSchema } from '../../api';
import { planColumns, plannedValues } from '../../mapping';
import { clientTether } from '../../template';
import { defaultChoices } from '../../upload/choices';
import { uploadRequestOf } from './upload-request';

const headers = ['First', 'Last', 'E-mail', 'Texts ok', 'Plan', 'Shoe size', 'Member no'];
const source = [
  ['Ann', 'A', 'ann@example.com', '1', '', '41', '7'],
  ['Bob', 'B', '', '0', '5', '', ''],
  ['Cid', 'C', 'cid@example.com', '', '', '', '9'],
];
const planned = planColumns(
  clientTether,
  headers,
  [
    { kind: 'field', header: 'firstName' },
    { kind: 'field', header: 'lastName' },
    { kind: 'field', header: 'email' },
    { kind: 'field', header: 'smsok' },
    { kind: 'field', header: 'action_plan_id' },
    { kind: 'note' },
    { kind: 'custom', name: 'Member number' },
  ],
  [{ key: 'member_no', label: 'Member number', kind: 'whole' }],
);
const rows = source.map((row) => plannedValues(planned, row));
const request = uploadRequestOf(
  {
    columns: planned,
    count: rows.length,
    key: (i) => 10 + i,
    cell: (i, c) => rows[i][c],
    row: (i) => rows[i],
  },
  3,
);

describe('the list as an upload sends it', () => {
  it('names each column as the import API does: template headers, the account custom field, notes unmapped', () => {
    expect(request.headers).toEqual([
      'firstName',
      'lastName',
      'smsok',
      'email',
      'action_plan_id',
      'whiteboard',
      'Member number',
      'Shoe size',
    ]);
    expect(request.mapping).toEqual([
      'firstName',
      'lastName',
      'smsok',
      'email',
      'action_plan_id',
      'whiteboard',
      'custom:member_no',
      null,
    ]);
    expect([...request.keys]).toEqual([10, 11, 12]);
  });

  it('counts consent, email addresses, the rows naming a plan and the unmapped columns as the server will', () => {
    expect(request.facts).toMatchObject({
      rows: 3,
      textConsentRows: 1,
      emailRows: 2,
      unmappedColumns: ['Shoe size'],
    });
    expect([...request.facts.rowsByPlan]).toEqual([['5', 1]]);
  });

  it('encodes a valid import request with the choices, the rows exactly as they are', () => {
    const choices = { ...defaultChoices, complianceConfirmed: true, actionPlanId: '6' };
    const { encoded, rows: count } = request.encode(choices, 'leads.csv');
    const parsed = importRequestSchema.parse(JSON.parse(new TextDecoder().decode(encoded)));
    expect(count).toBe(3);
    expect(parsed.source).toEqual({ kind: 'rows', name: 'leads.csv', headers: request.headers, rows });
    expect(parsed.mapping).toEqual(request.mapping);
    expect(parsed.options).toMatchObject({ complianceConfirmed: true, actionPlanId: '6' });
    // The same rows again for the import: only the options differ.
    const again = JSON.parse(new TextDecoder().decode(request.encode(defaultChoices, 'leads.csv').encoded));
    expect(again.source.rows).toEqual(rows);
    expect(again.options.complianceConfirmed).toBe(false);
  });

  it('keeps every character of a cell through the encoding: quotes, line breaks, emoji, a lone surrogate', () => {
    const odd = ['He said "hi"', 'line\nbreak', '😀 \u0000', 'x\ud800y'];
    const notes = planColumns(clientTether, ['A', 'B', 'C', 'D'], new Array(4).fill({ kind: 'note' }));
    const row = plannedValues(notes, odd);
    const r = uploadRequestOf(
      { columns: notes, count: 1, key: () => 0, cell: (_, c) => row[c], row: () => row },
      0,
    );
    const decoded = JSON.parse(new TextDecoder().decode(r.encode(defaultChoices, 'x').encoded));
    expect(decoded.source.rows[0]).toEqual(row);
    expect(row.slice(-4)).toEqual(odd);
  });
});
