import { htmlToText } from '../feed/text';
import type { Article } from '../feed/types';
import type { SearchDoc } from './search-index';

/** The plain text of an article that search indexes and snippets quote. */
export function bodyText(article: Article): string {
  return article.contentText ?? htmlToText(article.contentHtml ?? '');
}

export function toSearchDoc(article: Article): SearchDoc {
  return {
    id: article.id,
    title: article.title,
    summary: article.summary ?? '',
    text: bodyText(article),
    tags: article.tags,
    published: article.published,
  };
}
