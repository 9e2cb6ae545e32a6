import { bodyText } from '../feed/derive';
import type { Article } from '../feed/types';
import type { SearchDoc } from './search-index';

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
