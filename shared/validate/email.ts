// Email syntax by a single left-to-right scan: linear in the input, so a hostile cell cannot trigger the
// catastrophic backtracking that the popular email regexes suffer from. Lengths follow RFC 5321.
export const maxEmailLength = 254;
const maxLocalLength = 64;
const maxLabelLength = 63;

// RFC 5322 atext for the local part, plus "." handled separately.
const localSymbols = "!#$%&'*+/=?^_`{|}~-";
const localAllowed = new Uint8Array(128);
for (let c = 48; c <= 57; c++) localAllowed[c] = 1;
for (let c = 65; c <= 90; c++) localAllowed[c] = 1;
for (let c = 97; c <= 122; c++) localAllowed[c] = 1;
for (const ch of localSymbols) localAllowed[ch.charCodeAt(0)] = 1;

/** Characters above ASCII that are never part of an address: spaces, joiners, bidi marks, BOM. */
function isInvisibleOrSpace(code: number): boolean {
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202f) ||
    (code >= 0x2060 && code <= 0x206f) ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function isDomainChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 45 ||
    (code >= 128 && !isInvisibleOrSpace(code))
  );
}

export type EmailVerdict = 'ok' | 'format' | 'tooLong';

/** Checks an address for the shapes a CRM accepts: local@domain.tld, no spaces, no display name. */
export function checkEmail(value: string): EmailVerdict {
  const length = value.length;
  if (length > maxEmailLength) return 'tooLong';
  const at = value.indexOf('@');
  if (at <= 0 || at > maxLocalLength || at === length - 1) return 'format';
  // Local part: atext runs separated by single dots, no dot at either end.
  let previousDot = true;
  for (let i = 0; i < at; i++) {
    const code = value.charCodeAt(i);
    if (code === 46) {
      if (previousDot) return 'format';
      previousDot = true;
      continue;
    }
    previousDot = false;
    if (code < 128 ? localAllowed[code] === 0 : isInvisibleOrSpace(code)) return 'format';
  }
  if (previousDot) return 'format';
  // Domain: at least two labels, each 1-63 characters, no hyphen at either end, a TLD of 2+ letters.
  let labels = 0;
  let labelStart = at + 1;
  let tldAllLetters = true;
  for (let i = at + 1; i <= length; i++) {
    const code = i === length ? 46 : value.charCodeAt(i);
    if (code === 46) {
      const labelLength = i - labelStart;
      if (labelLength === 0 || labelLength > maxLabelLength) return 'format';
      if (value.charCodeAt(labelStart) === 45 || value.charCodeAt(i - 1) === 45) return 'format';
      labels++;
      if (i < length) {
        labelStart = i + 1;
        tldAllLetters = true;
      }
      continue;
    }
    if (!isDomainChar(code)) return 'format';
    if ((code >= 48 && code <= 57) || code === 45) tldAllLetters = false;
  }
  if (labels < 2) return 'format';
  if (length - labelStart < 2 || !tldAllLetters) return 'format';
  return 'ok';
}
