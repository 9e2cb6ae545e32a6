import type { Article } from '../feed/types';

/** Articles stored first from a long first page: a screenful and more, quick to merge. */
export const FIRST_SCREEN = 40;

/**
 * A first download's page split so that its newest articles are stored (and
 * listed) before the rest: merging a page of thousands takes many seconds on
 * a cheap phone, and the reader would see an empty list meanwhile. A short
 * page stays whole; an extra merge costs more than it saves there.
 */
export function newestFirst(items: readonly Article[], first = FIRST_SCREEN): Article[][] {
  if (items.length <= first * 2) return [[...items]];
  const sorted = [...items].sort((a, b) => b.published - a.published);
  return [sorted.slice(0, first), sorted.slice(first)];
}
