import { recordChange } from './articles';
import { announceArticlesChanged } from './changes';
import { DEFAULT_KEEP_MONTHS, expiredIds, keepCutoff, quotaVictims } from './eviction';
import { deleteCachedImages, imageUrlsOf } from './images';
import { getMeta } from './meta';
import type { BaoDb } from './open';

/** The error a write gets when the origin's storage is full, whatever the browser calls it. */
export function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error) && !(typeof DOMException !== 'undefined' && error instanceof DOMException)) return false;
  const name = (error as { name?: string }).name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/**
 * Runs a write; if it fails for want of space, evicts the oldest unsaved
 * articles (never `protect`) and their pictures, and tries once more.
 */
export async function withRoomToWrite<T>(
  db: BaoDb,
  protect: ReadonlySet<string>,
  atLeast: number,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    const evicted = await evictForQuota(db, protect, atLeast);
    if (evicted.length === 0) throw error;
    return write();
  }
}

async function savedIds(db: BaoDb): Promise<Set<string>> {
  const states = await db.getAll('reader');
  return new Set(states.filter((s) => s.savedAt !== undefined).map((s) => s.id));
}

/**
 * Deletes these articles (never a saved one: checked again inside the
 * transaction, in case the reader saved it a moment ago) and then their cached
 * pictures. Returns the ids actually deleted.
 */
export async function deleteArticles(db: BaoDb, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const tx = db.transaction(['articles', 'reader', 'meta'], 'readwrite');
  const articles = tx.objectStore('articles');
  const reader = tx.objectStore('reader');
  const deleted: string[] = [];
  const pictures: string[] = [];
  for (const id of ids) {
    const [article, state] = await Promise.all([articles.get(id), reader.get(id)]);
    if (!article || state?.savedAt !== undefined) continue;
    pictures.push(...imageUrlsOf(article));
    deleted.push(id);
    // Failures surface once, through tx.done; the requests' own rejections are expected then.
    articles.delete(id).catch(() => undefined);
    // A read mark for an article that is gone would only take space.
    if (state) reader.delete(id).catch(() => undefined);
  }
  if (deleted.length > 0) recordChange(tx.objectStore('meta'), deleted).catch(() => undefined);
  await tx.done;
  announceArticlesChanged({ changed: [], removed: deleted });
  await deleteCachedImages(pictures);
  return deleted;
}

/**
 * Makes room after a write failed for quota: oldest unsaved articles, never
 * those in `protect`. Reads only keys, since memory is short when disk is.
 */
async function evictForQuota(db: BaoDb, protect: ReadonlySet<string>, atLeast: number): Promise<string[]> {
  const [oldestFirst, saved] = await Promise.all([db.getAllKeysFromIndex('articles', 'by-published'), savedIds(db)]);
  return deleteArticles(db, quotaVictims(oldestFirst, saved, protect, atLeast));
}

/** Applies the reader's «keep N months» setting. */
export async function evictExpired(db: BaoDb, now: number): Promise<string[]> {
  const months = (await getMeta(db, 'keepMonths')) ?? DEFAULT_KEEP_MONTHS;
  const cutoff = keepCutoff(now, months);
  if (cutoff === undefined) return [];
  // Only articles published before the cutoff can have expired, so only they are read.
  const [old, saved] = await Promise.all([
    db.getAllFromIndex('articles', 'by-published', IDBKeyRange.upperBound([cutoff], true)),
    savedIds(db),
  ]);
  return deleteArticles(db, expiredIds(old, saved, cutoff));
}
