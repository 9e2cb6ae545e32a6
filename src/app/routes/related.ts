import type { Article } from '../../shared/feed/types';

/** «Các tin khác»: recent articles on the same topic first, then the latest of the rest. */
export function pickRelated<T extends Article>(article: Article, recent: readonly T[], count: number): T[] {
  const tags = new Set(article.tags);
  const others = recent.filter((other) => other.id !== article.id);
  const sameTopic = others.filter((other) => other.tags.some((tag) => tags.has(tag)));
  const rest = others.filter((other) => !sameTopic.includes(other));
  return [...sameTopic, ...rest].slice(0, count);
}
