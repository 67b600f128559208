import type { Locale } from '../../shared/validate';
import type { ProblemCode } from '../../shared/list';
import { en, enCodes } from './en';
import { nb, nbCodes } from './nb';

export type Words = typeof nb;

const tables: Readonly<Record<Locale, Words>> = { en, nb };
const codeTables: Readonly<Record<Locale, Readonly<Record<ProblemCode, string>>>> = {
  en: enCodes,
  nb: nbCodes,
};

/** The UI's words in a language. Validation messages come from shared/validate's own locale tables. */
export function wordsFor(locale: Locale): Words {
  return tables[locale];
}

/** A short name for a kind of problem ("not 10 digits"). */
export function codeName(locale: Locale, code: ProblemCode): string {
  return codeTables[locale][code];
}

export const localeNames: Readonly<Record<Locale, string>> = { en: 'English', nb: 'Norsk bokmål' };
