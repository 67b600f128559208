import { z } from 'zod';

// A NUL (U+0000) or half of a surrogate pair: text PostgreSQL cannot store (text and jsonb refuse NUL; a
// lone surrogate has no UTF-8 form and a driver would silently turn it into U+FFFD).
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the character looked for.
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when the text can be stored as it is: no NUL character and no lone surrogate. */
export function isStorableText(text: string): boolean {
  return !unstorable.test(text);
}

/** What is wrong with text that cannot be stored, in a few words; null when nothing is. */
export function unstorableCharacter(text: string): 'nul' | 'surrogate' | null {
  const match = unstorable.exec(text);
  if (!match) return null;
  return match[0] === '\u0000' ? 'nul' : 'surrogate';
}

/** A string the server can store: refused with a clear message when it holds a NUL or a lone surrogate. */
export function storableString(max: number) {
  return z.string().max(max).refine(isStorableText, {
    message: 'contains a NUL character (U+0000) or an unpaired surrogate, which cannot be stored',
  });
}
