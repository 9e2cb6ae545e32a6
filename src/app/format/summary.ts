import { excerpt } from '../../shared/feed/text';
import { bodyText } from '../../shared/search/documents';
import type { Article } from '../../shared/feed/types';

/** The lead shown under a title: the feed's summary, or the opening of the body. */
export function summaryOf(article: Article, maxChars = 200): string {
  if (article.summary) return article.summary;
  return excerpt(bodyText(article), maxChars);
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The lead shown above an article: the feed's summary, unless the body opens
 * with the same words, as many feeds copy their first paragraph into it.
 */
export function leadOf(article: Article, body: string): string | undefined {
  if (!article.summary) return undefined;
  const opening = squash(article.summary).slice(0, 80);
  return squash(body.slice(0, 400)).startsWith(opening) ? undefined : article.summary;
}
