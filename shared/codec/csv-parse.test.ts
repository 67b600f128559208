import { describe, expect, it } from 'vitest';
import { CsvParser, parseCsv, ReadError } from './index';

function parseInPieces(pieces: string[], delimiter = ','): [string[], number][] {
  const rows: [string[], number][] = [];
  const parser = new CsvParser({ delimiter }, (fields, line) => rows.push([fields, line]));
  for (const piece of pieces) parser.push(piece);
  parser.end();
  return rows;
}

describe('CsvParser', () => {
  it('waits for the second half of a CRLF and of a doubled quote split between pushes', () => {
    expect(parseInPieces(['a,b\r', '\nc,"x"', '"y"\r', '\n'])).toEqual([
      [['a', 'b'], 1],
      [['c', 'x"y'], 2],
    ]);
  });

  it('counts the physical line of each row, also after a quoted line break', () => {
    expect(parseCsv('h\r\n"a\nb"\r\nc\r\n').length).toBe(3);
    expect(parseInPieces(['h\n"a\nb\nc"\nd\n']).map(([, line]) => line)).toEqual([1, 2, 5]);
  });

  it('keeps text after a closing quote, as spreadsheets do', () => {
    expect(parseCsv('"a"b,c\n')).toEqual([['ab', 'c']]);
  });

  it('reads a last row without a line break and an empty last field', () => {
    expect(parseCsv('a,b\nc,')).toEqual([
      ['a', 'b'],
      ['c', ''],
    ]);
  });

  it('refuses a row longer than maxRowLength, even inside quotes, without waiting for the end', () => {
    const parser = new CsvParser({ delimiter: ',', maxRowLength: 100 }, () => {});
    parser.push('name\n"');
    let thrown: unknown;
    let pushed = 0;
    try {
      for (; pushed < 1000; pushed++) parser.push('0123456789\n');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ReadError);
    expect([(thrown as ReadError).code, (thrown as ReadError).line, pushed]).toEqual([
      'csv.rowTooLong',
      2,
      9,
    ]); // the tenth piece passes 100
  });

  it('refuses a delimiter that is a quote or a line break', () => {
    expect(() => new CsvParser({ delimiter: '"' }, () => {})).toThrow(RangeError);
    expect(() => new CsvParser({ delimiter: '\n' }, () => {})).toThrow(RangeError);
  });
});
