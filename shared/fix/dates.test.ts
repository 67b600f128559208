import { describe, expect, it } from 'vitest';
import { clientTether } from '../template';
import { compileCellCheck } from '../validate';
import { decideDateOrder, excelSerialToIso, normalizeDate, suggestFix, toIsoDate } from './index';
import type { DateOrder, FixContext } from './types';

const field = clientTether.fields.find((f) => f.header === 'creation_date')!;
const check = compileCellCheck(field, clientTether, undefined);
const withOrder = (order?: DateOrder): FixContext => ({ template: clientTether, dateOrder: order });

describe('normalizeDate', () => {
  it.each([
    ['2021/03/04', '2021-03-04'],
    ['2021.3.4', '2021-03-04'],
    ['2021-3-4', '2021-03-04'],
    ['2021-03-04T10:20:30Z', '2021-03-04'],
    ['2021-03-04 23:59:59+05:30', '2021-03-04'],
    ['13/04/2021', '2021-04-13'],
    ['04/13/2021', '2021-04-13'],
    ['3/3/2021', '2021-03-03'],
    ['4/13/2021 10:20 AM', '2021-04-13'],
    ['04.03.2021', '2021-03-04'],
    ['March 4, 2021', '2021-03-04'],
    ['Thursday, March 4, 2021', '2021-03-04'],
    ['4 March 2021', '2021-03-04'],
    ['4th of March 2021', '2021-03-04'],
    ['04-Mar-2021', '2021-03-04'],
    ['4. mars 2021', '2021-03-04'],
    ['17. mai 2021', '2021-05-17'],
    ['1. desember 1999', '1999-12-01'],
    ['Feb 29 2024', '2024-02-29'],
  ])('turns %j into %s without needing the column order', (value, expected) => {
    const suggestion = normalizeDate(value, field, withOrder());
    expect(suggestion).toEqual({ value: expected, fix: 'date.iso' });
    expect(check(suggestion!.value)).toBeNull();
    expect(suggestFix(field, value, withOrder())).toEqual(suggestion);
  });

  it('reads an ambiguous date in the order decided for the column, and only then', () => {
    expect(normalizeDate('03/04/2021', field, withOrder())).toBeNull();
    expect(normalizeDate('03/04/2021', field, withOrder('mdy'))).toEqual({
      value: '2021-03-04',
      fix: 'date.iso',
    });
    expect(normalizeDate('03/04/2021', field, withOrder('dmy'))).toEqual({
      value: '2021-04-03',
      fix: 'date.iso',
    });
    const perField: FixContext = {
      template: clientTether,
      dateOrder: 'mdy',
      dateOrderByField: { creation_date: 'dmy' },
    };
    expect(normalizeDate('03/04/2021', field, perField)?.value).toBe('2021-04-03');
  });

  it.each<[string, DateOrder, string]>([
    ['13/04/2021', 'mdy', 'a day-first date in a month-first column'],
    ['04/13/2021', 'dmy', 'a month-first date in a day-first column'],
  ])('leaves %j alone in a %s column (%s)', (value, order) => {
    expect(normalizeDate(value, field, withOrder(order))).toBeNull();
  });

  it.each([
    ['2021-02-30', 'a day that does not exist'],
    ['2023-02-29', 'no leap day in 2023'],
    ['13/13/2021', 'no order gives a real day'],
    ['3/4/21', 'a two-digit year (which century?)'],
    ['March 2021', 'no day'],
    ['2021', 'a year alone'],
    ['tomorrow', 'a word'],
    ['March 4, 2021 and March 5', 'two dates'],
    ['Smarch 4 2021', 'not a month'],
  ])('leaves %j alone (%s)', (value) => {
    expect(normalizeDate(value, field, withOrder('mdy'))).toBeNull();
    expect(suggestFix(field, value, withOrder('mdy'))).toBeNull();
  });
});

describe('Excel serial dates', () => {
  it('turns the day count of Excel’s 1900 date system into the ISO date', () => {
    expect(toIsoDate('44259')).toEqual({ value: '2021-03-04', fix: 'date.excelSerial' });
    expect(toIsoDate('44259.75')).toEqual({ value: '2021-03-04', fix: 'date.excelSerial' });
    expect(excelSerialToIso(36526)).toBe('2000-01-01');
    expect(check(toIsoDate('44259')!.value)).toBeNull();
  });

  it('does not take short numbers (a year, an age) for serial dates', () => {
    expect(toIsoDate('2021')).toBeNull();
    expect(toIsoDate('45')).toBeNull();
    expect(toIsoDate('123456')).toBeNull();
  });
});

describe('decideDateOrder', () => {
  it('decides day-first when a first number over 12 appears anywhere in the column', () => {
    expect(decideDateOrder(['03/04/2021', '', '25/12/2020', '01/02/2021'])).toBe('dmy');
  });

  it('decides month-first when a second number over 12 appears', () => {
    expect(decideDateOrder(['03/04/2021', '12/25/2020', '2021-01-01'])).toBe('mdy');
  });

  it('decides nothing when no value tells, or when the column contradicts itself', () => {
    expect(decideDateOrder(['03/04/2021', '05/06/2021'])).toBeNull();
    expect(decideDateOrder(['25/12/2020', '12/25/2020'])).toBeNull();
    expect(decideDateOrder([])).toBeNull();
  });

  it('takes no evidence from dotted dates, which are day-first by convention', () => {
    expect(decideDateOrder(['25.12.2020', '03/04/2021'])).toBeNull();
  });
});
