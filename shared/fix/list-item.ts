import type { LookupItem } from '../template';
import { UnambiguousIndex } from './fold';
import { cleanCell } from './text';
import type { Fix } from './types';

const indexes = new WeakMap<readonly LookupItem[], UnambiguousIndex>();

function itemIndex(list: readonly LookupItem[]): UnambiguousIndex {
  let index = indexes.get(list);
  if (!index) {
    index = new UnambiguousIndex();
    for (const item of list) {
      index.add(item.id, item.id);
      if (item.name) index.add(item.name, item.id);
    }
    indexes.set(list, index);
  }
  return index;
}

/**
 * A list item written another way (`phone call`, `Phone  Call`) -> the account's item exactly (`Phone Call`),
 * only when the account's list is known and exactly one item folds to those words.
 */
export const listItemWord: Fix = (value, field, context) => {
  const list = field.lookup ? context.lookups?.[field.lookup] : undefined;
  if (!list) return null;
  const item = itemIndex(list).get(cleanCell(value));
  return item === undefined ? null : { value: item, fix: 'list.item' };
};
