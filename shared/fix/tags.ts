import { stripInvisibleEdges } from './text';
import type { Fix } from './types';

/** Empty tags from stray commas (`vip,,gold`, `vip,`) removed; the tags themselves are kept as written. */
export const dropEmptyTags: Fix = (value) => {
  const parts = value.split(',').filter((part) => stripInvisibleEdges(part) !== '');
  if (parts.length === 0) return null;
  const joined = stripInvisibleEdges(parts.join(','));
  return joined === value ? null : { value: joined, fix: 'tags.empty' };
};
