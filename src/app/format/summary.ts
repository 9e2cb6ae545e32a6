import { excerpt } from '../../shared/feed/text';
import type { StoredArticle } from '../../shared/store/schema';

/** The lead shown under a title: the feed's summary, or the opening of the body (derived when stored). */
export function summaryOf(article: Pick<StoredArticle, 'summary' | 'excerpt'>, maxChars = 200): string {
  if (article.summary) return article.summary;
  return excerpt(article.excerpt, maxChars);
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The lead shown above an article: the feed's summary, unless the body opens
 * with the same words, as many feeds copy their first paragraph into it.
 */
export function leadOf(article: Pick<StoredArticle, 'summary'>, body: string): string | undefined {
  if (!article.summary) return undefined;
  const opening = squash(article.summary).slice(0, 80);
  return squash(body.slice(0, 400)).startsWith(opening) ? undefined : article.summary;
}
