import { optInWordsOf } from '../validate/cell-checks';
import { noWords, yesWords } from './choice';
import { foldKey } from './fold';
import { cleanCell } from './text';
import type { Fix } from './types';

/**
 * Opt-in words -> the column's own: yes, true, x, 1, ja, sant, opt in … -> `Ja` (or the list's yes word, e.g.
 * `OptIn`), and the no words likewise; a list's own words in another case too. A word that is neither stays.
 */
export const optInWord: Fix = (value, field, context) => {
  const words = optInWordsOf(field, context.lookups);
  const key = foldKey(cleanCell(value));
  if (key === '') return null;
  const isOne = (list: readonly string[]) => list.some((word) => foldKey(word) === key);
  const yes = isOne(words.yes) || isOne(field.optIn?.yes ?? []) || isOne(yesWords) || key === '1';
  const no = isOne(words.no) || isOne(field.optIn?.no ?? []) || isOne(noWords) || key === '0';
  if (yes === no) return null;
  return { value: yes ? words.yes[0] : words.no[0], fix: 'optIn.word' };
};
