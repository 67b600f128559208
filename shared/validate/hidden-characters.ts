// Characters a cell may hold that nobody sees: control characters (an error: the CRM cannot store them) and
// direction or zero-width marks inside a value (a warning: "Ann\u202Eeel" shows as "Annlee" reversed). One scan
// serves the check and the fix, so what is flagged is exactly what the fix removes.

/** Excel's limit for one cell; the CRM's template is an Excel file. */
export const maxCellLength = 32_767;

export const controlMark = 1;
export const invisibleMark = 2;

/** C0 controls and DEL, except tab, line feed and carriage return (which cells may legitimately hold). */
export function isControl(code: number): boolean {
  return (code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127;
}

/**
 * True for a direction embedding, override or isolate (U+202A-202E, U+2066-2069), a zero-width space
 * (U+200B), a word joiner (U+2060) or a byte order mark (U+FEFF) at `i`; and for a zero-width (non-)joiner
 * (U+200C, U+200D) with plain ASCII on both sides - between emoji or in Indic and Persian words it is part of
 * the writing and is left alone.
 */
export function isInvisibleAt(value: string, i: number): boolean {
  const code = value.charCodeAt(i);
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return true;
  if (code === 0x200b || code === 0x2060 || code === 0xfeff) return true;
  if (code !== 0x200c && code !== 0x200d) return false;
  const before = i > 0 ? value.charCodeAt(i - 1) : 0;
  const after = i + 1 < value.length ? value.charCodeAt(i + 1) : 0;
  return before < 128 && after < 128;
}

/** Which kinds of hidden characters a value holds (bits `controlMark`, `invisibleMark`); 0 for most cells. */
export function scanMarks(value: string): number {
  let marks = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 32 && code < 127) continue; // printable ASCII: nearly every character of every cell
    if (code < 128) {
      if (isControl(code)) marks |= controlMark;
    } else if (code >= 0x200b && isInvisibleAt(value, i)) marks |= invisibleMark;
  }
  return marks;
}

/** The value without control characters (tab and line breaks stay). */
export function withoutControls(value: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    if (!isControl(value.charCodeAt(i))) continue;
    out += value.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? value : out + value.slice(from);
}

/** The value without the invisible characters `isInvisibleAt` flags. */
export function withoutInvisible(value: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) < 0x200b || !isInvisibleAt(value, i)) continue;
    out += value.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? value : out + value.slice(from);
}
