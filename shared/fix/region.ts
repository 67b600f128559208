import type { Template } from '../template';
import { UnambiguousIndex } from './fold';
import { cleanCell } from './text';
import type { Fix } from './types';

const indexes = new WeakMap<Template, UnambiguousIndex>();

function regionIndex(template: Template): UnambiguousIndex {
  let index = indexes.get(template);
  if (!index) {
    index = new UnambiguousIndex();
    for (const region of template.regions) {
      index.add(region.code, region.code);
      index.add(region.name, region.code);
      for (const alias of region.aliases) index.add(alias, region.code);
      // ISO 3166-2 codes as some exports write them: US-CA, CA-ON.
      index.add(`${region.country}-${region.code}`, region.code);
    }
    indexes.set(template, index);
  }
  return index;
}

/**
 * The template's region code for a name, abbreviation or code in any case and accenting (`California`,
 * `calif.`, `Québec`, `ontario`, `ny`, `US-TX`), or undefined when there is none or it is ambiguous.
 */
export function regionCode(template: Template, value: string): string | undefined {
  const text = cleanCell(value);
  return text === '' ? undefined : regionIndex(template).get(text);
}

/** Region names and variants to the 2-letter code the CRM accepts. */
export const normalizeRegion: Fix = (value, _field, context) => {
  const code = regionCode(context.template, value);
  return code === undefined ? null : { value: code, fix: 'region.code' };
};
