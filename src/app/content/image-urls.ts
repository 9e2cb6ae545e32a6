import type { Article } from '../../shared/feed/types';
import { defaultFeedUrl } from '../../shared/config';
import { sanitizeArticleHtml } from './sanitize';

/** Every picture the article page shows: thumbnail, banner and those in the text, as the page requests them. */
export function imageUrlsOf(article: Article): string[] {
  const urls: (string | undefined)[] = [article.image, article.bannerImage];
  if (article.contentHtml) {
    const template = document.createElement('template');
    template.innerHTML = sanitizeArticleHtml(article.contentHtml, article.baseUrl ?? defaultFeedUrl());
    for (const img of template.content.querySelectorAll('img')) urls.push(img.getAttribute('src') ?? '');
  }
  return [...new Set(urls.filter((u): u is string => Boolean(u)))];
}
