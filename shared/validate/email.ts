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

// Scripts an address's letters are sorted into. Digits, dots, hyphens and combining accents belong to none.
const scripts: readonly (readonly [string, RegExp])[] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Bopomofo', /\p{Script=Bopomofo}/u],
];
const letter = /\p{L}/u;
const beyondAscii = /[\u0080-\uffff]/;

// Scripts written together for real (Unicode TS #39, "highly restrictive"): Japanese, Chinese, Korean with Latin.
const mixesAllowed: readonly ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

function scriptOf(char: string): string {
  for (const [name, test] of scripts) if (test.test(char)) return name;
  return 'Other';
}

/** True when one part of the address (the name before @, or a label of the domain) mixes scripts. */
function labelMixes(label: string): boolean {
  const seen = new Set<string>();
  for (const char of label) {
    if (char.charCodeAt(0) < 128 ? !/[A-Za-z]/.test(char) : !letter.test(char)) continue;
    seen.add(char.charCodeAt(0) < 128 ? 'Latin' : scriptOf(char));
  }
  if (seen.size < 2) return false;
  return !mixesAllowed.some((allowed) => [...seen].every((script) => allowed.has(script)));
}

/**
 * True when a part of an address mixes letters of different scripts, such as a Cyrillic "а" among Latin
 * letters: it looks like another address and is not the same one (a spoofing trick, or a keyboard accident).
 * Each part is judged alone: an all-Cyrillic name at a Latin domain is a real address. ASCII-only
 * addresses (nearly all) return at once.
 */
export function mixesScripts(value: string): boolean {
  if (!beyondAscii.test(value)) return false;
  const at = value.indexOf('@');
  if (labelMixes(value.slice(0, at))) return true;
  return value
    .slice(at + 1)
    .split('.')
    .some(labelMixes);
}
