import { isComplete, toRecord, type MaybeLegacyRecord } from './derived';
import type { BaoDb } from './open';
import { breather } from './pace';

/** Records completed per transaction: short enough that a read waiting behind one is not noticed. */
const BATCH = 50;


/**
 * Adds what version 3 derives (excerpt, word count, related-index keys) to
 * records stored before it, in short transactions, resuming where it stopped
 * (the upgrade leaves `derivedBackfill` in meta; it is removed when done).
 * Until a record is reached, readers complete it on the fly.
 */
export async function backfillDerived(db: BaoDb): Promise<number> {
  let completed = 0;
  for (;;) {
    const tx = db.transaction(['articles', 'meta'], 'readwrite');
    const meta = tx.objectStore('meta');
    const progress = (await meta.get('derivedBackfill')) as { after?: string } | undefined;
    if (!progress) {
      await tx.done;
      return completed;
    }
    const range = progress.after === undefined ? null : IDBKeyRange.lowerBound(progress.after, true);
    let cursor = await tx.objectStore('articles').openCursor(range);
    let last: string | undefined;
    for (let seen = 0; cursor && seen < BATCH; seen++) {
      const record: MaybeLegacyRecord = cursor.value;
      if (!isComplete(record)) {
        await cursor.update(toRecord(record, record.fetchedAt));
        completed++;
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
