import type { IDBPTransaction } from 'idb';
import { joinRecord } from './body';
import { announceArticlesChanged } from './changes';
import { DEFAULT_KEEP_MONTHS, expiredIds, keepCutoff, quotaVictims, type AgedArticle } from './eviction';
import { deleteCachedImages, imageUrlsOf } from './images';
import { getMeta } from './meta';
import type { BaoDb } from './open';
import { recordChange } from './revision';
import type { BaoSchema } from './schema';
import { foldOverlay } from './staging';
import { isStorageFull, storageFullError } from './storage-full';

/** The stores a write making room may touch: the articles it deletes, and a save (its copy's body apart). */
export type EvictTx = IDBPTransaction<BaoSchema, ('articles' | 'bodies' | 'reader' | 'savedBodies' | 'meta')[], 'readwrite'>;

async function savedIds(db: BaoDb): Promise<Set<string>> {
  return new Set(await db.getAllKeysFromIndex('reader', 'by-saved'));
}

interface Deletion {
  deleted: string[];
  pictures: string[];
}

/**
 * Inside `tx`: deletes these articles and their read marks, never a saved one
 * (checked here, in case the reader saved it a moment ago).
 */
async function deleteInTx(tx: EvictTx, ids: readonly string[]): Promise<Deletion> {
  const articles = tx.objectStore('articles');
  const bodies = tx.objectStore('bodies');
  const reader = tx.objectStore('reader');
  const result: Deletion = { deleted: [], pictures: [] };
  for (const id of ids) {
    const [card, body, state] = await Promise.all([articles.get(id), bodies.get(id), reader.get(id)]);
    if (!card || state?.savedAt !== undefined) continue;
    // The body holds the article's own pictures.
    result.pictures.push(...imageUrlsOf(joinRecord(card, body)));
    result.deleted.push(id);
    // Failures surface once, through tx.done; the requests' own rejections are expected then.
    articles.delete(id).catch(() => undefined);
    bodies.delete(id).catch(() => undefined);
    // A read mark for an article that is gone would only take space.
    if (state) reader.delete(id).catch(() => undefined);
  }
  return result;
}

/**
 * One transaction that deletes `victims` and runs `write` (which returns the
 * ids it changed): both land, or on any failure neither does. Then the change
 * is announced and the deleted articles' pictures dropped.
 */
async function deleteAndWrite(
  db: BaoDb,
  victims: readonly string[],
  write: (tx: EvictTx) => Promise<string[]>,
): Promise<{ changed: string[]; removed: string[] }> {
  // Staged records of a refresh would otherwise bring a deleted article back.
  await foldOverlay(db);
  const tx = db.transaction(['articles', 'bodies', 'reader', 'savedBodies', 'meta'], 'readwrite');
  let deletion: Deletion;
  let changed: string[];
  try {
    deletion = await deleteInTx(tx, victims);
    changed = await write(tx);
    const touched = [...changed, ...deletion.deleted];
    if (touched.length > 0) recordChange(tx.objectStore('meta'), touched).catch(() => undefined);
    await tx.done;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failure itself.
    }
    tx.done.catch(() => undefined);
    throw isStorageFull(error, tx) ? storageFullError(error) : error;
  }
  announceArticlesChanged({ changed, removed: deletion.deleted });
  await deleteCachedImages(deletion.pictures);
  return { changed, removed: deletion.deleted };
}

/** Deletes these articles (never a saved one) and then their cached pictures. Returns the ids actually deleted. */
export async function deleteArticles(db: BaoDb, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await deleteAndWrite(db, ids, async () => [])).removed;
}

/**
 * After a write failed for want of space: runs it again in one transaction
 * with the deletion of the oldest unsaved articles (never `protect`; a
 * quarter of them, at least `atLeast`), so room is made only if the write
 * then fits. If it still does not, the store is left exactly as it was and
 * the storage-full error is thrown: a failing refresh can never erode the
 * store. Reads only keys to choose, since memory is short when disk is.
 */
export async function writeMakingRoom(
  db: BaoDb,
  protect: ReadonlySet<string>,
  atLeast: number,
  cause: unknown,
  write: (tx: EvictTx) => Promise<string[]>,
): Promise<{ changed: string[]; removed: string[] }> {
  await foldOverlay(db);
  const [oldestFirst, saved] = await Promise.all([db.getAllKeysFromIndex('articles', 'by-published'), savedIds(db)]);
  const victims = quotaVictims(oldestFirst, saved, protect, atLeast);
  if (victims.length === 0) throw storageFullError(cause);
  return deleteAndWrite(db, victims, write);
}

const EXPIRY_CHUNK = 500;

/** Applies the reader's «keep N months» setting. */
export async function evictExpired(db: BaoDb, now: number): Promise<string[]> {
  const months = (await getMeta(db, 'keepMonths')) ?? DEFAULT_KEEP_MONTHS;
  const cutoff = keepCutoff(now, months);
  if (cutoff === undefined) return [];
  await foldOverlay(db);
  // Only articles published before the cutoff can have expired, so only they are read, a chunk per
  // transaction so that no read waits long behind this one.
  const old: AgedArticle[] = [];
  let lower: [number, string] | undefined;
  for (;;) {
    const range = lower ? IDBKeyRange.bound(lower, [cutoff], true, true) : IDBKeyRange.upperBound([cutoff], true);
    const rows = await db.getAllFromIndex('articles', 'by-published', range, EXPIRY_CHUNK);
    for (const { id, published, fetchedAt } of rows) old.push({ id, published, fetchedAt });
    const last = rows[rows.length - 1];
    if (!last || rows.length < EXPIRY_CHUNK) break;
    lower = [last.published, last.id];
  }
  return deleteArticles(db, expiredIds(old, await savedIds(db), cutoff));
}
