import type { Facts } from './counts';
import type { BaoDb } from './open';
import type { Overlay } from './schema';

/**
 * Counts by topic of the feed readers see (see counts.ts): `by-topic` over
 * `articles` plus what the overlay's staged records still change. Loaded
 * apart from the first page: the list's first cards wait for neither.
 */

const wholeTag = (tag: string) => IDBKeyRange.bound([tag], [tag, []]);

/** How many articles readers see under `tag`, and the oldest one's date. */
export async function topicFacts(db: BaoDb, tag: string): Promise<Facts> {
  const tx = db.transaction(['articles', 'meta']);
  const index = tx.objectStore('articles').index('by-topic');
  const [overlay, stored, first] = await Promise.all([
    tx.objectStore('meta').get('overlay') as Promise<Overlay | undefined>,
    index.count(wholeTag(tag)),
    index.openKeyCursor(wholeTag(tag)),
  ]);
  // The oldest stored: an older staged one shows once folded (a date, not a count).
  return { count: stored + (overlay?.topics?.[tag] ?? 0), oldest: first?.key[1] };
}

/** Walks of the index tried before one is taken whatever changed during it. */
const WALK_TRIES = 3;

/**
 * Every tag with its count of articles. Walks the `by-topic` index one tag
 * per transaction (a count, then a jump past the tag), so a refresh's write
 * waits behind one tag's count, never the whole walk. Each count is of the
 * feed visible then; should a refresh make another feed visible during the
 * walk (the articles revision moves), the walk starts again.
 */
export async function topicCounts(db: BaoDb): Promise<Map<string, number>> {
  let counts = new Map<string, number>();
  for (let tries = 0; tries < WALK_TRIES; tries++) {
    counts = new Map();
    let revision: unknown;
    let changed = false;
    // What staged records add to each tag, as last seen: the visible feed is the same throughout (else `changed`).
    const staged = new Map<string, number>();
    for (let after: IDBKeyRange | undefined; ; ) {
      const tx = db.transaction(['articles', 'meta']);
      const index = tx.objectStore('articles').index('by-topic');
      const [cursor, now, overlay] = await Promise.all([
        index.openKeyCursor(after),
        tx.objectStore('meta').get('articlesRevision'),
        tx.objectStore('meta').get('overlay') as Promise<Overlay | undefined>,
      ]);
      changed ||= revision !== undefined && now !== revision;
      revision = now;
      for (const [tag, added] of Object.entries(overlay?.topics ?? {})) staged.set(tag, added);
      if (!cursor) break;
      const tag = cursor.key[0];
      counts.set(tag, (await index.count(wholeTag(tag))) + (overlay?.topics?.[tag] ?? 0));
      // Arrays sort after numbers, so [tag, []] is past every [tag, published, id].
      after = IDBKeyRange.lowerBound([tag, []], true);
    }
    // Tags only the staged records carry so far.
    for (const [tag, added] of staged) if (!counts.has(tag)) counts.set(tag, added);
    if (!changed) break;
  }
  for (const [tag, count] of counts) if (count <= 0) counts.delete(tag);
  return counts;
}
