import { describe, expect, it } from 'vitest';
import { clientTether } from '../template';
import { compileCellCheck } from '../validate';
import { choiceFromWord, flagFromWord, suggestFix } from './index';

const context = { template: clientTether };
const fieldOf = (header: string) => clientTether.fields.find((f) => f.header === header)!;

describe('flagFromWord', () => {
  const field = fieldOf('smsok');
  const check = compileCellCheck(field, clientTether, undefined);

  it.each([
    ['yes', '1'],
    ['Y', '1'],
    ['TRUE', '1'],
    ['x', '1'],
    ['X', '1'],
    ['✓', '1'],
    ['ja', '1'],
    ['Ja', '1'],
    ['Opt-In', '1'],
    ['opted in', '1'],
    ['no', '0'],
    ['False', '0'],
    ['nei', '0'],
    ['OptOut', '0'],
    ['1.0', '1'],
    ['0.0', '0'],
  ])('turns %j into %s', (value, expected) => {
    const suggestion = flagFromWord(value, field, context);
    expect(suggestion).toEqual({ value: expected, fix: 'flag.word' });
    expect(check(suggestion!.value)).toBeNull();
    expect(suggestFix(field, value, context)).toEqual(suggestion);
  });

  it.each([['2'], ['maybe'], ['yes please'], ['10'], ['-1']])('leaves %j alone', (value) => {
    expect(flagFromWord(value, field, context)).toBeNull();
    expect(suggestFix(field, value, context)).toBeNull();
  });

  it('clears a "-" placeholder to an empty cell instead of reading it as yes or no', () => {
    expect(flagFromWord('-', field, context)).toBeNull();
    expect(suggestFix(field, '-', context)).toEqual({ value: '', fix: 'placeholder.clear' });
  });
});

describe('choiceFromWord', () => {
  it.each([
    ['gender', 'male', 'M'],
    ['gender', 'Female', 'F'],
    ['gender', 'mann', 'M'],
    ['gender', 'Kvinne', 'F'],
    ['gender', 'f', 'F'],
    ['gender', 'm', 'M'],
    ['material_status', 'married', 'Married'],
    ['material_status', 'GIFT', 'Married'],
    ['material_status', 'ugift', 'Single'],
    ['material_status', 'Skilt', 'Divorced'],
    ['material_status', 'single', 'Single'],
    ['contact_type', 'Client', '1'],
    ['contact_type', 'employee', '2'],
    ['contact_type', 'Partner', '3'],
    ['contact_type', 'Leverandør', '4'],
    ['contact_type', 'vendor', '4'],
    ['contact_type', 'other', '5'],
    ['contact_type', '4.0', '4'],
    ['new_lead_notification', 'none', '0'],
  ])('in %s turns %j into %s', (header, value, expected) => {
    const field = fieldOf(header);
    const suggestion = choiceFromWord(value, field, context);
    expect(suggestion).toEqual({ value: expected, fix: 'choice.word' });
    expect(compileCellCheck(field, clientTether, undefined)(suggestion!.value)).toBeNull();
    expect(suggestFix(field, value, context)).toEqual(suggestion);
  });

  it.each([
    ['gender', 'maybe'],
    ['gender', 'x'],
    ['gender', 'other'],
    ['material_status', 'widowed'],
    ['material_status', 'it’s complicated'],
    ['contact_type', '9'],
    ['contact_type', 'friend'],
  ])('in %s leaves %j alone', (header, value) => {
    expect(choiceFromWord(value, fieldOf(header), context)).toBeNull();
    expect(suggestFix(fieldOf(header), value, context)).toBeNull();
  });
});
