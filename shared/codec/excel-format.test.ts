import { describe, expect, it } from 'vitest';
import { dateFormatParts, serialToIsoDate, serialToTime } from './excel-date';
import { formatExcelNumber, generalNumber } from './excel-number';

describe('formatExcelNumber', () => {
  it.each([
    [1234, '00000', '01234'],
    [0, '00000', '00000'],
    [12345, '00000', '12345'],
    [123456, '00000', '123456'],
    [12345678, '000-00-0000', '012-34-5678'],
    [5551234, '[<=9999999]###-####;(###) ###-####', '5551234'],
    [5551234567, '[<=9999999]###-####;(###) ###-####', '5551234567'],
    [475551234, '"+"0000000000', '+0475551234'],
  ])('shows %d with %s as %s (the format only where it adds leading zeros)', (value, format, shown) => {
    expect(formatExcelNumber(value, format)).toBe(shown);
  });

  it.each([
    [12500, '#,##0.00', '12500'],
    [12500.5, '"kr" #,##0.00', '12500.5'],
    [0.075, '0.00%', '7.5%'],
    [1.5e18, '0.00E+00', '1500000000000000000'],
    [2.5, '0000.0', '2.5'],
    [-4, '00000', '-00004'],
  ])('shows %d with %s as %s', (value, format, shown) => {
    expect(formatExcelNumber(value, format)).toBe(shown);
  });

  it('shows General numbers to 15 significant digits without an exponent', () => {
    expect([0.1 + 0.2, 1e-7, 123456789012345680000, -0].map(generalNumber)).toEqual([
      '0.3',
      '0.0000001',
      '123456789012346000000',
      '0',
    ]);
  });
});

describe('Excel dates', () => {
  it.each([
    [0, false, '1900-01-00'],
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [60, false, '1900-02-29'],
    [61, false, '1900-03-01'],
    [45355.99, false, '2024-03-04'],
    [2958465, false, '9999-12-31'],
    [0, true, '1904-01-01'],
    [43893, true, '2024-03-04'],
  ])('serial %d (1904 system: %s) is %s', (serial, date1904, iso) => {
    expect(serialToIsoDate(serial, date1904)).toBe(iso);
  });

  it('has no date for a negative serial or one past 9999-12-31', () => {
    expect([serialToIsoDate(-1, false), serialToIsoDate(2958466, false)]).toEqual([undefined, undefined]);
  });

  it('reads the time of day, rounded to the second', () => {
    expect([
      serialToTime(0.5, false),
      serialToTime(0.75 + 1 / 86400, true),
      serialToTime(0.9999999, true),
    ]).toEqual(['12:00', '18:00:01', '00:00:00']);
  });

  it('tells date, time and minutes-versus-months apart in a format', () => {
    expect(dateFormatParts('yyyy-mm-dd')).toEqual({ date: true, time: false, seconds: false });
    expect(dateFormatParts('h:mm AM/PM')).toEqual({ date: false, time: true, seconds: false });
    expect(dateFormatParts('m/d/yy h:mm:ss')).toEqual({ date: true, time: true, seconds: true });
    expect(dateFormatParts('[$-409]mmmm d, yyyy;@')).toEqual({ date: true, time: false, seconds: false });
  });
});
