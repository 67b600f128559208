import type { FieldDef, LookupItem } from '../template';
import { UnambiguousIndex } from './fold';
import { cleanCell } from './text';
import type { Fix } from './types';

const indexes = new WeakMap<readonly LookupItem[], UnambiguousIndex>();

function nameIndex(list: readonly LookupItem[]): UnambiguousIndex {
  let index = indexes.get(list);
  if (!index) {
    index = new UnambiguousIndex();
    for (const item of list) index.add(item.name, item.id);
    indexes.set(list, index);
  }
  return index;
}

/**
 * The name of an account list entry -> its ID (`New lead nurture` -> `12`), only when the account's list is
 * known and exactly one entry has that name. Two plans with one name stay an error: which one is a guess.
 */
export const lookupNameToId: Fix = (value, field: FieldDef, context) => {
  const list = field.lookup ? context.lookups?.[field.lookup] : undefined;
  if (!list) return null;
  const text = cleanCell(value);
  const byId = /^#?\s*(\d+)(?:\.0+)?$/.exec(text);
  if (byId && list.some((item) => item.id === byId[1])) return { value: byId[1], fix: 'id.name' };
  const id = nameIndex(list).get(text);
  return id === undefined ? null : { value: id, fix: 'id.name' };
};
