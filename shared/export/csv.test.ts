import { describe, expect, it } from 'vitest';
import { parseCsv } from '../codec';
import { csvChunks, formatCsv, formatCsvField, formatCsvRow, looksLikeFormula } from './index';

const tricky = [
  'plain',
  '',
  'comma, inside',
  'say "hi"',
  'line1\nline2',
  'a\r\nb',
  'cr\ronly',
  ' edge ',
  'Zoë 😀 李',
  '0012',
  '12345678901234567890',
  '=SUM(A1)',
  '+47 22 33 44 55',
  '-3',
  '@home',
  '\tTab',
];

describe('the CSV writer', () => {
  it('quotes by RFC 4180 only the fields that need it, doubling quotes', () => {
    expect(formatCsvField('plain')).toBe('plain');
    expect(formatCsvField('comma, inside')).toBe('"comma, inside"');
    expect(formatCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(formatCsvField('line1\nline2')).toBe('"line1\nline2"');
    expect(formatCsvField(' edge ')).toBe('" edge "');
    expect(formatCsvField('a;b', { delimiter: ';' })).toBe('"a;b"');
  });

  it('ends every record with CRLF, header first', () => {
    expect(formatCsv(['a', 'b'], [['1', '2']])).toBe('a,b\r\n1,2\r\n');
    expect(formatCsvRow(['x'])).toBe('x\r\n');
  });

  it('starts with a UTF-8 byte order mark only when asked', () => {
    expect(formatCsv(['a'], [], { bom: true }).charCodeAt(0)).toBe(0xfeff);
    expect(formatCsv(['a'], []).charCodeAt(0)).toBe(97);
  });

  it('reads back every value exactly, however awkward', () => {
    const rows = tricky.map((v, i) => [String(i), v, v]);
    const text = [...csvChunks(['n', 'a', 'b'], rows)].join('');
    expect(parseCsv(text)).toEqual([['n', 'a', 'b'], ...rows]);
  });

  it('leaves formula-looking cells alone unless told to neutralise them, which prefixes an apostrophe', () => {
    const starts = ['=1+1', '+1', '-1', '@x', '\tx', '\rx'];
    for (const value of starts) {
      expect(looksLikeFormula(value)).toBe(true);
      expect(parseCsv(formatCsvRow([value]))[0][0]).toBe(value);
      expect(parseCsv(formatCsvRow([value], { neutralizeFormulas: true }))[0][0]).toBe(`'${value}`);
    }
    expect(formatCsvRow(['a=b', '1-2'], { neutralizeFormulas: true })).toBe('a=b,1-2\r\n');
  });

  it('streams a large CSV in pieces of about 64 KB', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`row ${i}`, 'x'.repeat(40)]);
    const pieces = [...csvChunks(['a', 'b'], rows, { bom: true })];
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces[0].charCodeAt(0)).toBe(0xfeff);
    expect(pieces.slice(0, -1).every((p) => p.length >= 65536 && p.length < 65536 + 100)).toBe(true);
    expect(parseCsv(pieces.join('').slice(1))).toHaveLength(5001);
  });
});
