import { foldWords } from '../fix/fold';
import { qualifierWords } from './vocabulary';

// A header read as the words it contains: "Prospect First Name", "Owns Home?", "Person - Phone - Mobile",
// "TelCellHome", "What's your company called?". A field's name matches when all of its words are in the header
// and every other word of the header is one that says nothing about which field it is (below).

// Words around a field's name that do not change which field a column is: the record it belongs to
// ("Prospect First Name", "Person - Email"), how a form asks for it ("What's your company called?"), how
// a list describes a figure ("Yearly Household Income", "Estimated Home Value") or a time ("Submit Date
// (UTC)"). Qualifier words (home, work, business…) are read the same way, wherever they stand.
const neutralWords: ReadonlySet<string> = new Set([
  ...qualifierWords,
  // the record a column belongs to
  'person',
  'prospect',
  'lead',
  'customer',
  'client',
  'member',
  'subscriber',
  'contacts',
  'kunde',
  'kunden',
  // how forms ask
  'your',
  'you',
  'what',
  'whats',
  's',
  'which',
  'how',
  'did',
  'do',
  'would',
  'like',
  'please',
  'enter',
  'called',
  'the',
  'a',
  'an',
  'of',
  'to',
  'for',
  'at',
  'on',
  'in',
  'din',
  'ditt',
  'hva',
  'er',
  // how a figure or a time is described
  'yearly',
  'annual',
  'estimated',
  'est',
  'approx',
  'approximate',
  'current',
  'utc',
  'gmt',
  'time',
  'tel',
]);

/** Camel case split into words (`TelCellHome` -> `Tel Cell Home`, `GivenNames` -> `Given Names`). */
function splitCamel(header: string): string {
  return header.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}

/** The header's words, folded, camel case split: `TelCellHome` -> [`tel`, `cell`, `home`]. */
export function headerWordList(header: string): string[] {
  const words = foldWords(splitCamel(header));
  return words === '' ? [] : words.split(' ');
}

/** A word and its singular (`names` -> `name`): "GivenNames" holds given names. */
function forms(word: string): string[] {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? [word, word.slice(0, -1)] : [word];
}

/**
 * Whether a field's name (its folded words) is contained in a header's words with nothing else in the header
 * but words that say nothing about the field. Order does not matter: "Phone - Mobile" holds "mobile phone".
 */
export function containsName(header: readonly string[], name: readonly string[]): boolean {
  if (name.length === 0 || name.length > header.length) return false;
  const used = new Set<number>();
  for (const word of name) {
    const at = header.findIndex((h, i) => !used.has(i) && forms(h).includes(word));
    if (at < 0) return false;
    used.add(at);
  }
  return header.every((word, i) => used.has(i) || neutralWords.has(word));
}
