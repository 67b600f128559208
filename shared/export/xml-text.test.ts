import { describe, expect, it } from 'vitest';
import { columnLetters, xmlAttr, xmlT, xmlText } from './xml-text';

describe('SpreadsheetML text', () => {
  it('escapes markup and keeps a carriage return as a character reference', () => {
    expect(xmlText('a & b <c>')).toBe('a &amp; b &lt;c&gt;');
    expect(xmlText('a\r\nb')).toBe('a&#13;\nb');
    expect(xmlText('plain text, "quoted"')).toBe('plain text, "quoted"');
  });

  it('writes characters XML 1.0 cannot hold with the _xHHHH_ escape, and escapes look-alikes', () => {
    expect(xmlText('a\u0000b\u001fc\uffff')).toBe('a_x0000_b_x001F_c_xFFFF_');
    expect(xmlText('_x0041_ and _x00')).toBe('_x005F_x0041_ and _x00');
    expect(xmlText('tab\tand\nnewline')).toBe('tab\tand\nnewline');
  });

  it('keeps emoji (surrogate pairs) and escapes a lone surrogate', () => {
    expect(xmlText('😀')).toBe('😀');
    expect(xmlText('a\ud83dz')).toBe('a_xD83D_z');
    expect(xmlText('\ude00')).toBe('_xDE00_');
  });

  it('keeps edge spaces and line breaks with xml:space="preserve"', () => {
    expect(xmlT('x')).toBe('<t>x</t>');
    expect(xmlT(' x')).toBe('<t xml:space="preserve"> x</t>');
    expect(xmlT('x\n')).toBe('<t xml:space="preserve">x\n</t>');
  });

  it('escapes quotes, tabs and line breaks in attributes', () => {
    expect(xmlAttr('say "hi"\tnow\n')).toBe('say &quot;hi&quot;&#9;now&#10;');
  });

  it('names columns as Excel does', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
  });
});
