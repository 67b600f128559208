import { describe, expect, it } from 'vitest';
import { clientTether } from '../template';
import { compileCellCheck } from '../validate';
import { normalizePhone, suggestFix } from './index';

const field = clientTether.fields.find((f) => f.header === 'phone')!;
const check = compileCellCheck(field, clientTether, undefined);
const context = { template: clientTether };

describe('normalizePhone', () => {
  it.each([
    ['(555) 123-4567', '5551234567'],
    ['+1 555.123.4567', '5551234567'],
    ['1-555-123-4567', '5551234567'],
    ['555 123 4567', '5551234567'],
    ['+1 (555) 987 6543', '5559876543'],
    ['001 555 123 4567', '5551234567'],
    ['tel:+1-555-123-4567', '5551234567'],
    ['\u200e555\u00a0123\u00a04567', '5551234567'],
    ['555\u2013123\u20134567', '5551234567'],
  ])('turns %j into the 10 digits %s, which pass the phone rule', (value, expected) => {
    const suggestion = normalizePhone(value, field, context);
    expect(suggestion).toEqual({ value: expected, fix: 'phone.digits' });
    expect(check(suggestion!.value)).toBeNull();
    expect(suggestFix(field, value, context)).toEqual(suggestion);
  });

  it.each([
    ['+47 912 34 567', 'a Norwegian number'],
    ['+44 20 7946 0958', 'a UK number'],
    ['4791234567x', 'letters'],
    ['555-123-4567 ext 12', 'an extension'],
    ['12345', 'too few digits'],
    ['155-123-4567', 'an area code starting with 1'],
    ['055-123-4567', 'an area code starting with 0'],
    ['2-555-123-4567', 'an 11-digit number not starting with 1'],
    ['1-800-FLOWERS', 'a vanity number'],
  ])('leaves %j alone (%s)', (value) => {
    expect(normalizePhone(value, field, context)).toBeNull();
    expect(suggestFix(field, value, context)).toBeNull();
  });
});
