import { describe, expect, it } from 'vitest';
import { clientTether } from '../template';
import { compileCellCheck } from '../validate';
import { normalizeRegion, regionCode, suggestFix } from './index';

const field = clientTether.fields.find((f) => f.header === 'state')!;
const check = compileCellCheck(field, clientTether, undefined);
const context = { template: clientTether };

describe('normalizeRegion', () => {
  it.each([
    ['California', 'CA'],
    ['calif.', 'CA'],
    ['Québec', 'QC'],
    ['QUEBEC', 'QC'],
    ['ontario', 'ON'],
    ['Ont.', 'ON'],
    ['ca', 'CA'],
    ['ny', 'NY'],
    ['N.Y.', 'NY'],
    ['new  york', 'NY'],
    ['Washington D.C.', 'DC'],
    ['Washington', 'WA'],
    ['US-TX', 'TX'],
    ['CA-ON', 'ON'],
    ['Île-du-Prince-Édouard', 'PE'],
    [' Texas\u00a0', 'TX'],
  ])('turns %j into the code %s, which passes the state rule', (value, expected) => {
    const suggestion = normalizeRegion(value, field, context);
    expect(suggestion).toEqual({ value: expected, fix: 'region.code' });
    expect(check(suggestion!.value)).toBeNull();
    expect(suggestFix(field, value, context)?.value).toBe(expected);
  });

  it.each([['XX'], ['Norway'], ['Oslo'], ['England'], ['New'], ['C.']])('leaves %j alone', (value) => {
    expect(normalizeRegion(value, field, context)).toBeNull();
    expect(suggestFix(field, value, context)).toBeNull();
  });

  it('exposes the lookup for other modules and answers undefined for an empty cell', () => {
    expect(regionCode(clientTether, 'Nova Scotia')).toBe('NS');
    expect(regionCode(clientTether, '  ')).toBeUndefined();
  });
});
