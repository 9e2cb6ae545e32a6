import type { BaoDb } from './open';
import type { Overlay, TopicChanges, TopicKey } from './schema';

/**
 * Counts of the feed readers see (the list's «Máy đang giữ N bài», a
 * section's count and oldest date, the section row's order): exactly the
 * committed generation, also while a refresh folds it into `articles` a chunk
 * at a time. `articles` alone would count the old feed plus whatever has been
 * folded so far, a number that climbs through the fold; the overlay carries
 * what the staged records still add (see staging.ts), kept right by every
 * fold chunk in the same transaction as the records it moves.
 */

export interface Facts {
  count: number;
  /** Publication date of the oldest article, if any. */
  oldest?: number;
}

type Topical = { topicKeys?: TopicKey[] } | undefined;

/**
 * What replacing `before` (absent for a new article) by `after` changes in
 * each topic's count (its topicKeys, one per tag, as `by-topic` indexes them):
 * `by` 1 when staging it, -1 when a fold moves it into `articles`, which
 * counts it from then on.
 */
export function shiftTopics(changes: TopicChanges, before: Topical, after: Topical, by: 1 | -1): void {
  for (const [record, n] of [
    [after, by],
    [before, -by],
  ] as const) {
    for (const [tag] of record?.topicKeys ?? []) changes[tag] = (changes[tag] ?? 0) + n;
  }
}

/**
 * How many articles readers see, and the oldest stored one's date (an older
 * staged one, from an archive page, shows once folded: a date, not a count).
 */
export async function articleFacts(db: BaoDb): Promise<Facts> {
  const tx = db.transaction(['articles', 'meta']);
  const [overlay, stored, first] = await Promise.all([
    tx.objectStore('meta').get('overlay') as Promise<Overlay | undefined>,
    tx.objectStore('articles').count(),
    tx.objectStore('articles').index('by-published').openKeyCursor(),
  ]);
  return { count: stored + (overlay?.added ?? 0), oldest: first?.key[0] };
}
