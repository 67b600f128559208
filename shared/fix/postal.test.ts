import { describe, expect, it } from 'vitest';
import { clientTether } from '../template';
import { compileCellCheck } from '../validate';
import { formatCanadianPostal, formatZipPlus4, padZipLeadingZero, suggestFix } from './index';
import type { FixContext } from './types';

const field = clientTether.fields.find((f) => f.header === 'zip')!;
const check = compileCellCheck(field, clientTether, undefined);
const inState = (state: string): FixContext => ({
  template: clientTether,
  rowValue: (header) => (header === 'state' ? state : ''),
});

describe('padZipLeadingZero', () => {
  it.each([
    ['6103', 'CT', '06103'],
    ['2134', 'MA', '02134'],
    ['2134', 'Massachusetts', '02134'],
    ['7030', 'nj', '07030'],
    ['3301', 'NH', '03301'],
    ['4101', 'ME', '04101'],
    ['2903', 'RI', '02903'],
    ['5401', 'VT', '05401'],
    ['901', 'PR', '00901'],
    ['802', 'VI', '00802'],
    ['61031234', 'CT', '06103-1234'],
    ['6103-1234', 'CT', '06103-1234'],
  ])('pads %j in %s to %s, which passes the postal rule', (value, state, expected) => {
    const suggestion = padZipLeadingZero(value, field, inState(state));
    expect(suggestion).toEqual({ value: expected, fix: 'postal.zeroPad' });
    expect(check(suggestion!.value)).toBeNull();
    expect(suggestFix(field, value, inState(state))).toEqual(suggestion);
  });

  it.each([
    ['6103', 'CA', 'a state whose ZIP codes do not start with 0'],
    ['6103', '', 'no state'],
    ['1234', 'CT', 'digits that would give a ZIP outside Connecticut'],
    ['5501', 'VT', '055, which is Massachusetts'],
    ['501', 'NY', 'an IRS-only NY ZIP'],
    ['12', 'CT', 'too few digits'],
  ])('leaves %j with state %j alone (%s)', (value, state) => {
    expect(padZipLeadingZero(value, field, inState(state))).toBeNull();
    expect(suggestFix(field, value, inState(state))).toBeNull();
  });
});

describe('formatZipPlus4', () => {
  it.each([
    ['123456789', '12345-6789'],
    ['12345 6789', '12345-6789'],
    ['12345.6789', '12345-6789'],
  ])('writes %j as %s', (value, expected) => {
    const suggestion = formatZipPlus4(value, field, inState(''));
    expect(suggestion).toEqual({ value: expected, fix: 'postal.zip4' });
    expect(check(suggestion!.value)).toBeNull();
  });

  it.each([['12345678'], ['1234567890'], ['12345-67']])('leaves %j alone', (value) => {
    expect(formatZipPlus4(value, field, inState(''))).toBeNull();
  });
});

describe('formatCanadianPostal', () => {
  it.each([
    ['k1a0b1', 'K1A 0B1'],
    ['K1A-0B1', 'K1A 0B1'],
    ['k1a 0b1', 'K1A 0B1'],
    ['M5V  3L9', 'M5V 3L9'],
  ])('writes %j as %s', (value, expected) => {
    const suggestion = formatCanadianPostal(value, field, inState('ON'));
    expect(suggestion).toEqual({ value: expected, fix: 'postal.canada' });
    expect(check(suggestion!.value)).toBeNull();
    expect(suggestFix(field, value, inState('ON'))).toEqual(suggestion);
  });

  it.each([
    ['D1A 0B1', 'D never starts a code'],
    ['W1A 0B1', 'W never starts a code'],
    ['K1O 0B1', 'O is never used'],
    ['K1A0B', 'too short'],
    ['SW1A 1AA', 'a UK postcode'],
  ])('leaves %j alone (%s)', (value) => {
    expect(formatCanadianPostal(value, field, inState('ON'))).toBeNull();
    expect(suggestFix(field, value, inState('ON'))).toBeNull();
  });
});
