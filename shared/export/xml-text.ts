// Text for SpreadsheetML parts. Cell text must come back exactly as written, in Excel and in ListPrep:
// - CR is written as a character reference, because XML parsers turn a raw CR LF into LF;
// - characters XML 1.0 cannot hold at all (most C0 controls, U+FFFE/U+FFFF, lone surrogates) use the
//   `_xHHHH_` escape of ECMA-376 (ST_Xstring), which Excel decodes; so a literal `_xHHHH_` in the text is
//   itself escaped as `_x005F_xHHHH_`, or Excel would turn "_x0041_" into "A".

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the characters XML cannot hold is the point
const needsWork = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
const escapeLike = /_x[0-9A-Fa-f]{4}_/y;

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

/** Element text for a cell or a note: XML-escaped, CR kept, impossible characters in Excel's escape. */
export function xmlText(value: string): string {
  if (!needsWork.test(value)) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x26) out += '&amp;';
    else if (c === 0x3c) out += '&lt;';
    else if (c === 0x3e) out += '&gt;';
    else if (c === 0x0d) out += '&#13;';
    else if (c === 0x5f) {
      escapeLike.lastIndex = i;
      out += escapeLike.test(value) ? '_x005F_' : '_';
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += value[i] + value[i + 1];
        i++;
      } else out += `_x${hex4(c)}_`;
    } else if (
      (c < 0x20 && c !== 0x09 && c !== 0x0a) ||
      (c >= 0xd800 && c <= 0xdfff) ||
      c === 0xfffe ||
      c === 0xffff
    ) {
      out += `_x${hex4(c)}_`;
    } else out += value[i];
  }
  return out;
}

/** An attribute value in double quotes; tabs and line breaks kept as references (attributes normalise them). */
export function xmlAttr(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** True when Excel would trim the text unless told to keep its spaces (`xml:space="preserve"`). */
export function needsSpacePreserved(value: string): boolean {
  if (value.length === 0) return false;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  return first <= 0x20 || last <= 0x20;
}

/** `<t>` element holding the text, keeping edge spaces. */
export function xmlT(value: string): string {
  return needsSpacePreserved(value)
    ? `<t xml:space="preserve">${xmlText(value)}</t>`
    : `<t>${xmlText(value)}</t>`;
}

/** Column letters of a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
