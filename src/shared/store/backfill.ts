import { hasInlineBody, splitRecord } from './body';
import { isComplete, toRecord, type MaybeLegacyRecord } from './derived';
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
 * (excerpt, word count, related-index keys) is added, and since version 5 the
 * body moves to `bodies`, so the list stops reading it. Until a record is
 * reached, readers complete it on the fly. Returns how many were rewritten.
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
      if (!isComplete(record) || hasInlineBody(record)) {
        bytes += bodySize(record);
        const { card, body } = splitRecord(isComplete(record) ? record : toRecord(record, record.fetchedAt));
        await Promise.all([cursor.update(card), tx.objectStore('bodies').put(body)]);
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
