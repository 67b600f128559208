// A cell's raw value with the characters nobody sees made visible: line breaks, tabs, no-break and other odd
// spaces, zero-width characters, direction marks, control characters, and spaces at the ends. Then a person
// can see why "Ann Lee" is flagged when it looks fine. Pure: the cell panel renders the pieces.

/** A hidden character's kind: what the cell panel calls it. */
export type HiddenKind =
  | 'lineBreak'
  | 'carriageReturn'
  | 'tab'
  | 'noBreakSpace'
  | 'otherSpace'
  | 'zeroWidth'
  | 'directionMark'
  | 'softHyphen'
  | 'control'
  | 'edgeSpace';

export type TextPiece =
  | Readonly<{ kind: 'text'; text: string }>
  | Readonly<{ kind: 'hidden'; hidden: HiddenKind; glyph: string; code: string; breaks: boolean }>;

/** The code point as people look it up: U+00A0. */
function codeOf(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

const named = new Map<number, readonly [HiddenKind, string]>([
  [0x0a, ['lineBreak', '↵']],
  [0x0d, ['carriageReturn', '␍']],
  [0x09, ['tab', '⇥']],
  [0xa0, ['noBreakSpace', '⍽']],
  [0x202f, ['noBreakSpace', '⍽']],
  [0x2007, ['noBreakSpace', '⍽']],
  [0xad, ['softHyphen', 'SHY']],
  [0x200b, ['zeroWidth', 'ZWSP']],
  [0x200c, ['zeroWidth', 'ZWNJ']],
  [0x200d, ['zeroWidth', 'ZWJ']],
  [0x2060, ['zeroWidth', 'WJ']],
  [0xfeff, ['zeroWidth', 'BOM']],
  [0x200e, ['directionMark', 'LRM']],
  [0x200f, ['directionMark', 'RLM']],
  [0x061c, ['directionMark', 'ALM']],
  [0x202a, ['directionMark', 'LRE']],
  [0x202b, ['directionMark', 'RLE']],
  [0x202c, ['directionMark', 'PDF']],
  [0x202d, ['directionMark', 'LRO']],
  [0x202e, ['directionMark', 'RLO']],
  [0x2066, ['directionMark', 'LRI']],
  [0x2067, ['directionMark', 'RLI']],
  [0x2068, ['directionMark', 'FSI']],
  [0x2069, ['directionMark', 'PDI']],
]);

function hiddenOf(code: number): readonly [HiddenKind, string] | null {
  const known = named.get(code);
  if (known) return known;
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) return ['control', ''];
  if ((code >= 0x2000 && code <= 0x200a) || code === 0x3000 || code === 0x1680 || code === 0x205f)
    return ['otherSpace', '⍽'];
  return null;
}

/**
 * The value in pieces: plain text, and each hidden character on its own with a glyph to show, its code point
 * and whether a line break follows it on screen (a line break shows as ↵ and breaks the line, as it does in
 * the cell). Spaces at either end are hidden characters too (·): the CRM keeps them, people do not see them.
 */
export function visiblePieces(value: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let text = '';
  const flush = () => {
    if (text) pieces.push({ kind: 'text', text });
    text = '';
  };
  const chars = Array.from(value);
  let lead = 0;
  while (lead < chars.length && chars[lead] === ' ') lead++;
  let trail = chars.length;
  while (trail > lead && chars[trail - 1] === ' ') trail--;
  chars.forEach((char, i) => {
    if (char === ' ' && (i < lead || i >= trail)) {
      flush();
      pieces.push({ kind: 'hidden', hidden: 'edgeSpace', glyph: '·', code: 'U+0020', breaks: false });
      return;
    }
    const hidden = hiddenOf(char.codePointAt(0) ?? 0);
    if (!hidden) {
      text += char;
      return;
    }
    flush();
    const [kind, glyph] = hidden;
    const code = codeOf(char);
    pieces.push({ kind: 'hidden', hidden: kind, glyph: glyph || code, code, breaks: kind === 'lineBreak' });
  });
  flush();
  return pieces;
}

/** How many hidden characters of each kind, in the order they first appear. */
export function hiddenCounts(pieces: readonly TextPiece[]): Map<HiddenKind, number> {
  const counts = new Map<HiddenKind, number>();
  for (const piece of pieces)
    if (piece.kind === 'hidden') counts.set(piece.hidden, (counts.get(piece.hidden) ?? 0) + 1);
  return counts;
}
