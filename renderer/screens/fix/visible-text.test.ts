import { describe, expect, it } from 'vitest';
import { hiddenCounts, visiblePieces } from './visible-text';

describe("a cell's raw value with hidden characters made visible", () => {
  it('leaves plain text as it is', () => {
    expect(visiblePieces('Ann Lee')).toEqual([{ kind: 'text', text: 'Ann Lee' }]);
    expect(visiblePieces('')).toEqual([]);
  });

  it('shows a no-break space, a zero-width space and a direction mark with their code points', () => {
    const pieces = visiblePieces('Ann\u00a0Lee\u200b\u202e');
    expect(pieces).toEqual([
      { kind: 'text', text: 'Ann' },
      { kind: 'hidden', hidden: 'noBreakSpace', glyph: '⍽', code: 'U+00A0', breaks: false },
      { kind: 'text', text: 'Lee' },
      { kind: 'hidden', hidden: 'zeroWidth', glyph: 'ZWSP', code: 'U+200B', breaks: false },
      { kind: 'hidden', hidden: 'directionMark', glyph: 'RLO', code: 'U+202E', breaks: false },
    ]);
    expect([...hiddenCounts(pieces)]).toEqual([
      ['noBreakSpace', 1],
      ['zeroWidth', 1],
      ['directionMark', 1],
    ]);
  });

  it('shows line breaks (which still break the line), tabs and control characters', () => {
    expect(visiblePieces('a\r\nb\tc\u0007')).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'hidden', hidden: 'carriageReturn', glyph: '␍', code: 'U+000D', breaks: false },
      { kind: 'hidden', hidden: 'lineBreak', glyph: '↵', code: 'U+000A', breaks: true },
      { kind: 'text', text: 'b' },
      { kind: 'hidden', hidden: 'tab', glyph: '⇥', code: 'U+0009', breaks: false },
      { kind: 'text', text: 'c' },
      { kind: 'hidden', hidden: 'control', glyph: 'U+0007', code: 'U+0007', breaks: false },
    ]);
  });

  it('marks spaces at the ends, not the spaces between words, and keeps letters outside the BMP whole', () => {
    expect(visiblePieces('  Bo Lund ').map((p) => (p.kind === 'text' ? p.text : p.glyph))).toEqual([
      '·',
      '·',
      'Bo Lund',
      '·',
    ]);
    expect(visiblePieces('😀\u200d')).toEqual([
      { kind: 'text', text: '😀' },
      { kind: 'hidden', hidden: 'zeroWidth', glyph: 'ZWJ', code: 'U+200D', breaks: false },
    ]);
  });
});
