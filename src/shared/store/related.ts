import type { Article } from '../feed/types';
import { readMany, readTx } from './articles';
import type { BaoDb } from './open';
import type { ArticleCard } from './schema';

interface Candidate {
  id: string;
  published: number;
}

const newestFirst = (a: Candidate, b: Candidate) => b.published - a.published || (a.id < b.id ? 1 : -1);

/**
 * «Các tin khác»: the newest articles sharing a tag with this one, then the
 * latest of the rest. Reads only index keys to choose, then just the chosen
 * cards (no body), so its cost does not grow with the store or with article size.
 */
export async function relatedArticles(db: BaoDb, article: Pick<Article, 'id' | 'tags'>, count: number): Promise<ArticleCard[]> {
  // One transaction for the choice and the reads: a screen's every step may wait behind a refresh's write.
  const tx = readTx(db);
  const articles = tx.objectStore('articles');
  const sameTopic = new Map<string, Candidate>();
  for (const tag of new Set(article.tags)) {
    let cursor = await articles.index('by-topic').openKeyCursor(IDBKeyRange.bound([tag], [tag, []]), 'prev');
    // count + 1: this article itself may be among a tag's newest.
    for (let taken = 0; cursor && taken <= count; taken++) {
      const [, published, id] = cursor.key;
      if (id !== article.id) sameTopic.set(id, { id, published });
      cursor = await cursor.continue();
    }
  }
  const chosen = [...sameTopic.values()].sort(newestFirst).slice(0, count).map((c) => c.id);
  let latest = await articles.index('by-published').openKeyCursor(null, 'prev');
  while (latest && chosen.length < count) {
    const id = latest.primaryKey;
    if (id !== article.id && !sameTopic.has(id)) chosen.push(id);
    latest = await latest.continue();
  }
  // A refresh's newer versions (see staging.ts) are the ones shown.
  return readMany(tx, chosen);
}
