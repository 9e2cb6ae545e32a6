import { excerpt } from '../../shared/feed/text';
import type { StoredArticle } from '../../shared/store/schema';

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * `text` without the title it opens with. An item without a title is given
 * the opening of its summary or body as one (shared/feed/parse.ts), which
 * the card and the article then printed a second time under it.
 */
function afterTitle(text: string, title: string): string {
  const head = squash(title.endsWith('…') ? title.slice(0, -1) : title);
  const squashed = squash(text);
  if (head === '' || !squashed.startsWith(head)) return text;
  const rest = squashed.slice(head.length).trim();
  // Only a whole sentence is dropped: a title «Sơn La» leaves «Sơn La đẩy mạnh…» as it is.
  if (rest !== '' && !/[.!?…]["”’»)]*$/.test(title)) return text;
  // A title cut mid-sentence: what follows goes on from it.
  return rest !== '' && title.endsWith('…') ? `…${rest}` : rest;
}

/** The lead shown under a title: the feed's summary, or the opening of the body (derived when stored), less the title it repeats. */
export function summaryOf(article: Pick<StoredArticle, 'title' | 'summary' | 'excerpt'>, maxChars = 200): string {
  const summary = article.summary ? afterTitle(article.summary, article.title) : '';
  if (summary) return summary;
  return excerpt(afterTitle(article.excerpt, article.title), maxChars);
}

/**
 * The lead shown above an article: the feed's summary, unless the body opens
 * with the same words, as many feeds copy their first paragraph into it, or
 * it only repeats the title.
 */
export function leadOf(article: Pick<StoredArticle, 'title' | 'summary'>, body: string): string | undefined {
  if (!article.summary) return undefined;
  const summary = afterTitle(article.summary, article.title);
  if (!summary) return undefined;
  const opening = squash(article.summary).slice(0, 80);
  return squash(body.slice(0, 400)).startsWith(opening) ? undefined : summary;
}
