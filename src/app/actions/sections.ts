import type { PageCursor } from '../../shared/store/articles';
import { cardOf } from '../../shared/store/body';
import { completeRecord } from '../../shared/store/derived';
import type { ArticleCard } from '../../shared/store/schema';
import type { Facts } from '../../shared/store/counts';
import { db } from './db';

export interface Section {
  tag: string;
  count: number;
}

/** Every key of one tag in the `by-topic` index ([tag, published, id]). */
const wholeTag = (tag: string) => IDBKeyRange.bound([tag], [tag, []]);

/** The counts by topic (loaded apart: the first page needs neither) and the database. */
const counting = () => Promise.all([import('../../shared/store/topic-counts'), db()]);

/**
 * The tags most articles carry, most first. Not needed for the first paint
 * (the list's cards do not wait for it), so its walk is loaded apart.
 */
export async function topSections(limit: number): Promise<Section[]> {
  const [{ topicCounts }, database] = await counting();
  return [...(await topicCounts(database))]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag, 'vi'))
    .slice(0, limit);
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
export async function sectionFacts(tag: string): Promise<Facts> {
  const [{ topicFacts }, database] = await counting();
  return topicFacts(database, tag);
}
