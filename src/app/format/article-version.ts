import type { Article } from '../../shared/feed/types';

/** What the reader reads of an article; a change to any of it is a new version. */
const readable = (a: Article) => [a.title, a.summary, a.contentHtml, a.contentText, a.image, a.bannerImage];

/** The stored article says something other than the copy the reader saved. */
export function isNewerVersion(saved: Article, stored: Article): boolean {
  return JSON.stringify(readable(saved)) !== JSON.stringify(readable(stored));
}
