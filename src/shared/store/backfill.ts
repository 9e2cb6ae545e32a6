import { hasInlineBody, splitRecord } from './body';
import { isComplete, lacksUrlKey, toRecord, urlKeyOf, type MaybeLegacyRecord } from './derived';
import type { BaoDb } from './open';
import { breather } from './pace';

/**
 * Records rewritten per transaction, and a cap on the bodies they move: short
 * enough that a read waiting behind one is not noticed.
 */
const BATCH = 50;
const BATCH_BYTES = 2_000_000;

const bodySize = (record: MaybeLegacyRecord) => (record.contentHtml?.length ?? 0) + (record.contentText?.length ?? 0);

/**
 * Brings records stored by older versions to today's shape, in short
 * transactions, resuming where it stopped (the upgrade leaves
 * `derivedBackfill` in meta; it is removed when done): what version 3 derives
 * (excerpt, word count, related-index keys) is added, since version 5 the
 * body moves to `bodies`, so the list stops reading it, and since version 7
 * the url key is added (ids.ts finds stories by it). Until a record is
 * reached, readers complete it on the fly (its url key is only looked up by
 * a refresh, which runs this first). Returns how many were rewritten.
 */
export async function backfillDerived(db: BaoDb): Promise<number> {
  let rewritten = 0;
  for (;;) {
    const tx = db.transaction(['articles', 'bodies', 'meta'], 'readwrite');
    const meta = tx.objectStore('meta');
    const progress = (await meta.get('derivedBackfill')) as { after?: string } | undefined;
    if (!progress) {
      await tx.done;
      return rewritten;
    }
    const range = progress.after === undefined ? null : IDBKeyRange.lowerBound(progress.after, true);
    let cursor = await tx.objectStore('articles').openCursor(range);
    let last: string | undefined;
    let bytes = 0;
    for (let seen = 0; cursor && seen < BATCH && bytes < BATCH_BYTES; seen++) {
      const record: MaybeLegacyRecord = cursor.value;
      if (!isComplete(record) || hasInlineBody(record) || lacksUrlKey(record)) {
        bytes += bodySize(record);
        const whole = isComplete(record) ? { ...record, ...urlKeyOf(record.url) } : toRecord(record, record.fetchedAt);
        const { card, body } = splitRecord(whole);
        // A card's body is in `bodies` already: only a body the record carried moves there.
        await Promise.all([cursor.update(card), hasInlineBody(whole) ? tx.objectStore('bodies').put(body) : undefined]);
        rewritten++;
      }
      last = cursor.key;
      cursor = await cursor.continue();
    }
    if (cursor && last !== undefined) await meta.put({ after: last }, 'derivedBackfill');
    else await meta.delete('derivedBackfill');
    await tx.done;
    await breather();
  }
}
