import { describe, expect, it } from 'vitest';
import { clientTether, type Lookups } from '../template';
import { compileCellCheck } from '../validate';
import {
  dropEmptyTags,
  extractEmail,
  lookupNameToId,
  suggestFix,
  trimInvisible,
  wholeFromAmount,
} from './index';

const context = { template: clientTether };
const fieldOf = (header: string) => clientTether.fields.find((f) => f.header === header)!;

describe('wholeFromAmount', () => {
  const field = fieldOf('deal_size');
  const check = compileCellCheck(field, clientTether, undefined);

  it.each([
    ['$12,500.00', '12500'],
    ['$12,500', '12500'],
    ['12,500', '12500'],
    ['1,234,567.00', '1234567'],
    ['12500.0', '12500'],
    ['US$ 12,500', '12500'],
    ['12 500,-', '12500'],
    ['kr 12 500,00', '12500'],
    ['12\u00a0500', '12500'],
    ['1.234.567,00', '1234567'],
    ['12.500,00', '12500'],
    ['12500,00', '12500'],
    ['12500 USD', '12500'],
  ])('turns %j into %s', (value, expected) => {
    const suggestion = wholeFromAmount(value, field, context);
    expect(suggestion).toEqual({ value: expected, fix: 'whole.number' });
    expect(check(suggestion!.value)).toBeNull();
    expect(suggestFix(field, value, context)).toEqual(suggestion);
  });

  it.each([
    ['$12,500.50', 'cents that are not zero'],
    ['12.5', 'a fraction'],
    ['12,5', 'a decimal comma fraction'],
    ['12.500', 'twelve and a half, or twelve thousand five hundred'],
    ['12.000', 'twelve, or twelve thousand'],
    ['-3', 'a negative number'],
    ['ten', 'a word'],
    ['12,50,0', 'broken grouping'],
    ['1e4', 'scientific notation'],
  ])('leaves %j alone (%s)', (value) => {
    expect(wholeFromAmount(value, field, context)).toBeNull();
    expect(suggestFix(field, value, context)).toBeNull();
  });
});

describe('extractEmail', () => {
  const field = fieldOf('email');
  const check = compileCellCheck(field, clientTether, undefined);

  it.each([
    ['Ann Lee <ann@example.com>', 'ann@example.com'],
    ['"Lee, Ann" <ann@example.com>', 'ann@example.com'],
    ['<ann@example.com>', 'ann@example.com'],
    ['mailto:ann@example.com', 'ann@example.com'],
    ['ann@example.com (Ann)', 'ann@example.com'],
    ['ann@example.com;', 'ann@example.com'],
    ['ann\u200b@example.com', 'ann@example.com'],
  ])('turns %j into %s', (value, expected) => {
    const suggestion = extractEmail(value, field, context);
    expect(suggestion).toEqual({ value: expected, fix: 'email.address' });
    expect(check(suggestion!.value)).toBeNull();
    expect(suggestFix(field, value, context)).toEqual(suggestion);
  });

  it.each([
    ['ann at example.com'],
    ['ann@example.com; bob@example.com'],
    ['Ann <ann@example>'],
    ['bob@'],
    ['ann smith@example.com'],
  ])('leaves %j alone', (value) => {
    expect(extractEmail(value, field, context)).toBeNull();
    expect(suggestFix(field, value, context)).toBeNull();
  });
});

describe('lookupNameToId', () => {
  const field = fieldOf('action_plan_id');
  const lookups: Lookups = {
    actionPlans: [
      { id: '12', name: 'New lead nurture' },
      { id: '13', name: 'Past client check-in' },
      { id: '14', name: 'Duplicate name' },
      { id: '15', name: 'Duplicate Name' },
    ],
  };
  const withLists = { template: clientTether, lookups };
  const check = compileCellCheck(field, clientTether, lookups);

  it.each([
    ['New lead nurture', '12'],
    ['new lead nurture', '12'],
    ['Past client check in', '13'],
    ['#13', '13'],
  ])('turns the name %j into the ID %s when the account’s list is known', (value, expected) => {
    const suggestion = lookupNameToId(value, field, withLists);
    expect(suggestion).toEqual({ value: expected, fix: 'id.name' });
    expect(check(suggestion!.value)).toBeNull();
    expect(suggestFix(field, value, withLists)).toEqual(suggestion);
  });

  it('leaves names alone when the list is unknown, missing or ambiguous', () => {
    expect(lookupNameToId('New lead nurture', field, context)).toBeNull();
    expect(lookupNameToId('Unknown plan', field, withLists)).toBeNull();
    expect(lookupNameToId('duplicate name', field, withLists)).toBeNull();
    expect(lookupNameToId('#99', field, withLists)).toBeNull();
  });
});

describe('dropEmptyTags', () => {
  const field = fieldOf('tag');
  const check = compileCellCheck(field, clientTether, undefined);

  it.each([
    ['vip,,gold', 'vip,gold'],
    ['vip,', 'vip'],
    ['a, b,, c', 'a, b, c'],
  ])('turns %j into %j', (value, expected) => {
    const suggestion = dropEmptyTags(value, field, context);
    expect(suggestion).toEqual({ value: expected, fix: 'tags.empty' });
    expect(check(suggestion!.value)).toBeNull();
    expect(suggestFix(field, value, context)).toEqual(suggestion);
  });

  it('leaves good tags and cells of nothing but commas alone', () => {
    expect(dropEmptyTags('vip, gold', field, context)).toBeNull();
    expect(dropEmptyTags(',,', field, context)).toBeNull();
  });
});

describe('trimInvisible', () => {
  const field = fieldOf('city');
  const check = compileCellCheck(field, clientTether, undefined);

  it.each([
    [' Oslo ', 'Oslo'],
    ['\u00a0Oslo', 'Oslo'],
    ['Oslo\u200e', 'Oslo'],
    ['\ufeffOslo', 'Oslo'],
    ['\u202bOslo\u202c', 'Oslo'],
  ])('turns %j into %j', (value, expected) => {
    const suggestion = trimInvisible(value, field, context);
    expect(suggestion).toEqual({ value: expected, fix: 'text.trim' });
    expect(check(suggestion!.value)).toBeNull();
  });

  it('leaves inner spaces and clean text alone', () => {
    expect(trimInvisible('New York', field, context)).toBeNull();
  });

  it('is named as the fix when trimming alone makes a cell of any kind valid', () => {
    expect(suggestFix(fieldOf('email'), ' ann@example.com ', context)).toEqual({
      value: 'ann@example.com',
      fix: 'text.trim',
    });
    expect(suggestFix(fieldOf('phone'), '5551234567\u00a0', context)?.fix).toBe('text.trim');
  });
});
