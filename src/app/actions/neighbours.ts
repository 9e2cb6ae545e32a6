import type { StoredArticle } from '../../shared/store/schema';
import { neighboursIn, readingOrder } from '../state/reading-order';
import { db } from './db';

export interface Neighbours {
  previous?: Pick<StoredArticle, 'id' | 'title'>;
  next?: Pick<StoredArticle, 'id' | 'title'>;
  /** The list they come from, to say so and to go back to it. */
  from: string;
}

/**
 * The articles before and after this one in the list it was opened from; an
 * article opened by its link follows the news, newest first.
 */
export async function neighboursOf(article: Pick<StoredArticle, 'id' | 'published'>): Promise<Neighbours> {
  const order = readingOrder();
  const inOrder = neighboursIn(order, article.id);
  const tx = (await db()).transaction('articles');
  const title = async (id: string | undefined) => {
    const record = id === undefined ? undefined : await tx.store.get(id);
    return record && { id: record.id, title: record.title };
  };
  if (order && inOrder) {
    const [previous, next] = await Promise.all([title(inOrder.previous), title(inOrder.next)]);
    return { previous, next, from: order.from };
  }
  // Newest first: the previous one is newer, the next one older.
  const index = tx.store.index('by-published');
  const key: [number, string] = [article.published, article.id];
  const [newer, older] = await Promise.all([
    index.openKeyCursor(IDBKeyRange.lowerBound(key, true), 'next'),
    index.openKeyCursor(IDBKeyRange.upperBound(key, true), 'prev'),
  ]);
  const [previous, next] = await Promise.all([title(newer?.primaryKey), title(older?.primaryKey)]);
  return { previous, next, from: '/' };
}
