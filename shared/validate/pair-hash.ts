import { foldCase } from './keys';

// Allocation-free hashing of the normalised keys behind "likely duplicate": a name, a phone, an email are
// hashed straight from the cell text, with the same folding the string keys in keys.ts apply, and pairs are
// combined arithmetically. No intermediate strings for ASCII text, which is nearly every cell of every
// sheet; a cell with other characters is folded as a string first (`foldCase`: NFC and case folding).

// The hash state lives in an Int32Array, not two module-level numbers: Chromium keeps small integers in 31
// bits (pointer compression), so a full 32-bit value in a plain variable is boxed - an allocation for every
// character hashed. Measured in the app's worker: name + phone + email hashing of 100,000 rows 94-135 ms
// with plain variables, 28-30 ms with the array (Node 20, with 32-bit small integers: 30 ms either way).
const h = new Int32Array(2);

function reset(seed: number): void {
  h[0] = 0x811c9dc5 ^ seed;
  h[1] = 0x01000193 ^ Math.imul(seed, 0x5bd1e995);
}

function feed(code: number): void {
  h[0] = Math.imul(h[0] ^ code, 0x01000193);
  h[1] = Math.imul(h[1] ^ code, 0x5bd1e995);
  h[1] ^= h[1] >>> 15;
}

function finish(): number {
  // 32 bits of one hash and 21 of the other: a 53-bit integer, exact as a double.
  return (h[0] >>> 0) * 0x200000 + ((h[1] >>> 0) & 0x1fffff);
}

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0xfeff ||
    (code >= 0x2000 && code <= 0x200b)
  );
}

/** Lower case of an ASCII character (others are folded as strings first). */
function lower(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/**
 * Feeds a cell trimmed, lower-cased, inner space runs folded to one space; returns its folded length, or -1
 * when it meets a character beyond ASCII and `folded` is false (the caller then folds the text first).
 */
function feedFolded(value: string, folded: boolean): number {
  let start = 0;
  let end = value.length;
  while (start < end && isSpace(value.charCodeAt(start))) start++;
  while (end > start && isSpace(value.charCodeAt(end - 1))) end--;
  let length = 0;
  let spacePending = false;
  for (let i = start; i < end; i++) {
    const code = value.charCodeAt(i);
    if (isSpace(code)) {
      spacePending = true;
      continue;
    }
    if (code >= 128 && !folded) return -1;
    if (spacePending) {
      feed(32);
      length++;
      spacePending = false;
    }
    feed(folded ? code : lower(code));
    length++;
  }
  return length;
}

/** Hash of "first last" folded (case, spaces, Unicode normalisation), or -1 unless both names are present. */
export function nameHash(first: string, last: string): number {
  reset(1);
  const f = feedFolded(first, false);
  if (f === 0) return -1;
  if (f > 0) {
    feed(32);
    const l = feedFolded(last, false);
    if (l > 0) return finish();
    if (l === 0) return -1;
  }
  reset(1);
  if (feedFolded(foldCase(first), true) === 0) return -1;
  feed(32);
  return feedFolded(foldCase(last), true) === 0 ? -1 : finish();
}

/** Hash of a phone's digits without a North American leading 1, or -1 with fewer than 7 digits. */
export function phoneHash(value: string): number {
  let digits = 0;
  let firstDigit = -1;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      if (digits === 0) firstDigit = code;
      digits++;
    }
  }
  const skipLeadingOne = digits === 11 && firstDigit === 49;
  if (digits - (skipLeadingOne ? 1 : 0) < 7) return -1;
  reset(2);
  let skipped = !skipLeadingOne;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 48 || code > 57) continue;
    if (!skipped) {
      skipped = true;
      continue;
    }
    feed(code);
  }
  return finish();
}

/**
 * Feeds a cell trimmed and lower-cased, inner spaces kept as they are (the fold of keys.ts `uniqueKey`);
 * returns its length, or -1 when it meets a character beyond ASCII.
 */
function feedTrimmedLower(value: string): number {
  let start = 0;
  let end = value.length;
  while (start < end && isSpace(value.charCodeAt(start))) start++;
  while (end > start && isSpace(value.charCodeAt(end - 1))) end--;
  for (let i = start; i < end; i++) {
    const code = value.charCodeAt(i);
    if (code >= 128) return -1;
    feed(lower(code));
  }
  return end - start;
}

/** Hash of a unique column's key (trimmed and case-folded: the fold of `uniqueKey`), or -1 when empty. */
export function uniqueHash(value: string): number {
  reset(3);
  const length = feedTrimmedLower(value);
  if (length >= 0) return length === 0 ? -1 : finish();
  const folded = foldCase(value.trim());
  reset(3);
  for (let i = 0; i < folded.length; i++) feed(folded.charCodeAt(i));
  return folded.length === 0 ? -1 : finish();
}

/** The pair a key stands for: name + phone, email + phone, name + email. */
export const pairTags = { namePhone: 1, emailPhone: 2, nameEmail: 3 } as const;
export type PairTag = (typeof pairTags)[keyof typeof pairTags];

/** Which pair a key of `pairHash` stands for (its two lowest bits). */
export function pairTagOf(key: number): PairTag {
  return (key % 4) as PairTag;
}

// Murmur3's block mix and finaliser: each of the two lanes below reads all 106 bits of its input.
function mixBlock(h: number, k: number): number {
  let x = Math.imul(k, 0xcc9e2d51);
  x = (x << 15) | (x >>> 17);
  x = Math.imul(x, 0x1b873593);
  const y = h ^ x;
  return (Math.imul((y << 13) | (y >>> 19), 5) + 0xe6546b64) | 0;
}

function finalMix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

function lane(seed: number, a0: number, a1: number, b0: number, b1: number): number {
  return finalMix(mixBlock(mixBlock(mixBlock(mixBlock(seed, a0), a1), b0), b1) ^ 16);
}

/**
 * Combines two component hashes and a pair tag into one 53-bit key: 51 bits of hash, then the tag. Two
 * independent 32-bit lanes over both inputs: a single 32-bit mix (as before) made two of 100,000 names
 * sharing one placeholder email collide, a false "likely duplicate".
 */
export function pairHash(tag: PairTag, a: number, b: number): number {
  const a0 = a >>> 0;
  const a1 = (a / 4294967296) | 0;
  const b0 = b >>> 0;
  const b1 = (b / 4294967296) | 0;
  const hi = lane(0x9747b28c ^ tag, a0, a1, b0, b1);
  const lo = lane(0x5bd1e995 + tag, a0, a1, b0, b1);
  return (hi * 0x80000 + (lo & 0x7ffff)) * 4 + tag;
}
