import { describe, expect, it } from 'vitest';
import { clientTether, type FieldDef } from '../template';
import { compileCellCheck } from './cell-checks';

const field = (header: string): FieldDef => {
  const found = clientTether.fields.find((f) => f.header === header);
  if (!found) throw new Error(`no field ${header}`);
  return found;
};
const lookups = {
  actionPlans: [
    { id: '11', name: 'Welcome' },
    { id: '12', name: 'Quiet import' },
  ],
};
const check = (header: string, withLookups = false) =>
  compileCellCheck(field(header), clientTether, withLookups ? lookups : undefined);

/** Runs each value through a column's rule and returns the codes, null meaning valid. */
function codes(header: string, values: string[], withLookups = false) {
  const rule = check(header, withLookups);
  return Object.fromEntries(values.map((v) => [v, rule(v)]));
}

describe('cell rules from TEMPLATE.md', () => {
  it('accepts a phone of exactly 10 digits and rejects +1, spaces, dashes, dots and brackets', () => {
    expect(
      codes('phone', [
        '5551234567',
        '+15551234567',
        '555 123 4567',
        '555-123-4567',
        '555.123.4567',
        '(555)1234567',
        '555123456',
        '55512345678',
        '555123456x',
      ]),
    ).toEqual({
      '5551234567': null,
      '+15551234567': 'phone.digits',
      '555 123 4567': 'phone.digits',
      '555-123-4567': 'phone.digits',
      '555.123.4567': 'phone.digits',
      '(555)1234567': 'phone.digits',
      '555123456': 'phone.digits',
      '55512345678': 'phone.digits',
      '555123456x': 'phone.digits',
    });
    expect(check('second_Phone')('５５５１２３４５６７')).toBe('phone.digits'); // full-width digits are not digits
  });

  it('accepts only 1 or 0 in flag columns', () => {
    expect(codes('smsok', ['1', '0', 'yes', 'true', '01', ' 1'])).toEqual({
      '1': null,
      '0': null,
      yes: 'flag.value',
      true: 'flag.value',
      '01': 'flag.value',
      ' 1': 'flag.value',
    });
  });

  it('checks email syntax and rejects display names, spaces and missing parts', () => {
    expect(
      codes('email', [
        'ann@example.com',
        'first.last+tag@sub.example.co.uk',
        "o'brien@example.ie",
        'ann@example',
        'ann@@example.com',
        'Ann <ann@example.com>',
        'ann @example.com',
        '.ann@example.com',
        'ann..lee@example.com',
        'ann@-example.com',
        'ann@example.c',
        'ann@example.123',
        'ann@exa mple.com',
        'ann\u00a0@example.com',
      ]),
    ).toEqual({
      'ann@example.com': null,
      'first.last+tag@sub.example.co.uk': null,
      "o'brien@example.ie": null,
      'ann@example': 'email.format',
      'ann@@example.com': 'email.format',
      'Ann <ann@example.com>': 'email.format',
      'ann @example.com': 'email.format',
      '.ann@example.com': 'email.format',
      'ann..lee@example.com': 'email.format',
      'ann@-example.com': 'email.format',
      'ann@example.c': 'email.format',
      'ann@example.123': 'email.format',
      'ann@exa mple.com': 'email.format',
      'ann\u00a0@example.com': 'email.format',
    });
  });

  it('caps email length and stays linear on hostile input', () => {
    const rule = check('email');
    expect(rule(`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(59)}.com`)).toBe(
      'email.tooLong',
    );
    expect(rule(`${'a'.repeat(65)}@example.com`)).toBe('email.format');
    // The shape that sends backtracking regexes into exponential time: long runs of dots and atext.
    const hostile = `${'a.'.repeat(8_000)}@${'b-'.repeat(8_000)}`;
    expect(rule(hostile)).toBe('email.tooLong');
    // Past Excel's 32,767 characters a cell is too long whatever it holds.
    expect(rule(`${'a.'.repeat(50_000)}@${'b-'.repeat(50_000)}`)).toBe('cell.tooLong');
    expect(rule(`${'a'.repeat(60)}@${'a.'.repeat(90)}`)).toBe('email.format');
  });

  it('accepts the 2-letter codes of the State Abbreviations list, in capitals only', () => {
    expect(
      codes('state', ['CA', 'NY', 'DC', 'PR', 'GU', 'ON', 'QC', 'YT', 'ca', 'California', 'XX', 'C']),
    ).toEqual({
      CA: null,
      NY: null,
      DC: null,
      PR: null,
      GU: null,
      ON: null,
      QC: null,
      YT: null,
      ca: 'state.unknown',
      California: 'state.unknown',
      XX: 'state.unknown',
      C: 'state.unknown',
    });
  });

  it('accepts the four postal shapes and nothing else', () => {
    expect(
      codes('zip', [
        '12345',
        '12345-6789',
        '12345-6789-01',
        'K1A 0B1',
        '1234',
        '123456789',
        '12345-678',
        'k1a 0b1',
        'K1A0B1',
        'K1A  0B1',
        '12345 6789',
      ]),
    ).toEqual({
      '12345': null,
      '12345-6789': null,
      '12345-6789-01': null,
      'K1A 0B1': null,
      '1234': 'postal.format',
      '123456789': 'postal.format',
      '12345-678': 'postal.format',
      'k1a 0b1': 'postal.format',
      K1A0B1: 'postal.format',
      'K1A  0B1': 'postal.format',
      '12345 6789': 'postal.format',
    });
  });

  it('accepts YYYY-MM-DD only for days that exist', () => {
    expect(
      codes('creation_date', [
        '2021-03-04',
        '2024-02-29',
        '2000-02-29',
        '2023-02-29',
        '1900-02-29',
        '2021-04-31',
        '2021-13-01',
        '2021-00-10',
        '03/04/2021',
        '2021-3-4',
        '2021/03/04',
        '20210304',
      ]),
    ).toEqual({
      '2021-03-04': null,
      '2024-02-29': null,
      '2000-02-29': null,
      '2023-02-29': 'date.invalid',
      '1900-02-29': 'date.invalid',
      '2021-04-31': 'date.invalid',
      '2021-13-01': 'date.invalid',
      '2021-00-10': 'date.invalid',
      '03/04/2021': 'date.format',
      '2021-3-4': 'date.format',
      '2021/03/04': 'date.format',
      '20210304': 'date.format',
    });
  });

  it('accepts whole numbers without decimals, signs, separators or currency', () => {
    expect(
      codes('deal_size', [
        '0',
        '12500',
        '12500.00',
        '12,500',
        '$12500',
        '-5',
        '1e5',
        ' 12',
        '1234567890123456',
      ]),
    ).toEqual({
      '0': null,
      '12500': null,
      '12500.00': 'whole.format',
      '12,500': 'whole.format',
      $12500: 'whole.format',
      '-5': 'whole.format',
      '1e5': 'whole.format',
      ' 12': 'whole.format',
      '1234567890123456': 'whole.tooLarge',
    });
  });

  it('accepts only the listed choices, exactly as written', () => {
    expect(codes('gender', ['M', 'F', 'm', 'Male', 'X'])).toEqual({
      M: null,
      F: null,
      m: 'choice.value',
      Male: 'choice.value',
      X: 'choice.value',
    });
    expect(codes('material_status', ['Single', 'Married', 'Divorced', 'married', 'Widowed'])).toEqual({
      Single: null,
      Married: null,
      Divorced: null,
      married: 'choice.value',
      Widowed: 'choice.value',
    });
    expect(codes('new_lead_notification', ['0', '1', '2', '3'])).toEqual({
      '0': null,
      '1': null,
      '2': null,
      '3': 'choice.value',
    });
    expect(codes('contact_type', ['1', '5', '0', '6', 'Client'])).toEqual({
      '1': null,
      '5': null,
      '0': 'choice.value',
      '6': 'choice.value',
      Client: 'choice.value',
    });
  });

  it('checks ID columns against the account list when known, else as whole numbers', () => {
    expect(codes('action_plan_id', ['11', '99', 'Welcome'], true)).toEqual({
      '11': null,
      '99': 'id.unknown',
      Welcome: 'id.unknown',
    });
    expect(codes('action_plan_id', ['11', '99', 'Welcome', '1.5'])).toEqual({
      '11': null,
      '99': null,
      Welcome: 'id.format',
      '1.5': 'id.format',
    });
    // Only the list that is known is enforced.
    expect(codes('lead_source_id', ['99'], true)).toEqual({ '99': null });
  });

  it('warns about invisible edges in text and empty tags', () => {
    expect(codes('city', ['Oslo', ' Oslo', 'Oslo\u00a0', '\u200eOslo', 'New  York'])).toEqual({
      Oslo: null,
      ' Oslo': 'text.whitespace',
      'Oslo\u00a0': 'text.whitespace',
      '\u200eOslo': 'text.whitespace',
      'New  York': null,
    });
    expect(codes('tag', ['vip', 'vip, gold', 'vip,,gold', 'vip,'])).toEqual({
      vip: null,
      'vip, gold': null,
      'vip,,gold': 'tags.empty',
      'vip,': 'tags.empty',
    });
  });
});

