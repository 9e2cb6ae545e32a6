import { excerpt, htmlToText } from '../../shared/feed/text';
import type { Article } from '../../shared/feed/types';

/** The lead shown under a title: the feed's summary, or the opening of the body. */
export function summaryOf(article: Article, maxChars = 200): string {
  if (article.summary) return article.summary;
  const body = article.contentText ?? htmlToText(article.contentHtml ?? '');
  return excerpt(body, maxChars);
}
