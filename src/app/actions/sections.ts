import type { PageCursor } from '../../shared/store/articles';
import { cardOf } from '../../shared/store/body';
import { completeRecord } from '../../shared/store/derived';
import type { ArticleCard } from '../../shared/store/schema';
import { db } from './db';

export interface Section {
  tag: string;
  count: number;
}

/** Every key of one tag in the `by-topic` index ([tag, published, id]). */
const wholeTag = (tag: string) => IDBKeyRange.bound([tag], [tag, []]);

/**
 * The tags most articles carry, most first. Walks the `by-topic` index one
 * tag at a time (a count, then a jump past the tag), so it reads keys, never
 * an article, and its cost grows with the number of tags. Each tag is read
 * in a transaction of its own: a refresh's write waits behind one tag's
 * count, never the whole walk (and every read after it behind that write).
 */
export async function topSections(limit: number): Promise<Section[]> {
  const database = await db();
  const sections: Section[] = [];
  for (let after: IDBKeyRange | undefined; ; ) {
    const index = database.transaction('articles').store.index('by-topic');
    const cursor = await index.openKeyCursor(after);
    if (!cursor) break;
    const tag = cursor.key[0];
    sections.push({ tag, count: await index.count(wholeTag(tag)) });
    // Arrays sort after numbers, so [tag, []] is past every [tag, published, id].
    after = IDBKeyRange.lowerBound([tag, []], true);
  }
  return sections.sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag, 'vi')).slice(0, limit);
}

/** One page of a section, newest first, continuing after `after` when given: index keys first, then just those records. */
export async function listSectionPage(tag: string, limit: number, after?: PageCursor): Promise<ArticleCard[]> {
  const tx = (await db()).transaction('articles');
  const range = after ? IDBKeyRange.bound([tag], [tag, ...after], false, true) : wholeTag(tag);
  const ids: string[] = [];
  let cursor = await tx.store.index('by-topic').openKeyCursor(range, 'prev');
  while (cursor && ids.length < limit) {
    ids.push(cursor.primaryKey);
    cursor = await cursor.continue();
  }
  const records = await Promise.all(ids.map((id) => tx.store.get(id)));
  return records.filter((r) => r !== undefined).map((r) => cardOf(completeRecord(r)));
}

/** How many articles a section holds and the date of its oldest. */
export async function sectionFacts(tag: string): Promise<{ count: number; oldest?: number }> {
  const index = (await db()).transaction('articles').store.index('by-topic');
  const [count, first] = await Promise.all([index.count(wholeTag(tag)), index.openKeyCursor(wholeTag(tag))]);
  return { count, oldest: first?.key[1] };
}
