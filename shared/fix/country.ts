import { isoCountryCodes } from '../template';
import { ambiguousCountryNames, countryAliases } from '../template/countries';
import type { FieldDef, LookupItem } from '../template';
import { UnambiguousIndex } from './fold';
import { cleanCell } from './text';
import type { Fix, FixContext } from './types';

// The languages whose country names the fix understands: the app's two, the neighbours' and the large
// European ones a list's country column is often written in.
const nameLanguages = ['en', 'nb', 'nn', 'sv', 'da', 'fi', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl'];

let isoIndex: UnambiguousIndex | null = null;

/** Every name of every ISO country (Intl's in each language, the codes, the aliases): built once. */
function countryIndex(): UnambiguousIndex {
  if (isoIndex) return isoIndex;
  const index = new UnambiguousIndex();
  const namers = nameLanguages.flatMap((language) => {
    try {
      return [new Intl.DisplayNames([language], { type: 'region', fallback: 'none' })];
    } catch {
      return [];
    }
  });
  for (const code of isoCountryCodes) {
    index.add(code, code);
    for (const namer of namers) {
      const name = namer.of(code);
      if (name) index.add(name, code);
    }
    for (const alias of countryAliases[code] ?? []) index.add(alias, code);
  }
  for (const name of ambiguousCountryNames) index.forbid(name);
  isoIndex = index;
  return index;
}

const accountIndexes = new WeakMap<readonly LookupItem[], UnambiguousIndex>();

function accountIndex(list: readonly LookupItem[]): UnambiguousIndex {
  let index = accountIndexes.get(list);
  if (!index) {
    index = new UnambiguousIndex();
    for (const item of list) {
      index.add(item.id, item.id);
      if (item.name) index.add(item.name, item.id);
    }
    accountIndexes.set(list, index);
  }
  return index;
}

function countryFor(value: string, field: FieldDef, context: FixContext): string | undefined {
  const text = cleanCell(value);
  if (text === '') return undefined;
  const list = field.lookup ? context.lookups?.[field.lookup] : undefined;
  // The account's own names first (its list may call a country something Intl does not).
  return (list && accountIndex(list).get(text)) ?? countryIndex().get(text);
}

/**
 * A country's name, alpha-3 code or code in any case -> its ISO alpha-2 code (`Norway`, `Norge`, `nor`, `no`
 * -> `NO`; `USA`, `United States` -> `US`). A name two countries could have stays an error; the column's rule
 * (the account's countries, when known) must accept the result.
 */
export const countryCode: Fix = (value, field, context) => {
  const code = countryFor(value, field, context);
  return code === undefined ? null : { value: code, fix: 'country.code' };
};
