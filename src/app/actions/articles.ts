import { countArticles, listArticles, type PageCursor } from '../../shared/store/articles';
import type { ArticleCard } from '../../shared/store/schema';
import { db } from './db';

/** One page of the list, newest first, continuing after `after` when given. */
export async function listArticlesPage(limit: number, after?: PageCursor): Promise<ArticleCard[]> {
  return listArticles(await db(), limit, after);
}

export async function articleCount(): Promise<number> {
  return countArticles(await db());
}
