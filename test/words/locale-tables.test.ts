import { describe, expect, it } from 'vitest';
import { readErrorCodes, readErrorWords } from '../../shared/codec';
import { exportWords } from '../../shared/export';
import { type Locale, locales } from '../../shared/locale';
import { uploadWords } from '../../shared/upload';
import { issueCodes, messageTables } from '../../shared/validate';
import { engineFailureWords } from '../../shared/words';
import { serverMessages } from '../../server/imports/messages';
import { wordsFor } from '../../renderer/i18n/words';
import { enCodes } from '../../renderer/i18n/en';
import { nbCodes } from '../../renderer/i18n/nb';
import { uploadUiWords } from '../../renderer/upload/words';
import { firstTryWords, fixNames } from '../../renderer/i18n/first-try-words';

// Every table of words people read, in every language, held against its English one: the same keys at every
// depth, the same number of parameters, the same `{placeholder}`s, nothing left empty that English fills. A key added in one language
// only fails here (and most tables also fail the typecheck, being typed by their English shape).

const tables: Readonly<Record<string, (locale: Locale) => unknown>> = {
  'validator messages (shared/validate/locales)': (l) => messageTables[l],
  'read errors (shared/codec/read-words.ts)': (l) => readErrorWords[l],
  "the list engine's refusals (shared/words/failures.ts)": (l) => engineFailureWords[l],
  'exported files (shared/export/export-words.ts)': (l) => exportWords[l],
  'uploads (shared/upload/words.ts)': (l) => uploadWords(l),
  "the import server's notes (server/imports/messages.ts)": (l) => serverMessages[l],
  "the app's screens (renderer/i18n)": (l) => wordsFor(l),
  "the app's problem names (renderer/i18n)": (l) => ({ en: enCodes, nb: nbCodes })[l],
  "the app's upload screens (renderer/upload/words.ts)": (l) => uploadUiWords(l),
  "the app's first-try steps (renderer/i18n/first-try-words.ts)": (l) => firstTryWords(l),
  "the app's fix names (renderer/i18n/first-try-words.ts)": (l) => fixNames[l],
};

type Leaf = Readonly<{ path: string; kind: string; arity?: number; placeholders?: string }>;

/** Every leaf of a table with its path: strings with their `{placeholders}`, functions with their arity. */
function leavesOf(value: unknown, path = ''): Leaf[] {
  if (typeof value === 'string') {
    const placeholders = [...value.matchAll(/\{(\w+)\}/g)]
      .map((m) => m[1])
      .sort()
      .join(',');
    return [{ path, kind: value.trim() === '' ? 'empty string' : 'string', placeholders }];
  }
  if (typeof value === 'function') return [{ path, kind: 'function', arity: value.length }];
  if (Array.isArray(value)) return value.flatMap((item, i) => leavesOf(item, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.keys(value)
      .sort()
      .flatMap((key) => leavesOf((value as Record<string, unknown>)[key], `${path}.${key}`));
  }
  return [{ path, kind: typeof value }];
}

const stringsOf = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : value && typeof value === 'object'
      ? Object.values(value).flatMap(stringsOf)
      : [];

describe('the locale tables', () => {
  for (const [name, table] of Object.entries(tables)) {
    it(`word ${name} alike in every language`, () => {
      const english = leavesOf(table('en'));
      expect(english.length).toBeGreaterThan(0);
      for (const locale of locales) expect(leavesOf(table(locale))).toEqual(english);
    });
  }

  it('word every validator code and every read error code', () => {
    for (const locale of locales) {
      expect(Object.keys(messageTables[locale]).sort()).toEqual([...issueCodes].sort());
      expect(Object.keys(readErrorWords[locale]).sort()).toEqual([...readErrorCodes].sort());
    }
  });

  it('are translated, not English copied into another language', () => {
    // Some words are the same in both (`[import]`, `E-post`…); a table copied from English would be all of them.
    for (const [name, table] of Object.entries(tables)) {
      const english = stringsOf(table('en'));
      const norwegian = stringsOf(table('nb'));
      const same = english.filter(
        (text, i) => text === norwegian[i] && /[a-z]{4,} [a-z]{4,}/.test(text),
      ).length;
      expect({ name, same: same / Math.max(1, english.length) < 0.2 }).toEqual({ name, same: true });
    }
  });
});
