import { foldKey } from '../fix/fold';

// Forms of address in front of a name: not part of the first name the CRM greets people with.
const honorifics = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'herr',
  'fru',
  'frk',
  'sir',
  'madam',
]);
// Generational and professional suffixes stay with the last name they follow.
const suffixes = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v', 'phd', 'md', 'esq', 'dds', 'cpa']);
// Particles that belong to the surname after them: Ludwig van Beethoven, Maria de la Cruz, Karl af Klint.
const particles = new Set([
  'van',
  'von',
  'de',
  'da',
  'di',
  'del',
  'della',
  'der',
  'den',
  'du',
  'la',
  'le',
  'dos',
  'das',
  'ter',
  'ten',
  'af',
  'av',
  'bin',
  'al',
]);

export type SplitName = Readonly<{ first: string; last: string }>;

/**
 * Splits a full name into first and last name. `Last, First` is taken at the comma; otherwise the last word
 * is the last name, with the particles before it (`van Beethoven`) and a suffix after it (`Smith Jr.`), and
 * everything before it is the first name (`Mary Ann`). Honorifics (`Dr.`, `Mrs`) are left out. One word is
 * a first name with an empty last name, which the validator then reports as missing.
 */
export function splitFullName(value: string): SplitName {
  const text = value.trim().replace(/\s+/g, ' ');
  if (text === '') return { first: '', last: '' };
  const comma = text.indexOf(',');
  if (comma > 0) {
    const before = text.slice(0, comma).trim();
    const after = text.slice(comma + 1).trim();
    // "Smith, Jr." and "Ann Lee, PhD" are a suffix after a comma, not "Last, First".
    if (after !== '' && !suffixes.has(foldKey(after))) {
      return { first: withoutHonorifics(after.split(' ')).join(' '), last: before };
    }
    if (after !== '') return splitWords([...before.split(' '), after]);
  }
  return splitWords(text.split(' '));
}

function withoutHonorifics(words: string[]): string[] {
  let start = 0;
  while (start < words.length - 1 && honorifics.has(foldKey(words[start]))) start++;
  return words.slice(start);
}

function splitWords(all: string[]): SplitName {
  const words = withoutHonorifics(all);
  let end = words.length;
  let suffix = '';
  if (end > 2 && suffixes.has(foldKey(words[end - 1]))) {
    suffix = ` ${words[end - 1]}`;
    end--;
  }
  if (end === 1) return { first: words[0], last: suffix.trim() };
  let lastStart = end - 1;
  while (lastStart > 1 && particles.has(foldKey(words[lastStart - 1]))) lastStart--;
  return { first: words.slice(0, lastStart).join(' '), last: words.slice(lastStart, end).join(' ') + suffix };
}
