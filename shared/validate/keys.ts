// Normalised keys for uniqueness and duplicate detection. Two cells that a person would call "the same"
// must give the same key: case, surrounding spaces, phone formatting and Unicode normalisation do not count.

/**
 * Unicode-aware case folding: NFC (a precomposed é and e + combining accent are one letter), then upper and
 * lower case (so ß and ss, ſ and s, final ς and σ fold alike), then NFC again (case mapping may decompose).
 * For ASCII text it is plain lower case; callers keep ASCII on their fast path.
 */
export function foldCase(text: string): string {
  return text.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 128) return false;
  return true;
}

/**
 * Copies a string into fresh memory. Parsers hand out slices of their read buffer; keeping a slice in an
 * index would keep the whole buffer alive, so a streamed million-row file would end up entirely in memory.
 */
export function detachString(value: string): string {
  // Flattening the concatenation allocates a new string; slicing it back drops the buffer reference.
  // (Cheaper than a JSON round trip; `repeat(1)` and friends return the very same slice.)
  return value.length < 13 ? value : `${value} `.slice(0, -1);
}

/** Key of a unique column (email): trimmed and case-folded (`foldCase`), or undefined when empty. */
export function uniqueKey(value: string): string | undefined {
  const trimmed = value.trim();
  if (!isAscii(trimmed)) return trimmed === '' ? undefined : foldCase(trimmed);
  const key = trimmed.toLowerCase();
  if (key === '') return undefined;
  // toLowerCase made a fresh string if it changed anything; only an unchanged value may still be a slice.
  return key === trimmed ? flatCopy(key) : key;
}

/**
 * A fresh flat copy of a lower-case key: upper-casing and lower-casing again allocates exactly the
 * characters (about 45 bytes for an email), where `detachString` keeps a slice of a copy (about 85). On a
 * million unique keys that is 40 MB. Keys without letters, or whose case does not round-trip (ß), are
 * detached the general way.
 */
function flatCopy(key: string): string {
  const upper = key.toUpperCase();
  if (upper === key) return detachString(key);
  const copy = upper.toLowerCase();
  return copy === key ? copy : detachString(key);
}

/** Digits of a phone, without a North American leading 1; undefined when too short to identify anyone. */
export function phoneKey(value: string): string | undefined {
  let digits = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) digits += value[i];
  }
  if (digits.length === 11 && digits.charCodeAt(0) === 49) digits = digits.slice(1);
  return digits.length >= 7 ? digits : undefined;
}

const innerSpaces = /\s+/g;

/** First and last name together, case (`foldCase`) and spacing folded; undefined unless both are present. */
export function nameKey(first: string, last: string): string | undefined {
  const f = foldCase(first.trim());
  const l = foldCase(last.trim());
  if (f === '' || l === '') return undefined;
  return `${f} ${l}`.replace(innerSpaces, ' ');
}
