import type { FieldDef } from '../template';
import { UnambiguousIndex } from './fold';
import { cleanCell } from './text';
import type { Fix } from './types';

// Words for the two values of a 0/1 column, in English and Norwegian, and the opt-in words of email and SMS
// tools (seed 002: "True/Yes" opt in, "False/No" opt out, or OptIn/OptOut). An `x` is a ticked box.
export const yesWords = [
  'yes',
  'y',
  'true',
  't',
  'x',
  '✓',
  '✔',
  'ja',
  'j',
  'sant',
  'on',
  'opt in',
  'opted in',
];
export const noWords = [
  'no',
  'n',
  'false',
  'f',
  'nei',
  'usant',
  'off',
  'opt out',
  'opted out',
  'unsubscribed',
];

const indexes = new WeakMap<FieldDef, UnambiguousIndex>();

/** Every word that names one of the field's values: the value, its labels and aliases (and yes/no words). */
function choiceIndex(field: FieldDef): UnambiguousIndex {
  let index = indexes.get(field);
  if (!index) {
    index = new UnambiguousIndex();
    if (field.kind === 'flag01') {
      for (const word of yesWords) index.add(word, '1');
      for (const word of noWords) index.add(word, '0');
    }
    for (const choice of field.choices ?? []) {
      index.add(choice.value, choice.value);
      index.add(choice.label.en, choice.value);
      index.add(choice.label.nb, choice.value);
      for (const alias of choice.aliases) index.add(alias, choice.value);
    }
    indexes.set(field, index);
  }
  return index;
}

/** The choice a word names, or undefined. `1.0` (a number that went through a spreadsheet) names `1`. */
export function choiceFor(field: FieldDef, value: string): string | undefined {
  const text = cleanCell(value);
  const number = /^(\d+)\.0+$/.exec(text);
  const word = number ? number[1] : text;
  // Folding drops signs and points: "-5" (a time-zone offset) would read as the choice "5". A number with
  // anything but digits in it names no choice.
  if (/\d/.test(word) && /[^\p{L}\d\s]/u.test(word)) return undefined;
  // Symbols like ✓ fold to nothing, so they are looked up as they are.
  return choiceIndex(field).get(word) ?? (word.length === 1 ? symbolChoice(field, word) : undefined);
}

function symbolChoice(field: FieldDef, symbol: string): string | undefined {
  return field.kind === 'flag01' && (symbol === '✓' || symbol === '✔') ? '1' : undefined;
}

/** yes/no/true/false/x/ja/nei/opt-in words -> `1`/`0` in a 0/1 column. */
export const flagFromWord: Fix = (value, field) => {
  const choice = choiceFor(field, value);
  return choice === undefined ? null : { value: choice, fix: 'flag.word' };
};

/**
 * Words for a choice column's values -> the value: male/mann -> `M`, gift -> `Married`, `vendor` -> `4`
 * (contact types), matched in any case and accenting against the template's labels and aliases.
 */
export const choiceFromWord: Fix = (value, field) => {
  const choice = choiceFor(field, value);
  return choice === undefined ? null : { value: choice, fix: 'choice.word' };
};
