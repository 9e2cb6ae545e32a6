/**
 * Bundled by bench-search-browser.ts and loaded into a page of the app's
 * origin: stores articles through the store's own merge, as a refresh does,
 * without downloading and parsing a feed of hundreds of megabytes.
 */
import type { Article } from '../src/shared/feed/types';
import { mergeArticles } from '../src/shared/store/articles';
import { openStore } from '../src/shared/store/open';

/**
 * Stores `items` as a refresh does; returns how many were new. The merge
 * itself tells the open app (its search worker among others) which changed.
 */
export async function store(items: Article[]): Promise<number> {
  const db = await openStore();
  try {
    return (await mergeArticles(db, items, Date.now())).added;
  } finally {
    db.close();
  }
}