describe("a spreadsheet's error values", () => {
  it('are an error in every kind of column, and text that only looks like one is not', () => {
    for (const header of ['firstName', 'phone', 'email', 'zip', 'creation_date', 'tag', 'action_plan_id']) {
      const rule = check(header, true);
      for (const error of ['#N/A', '#REF!', '#DIV/0!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!'])
        expect([header, error, rule(error)]).toEqual([header, error, 'value.excelError']);
    }
    expect(codes('firstName', ['#1 client', '#n/a', 'N/A', '#REF'])).toEqual({
      '#1 client': null,
      '#n/a': null,
      'N/A': null,
      '#REF': null,
    });
  });
});

describe('what no cell may hold', () => {
  it('flags a cell over 32,767 characters in any column, and accepts one at the limit', () => {
    expect(check('whiteboard')('x'.repeat(32_767))).toBeNull();
    expect(check('whiteboard')('x'.repeat(32_768))).toBe('cell.tooLong');
    expect(check('firstName')('Ann'.repeat(11_000))).toBe('cell.tooLong');
  });

  it('flags NUL and other control characters as errors, but not tabs and line breaks', () => {
    expect(
      codes('whiteboard', ['Ann\u0000', 'Ann\u001bLee', 'Ann\u007f', 'line one\nline two', 'a\tb', 'a\r\nb']),
    ).toEqual({
      'Ann\u0000': 'text.control',
      'Ann\u001bLee': 'text.control',
      'Ann\u007f': 'text.control',
      'line one\nline two': null,
      'a\tb': null,
      'a\r\nb': null,
    });
    // Before the column's own rule: a flag with a NUL is first of all a cell with a NUL.
    expect(check('smsok')('1\u0000')).toBe('text.control');
  });

  it('warns about direction marks and zero-width characters inside a text value, not inside emoji or Persian', () => {
    expect(
      codes('whiteboard', [
        'Ann\u202eeel',
        'Ann\u2066Lee\u2069',
        'An\u200bn',
        'A\u2060nn',
        'Ann\ufeffLee',
        'Jo\u200dhn',
        '👨\u200d👩\u200d👧',
        'می\u200cخواهم',
        'Ann Lee',
      ]),
    ).toEqual({
      'Ann\u202eeel': 'text.invisible',
      'Ann\u2066Lee\u2069': 'text.invisible',
      'An\u200bn': 'text.invisible',
      'A\u2060nn': 'text.invisible',
      'Ann\ufeffLee': 'text.invisible',
      'Jo\u200dhn': 'text.invisible',
      '👨\u200d👩\u200d👧': null,
      'می\u200cخواهم': null,
      'Ann Lee': null,
    });
    expect(check('tag')('vip,\u202egold')).toBe('text.invisible');
  });

  it('warns about an email address that mixes alphabets in one part, not about one alphabet per part', () => {
    expect(
      codes('email', [
        'p\u0430ypal@example.com', // a Cyrillic а among Latin letters
        'ann@ex\u0430mple.com',
        'ann@\u0440\u0430ypal.com',
        '\u0438\u0432\u0430\u043d@example.com', // all Cyrillic before the @
        'jos\u00e9@example.com',
        'jose\u0301@example.com',
        '\u5c71\u7530\u305f\u308d\u3046taro@example.jp', // Han, Hiragana and Latin: Japanese as written
      ]),
    ).toEqual({
      'p\u0430ypal@example.com': 'email.mixedScript',
      'ann@ex\u0430mple.com': 'email.mixedScript',
      'ann@\u0440\u0430ypal.com': 'email.mixedScript',
      '\u0438\u0432\u0430\u043d@example.com': null,
      'jos\u00e9@example.com': null,
      'jose\u0301@example.com': null,
      '\u5c71\u7530\u305f\u308d\u3046taro@example.jp': null,
    });
  });
});
