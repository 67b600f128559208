// Letters that Unicode does not decompose into a base letter plus accent, spelled the way people type them
// on an English keyboard (Søren -> soren, Ærø -> aero).
const unaccented: Readonly<Record<string, string>> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  đ: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
  ð: 'd',
};
const combiningMarks = /[\u0300-\u036f]/g;
const notAlphanumeric = /[^a-z0-9]+/g;
const specialLetters = /[øæœßđłıþð]/g;

/** Lower case, accents removed, every run of other characters one space: `Québec` -> `quebec`. */
export function foldWords(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFD')
    .replace(combiningMarks, '')
    .replace(specialLetters, (ch) => unaccented[ch] ?? ch)
    .replace(notAlphanumeric, ' ')
    .trim();
}

/** Like `foldWords` without any spaces: `N.Y.`, `n y` and `NY` all give `ny`. The key of word lookups. */
export function foldKey(value: string): string {
  return foldWords(value).replace(/ /g, '');
}

/**
 * A lookup from folded words to a value that drops any key claimed by two different values: a word that
 * could mean two things is no evidence for either.
 */
export class UnambiguousIndex {
  private readonly values = new Map<string, string | null>();

  add(word: string, value: string): void {
    const key = foldKey(word);
    if (key === '') return;
    const before = this.values.get(key);
    if (before === undefined) this.values.set(key, value);
    else if (before !== value) this.values.set(key, null);
  }

  /** Makes a word ambiguous whatever it was added for: it is then never evidence. */
  forbid(word: string): void {
    const key = foldKey(word);
    if (key !== '') this.values.set(key, null);
  }

  get(word: string): string | undefined {
    return this.values.get(foldKey(word)) ?? undefined;
  }
}
