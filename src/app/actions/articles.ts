import { countArticles, getArticle, listArticles, type PageCursor } from '../../shared/store/articles';
import { getReaderState, markRead } from '../../shared/store/reader';
import { relatedArticles } from '../../shared/store/related';
import type { ReaderState, StoredArticle } from '../../shared/store/schema';
import { db } from './db';

/** One page of the list, newest first, continuing after `after` when given. */
export async function listArticlesPage(limit: number, after?: PageCursor): Promise<StoredArticle[]> {
  return listArticles(await db(), limit, after);
}

export interface OpenedArticle {
  article: StoredArticle | undefined;
  state: ReaderState;
  related: StoredArticle[];
}

/** Opens an article with its reader state and «Các tin khác». */
export async function openArticle(id: string, relatedCount: number): Promise<OpenedArticle> {
  const database = await db();
  const [article, state] = await Promise.all([getArticle(database, id), getReaderState(database, id)]);
  // Marked before it shows, so a quick Back already finds it read in the list.
  if (article) await markRead(database, id, Date.now());
  return { article, state, related: article ? await relatedArticles(database, article, relatedCount) : [] };
}

export async function articleCount(): Promise<number> {
  return countArticles(await db());
}
