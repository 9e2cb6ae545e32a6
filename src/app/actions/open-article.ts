import { getArticle } from '../../shared/store/articles';
import { getReaderStateWithCopy, markRead } from '../../shared/store/reader';
import { relatedArticles } from '../../shared/store/related';
import type { ArticleCard, ReaderState, StoredArticle } from '../../shared/store/schema';
import { isNewerVersion } from '../format/article-version';
import { db } from './db';

// Apart from the list's actions (articles.ts), so that it loads with the article screen, not the first one.

export interface OpenedArticle {
  /** The version to show: the one the reader saved, else the stored one. */
  article: StoredArticle | undefined;
  /** A saved article that a refresh has changed since: the newer version, offered but not forced. */
  newer: StoredArticle | undefined;
  state: ReaderState;
  related: ArticleCard[];
}

/**
 * Opens an article with its reader state and «Các tin khác». `id` may be a
 * feed's new id for a story stored under its first one (shared/store/ids.ts):
 * the story's read mark, save and saved copy are under the stored id.
 */
export async function openArticle(id: string, relatedCount: number): Promise<OpenedArticle> {
  const database = await db();
  const [stored, asked] = await Promise.all([getArticle(database, id), getReaderStateWithCopy(database, id)]);
  // Read again only for such an id: an article's own id costs no second read.
  const storedId = stored?.id ?? id;
  const { state, copy } = storedId === id ? asked : await getReaderStateWithCopy(database, storedId);
  const saved = state.savedAt ? copy : undefined;
  const article = saved ?? stored;
  const newer = saved && stored && isNewerVersion(saved, stored) ? stored : undefined;
  if (!article) return { article, newer, state, related: [] };
  // Marked before it shows, so a quick Back already finds it read in the list; «Các tin khác» is read
  // meanwhile, so that a refresh's write makes the screen wait once, not twice.
  // The mark is a write: on a full disk it fails, and the article must open all the same.
  const marked = markRead(database, storedId, Date.now()).catch(() => undefined);
  const [related] = await Promise.all([relatedArticles(database, article, relatedCount), marked]);
  return { article, newer, state, related };
}
