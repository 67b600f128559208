import { describe, expect, it } from 'vitest';
import { formatClipboardText, parseClipboardText } from './clipboard-text';

describe('clipboard text as spreadsheets write and read it', () => {
  it('reads a block Excel copied: tabs between cells, CRLF between rows, a line break at the end', () => {
    expect(parseClipboardText('Ann\tBerg\r\nBo\tLund\r\n')).toEqual([
      ['Ann', 'Berg'],
      ['Bo', 'Lund'],
    ]);
  });

  it('reads a block Google Sheets copied: LF between rows and no line break at the end', () => {
    expect(parseClipboardText('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('reads a quoted cell with a line break, a tab and doubled quotes as one cell', () => {
    expect(parseClipboardText('"line 1\nline 2"\t"say ""hi"""\t"a\tb"\r\nx\ty\tz\r\n')).toEqual([
      ['line 1\nline 2', 'say "hi"', 'a\tb'],
      ['x', 'y', 'z'],
    ]);
  });

  it('keeps empty cells and empty rows inside the block', () => {
    expect(parseClipboardText('a\t\tc\r\n\r\n\tb\r\n')).toEqual([['a', '', 'c'], [''], ['', 'b']]);
  });

  it('reads one cell, an empty cell and a lone line break as one cell each', () => {
    expect(parseClipboardText('vip')).toEqual([['vip']]);
    expect(parseClipboardText('')).toEqual([['']]);
    expect(parseClipboardText('\r\n')).toEqual([['']]);
  });

  it('reads a quote that never closes as written', () => {
    expect(parseClipboardText('"open\tb')).toEqual([['"open', 'b']]);
  });

  it('writes what it reads back exactly, whatever the cells hold', () => {
    const rows = [
      ['plain', '', 'tab\there', 'line\r\nbreak', '"quoted"', 'ends with "'],
      ['', '', '', '', '', ''],
      ['Åse', 'Økland', '\u00a0no-break', '\u200bzero width', 'x', 'y'],
    ];
    const text = formatClipboardText(rows);
    expect(text).toBe(
      'plain\t\t"tab\there"\t"line\r\nbreak"\t"""quoted"""\t"ends with """\r\n\t\t\t\t\t\r\nÅse\tØkland\t\u00a0no-break\t\u200bzero width\tx\ty',
    );
    expect(parseClipboardText(text)).toEqual(rows);
  });
});
