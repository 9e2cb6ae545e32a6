import { writeMakingRoom } from './evict';
import { isStorageFull, storageFullError } from './storage-full';
import type { BaoDb } from './open';
import type { ReaderState, StoredArticle } from './schema';

export async function getReaderState(db: BaoDb, id: string): Promise<ReaderState> {
  return (await db.get('reader', id)) ?? { id };
}

/** Applies a change to one article's reader state atomically. */
async function updateReaderState(
  db: BaoDb,
  id: string,
  change: (state: ReaderState) => ReaderState,
): Promise<ReaderState> {
  const tx = db.transaction('reader', 'readwrite');
  try {
    const next = change((await tx.store.get(id)) ?? { id });
    await Promise.all([tx.store.put(next), tx.done]);
    return next;
  } catch (error) {
    tx.done.catch(() => undefined);
    throw isStorageFull(error, tx) ? storageFullError(error) : error;
  }
}

export const markRead = (db: BaoDb, id: string, now: number) =>
  updateReaderState(db, id, (s) => (s.readAt ? s : { ...s, readAt: now }));

/** «Đánh dấu chưa đọc»: the article shows as new again in the list. */
export const markUnread = (db: BaoDb, id: string) =>
  updateReaderState(db, id, (s) => {
    const next = { ...s };
    delete next.readAt;
    return next;
  });

/**
 * A save must not fail on a full disk while unsaved articles could make room
 * for it: then the room is made in the same transaction as the save.
 */
async function updateMakingRoom(db: BaoDb, id: string, change: (state: ReaderState) => ReaderState): Promise<ReaderState> {
  try {
    return await updateReaderState(db, id, change);
  } catch (error) {
    if (!isStorageFull(error)) throw error;
    let next: ReaderState = { id };
    await writeMakingRoom(db, new Set([id]), 1, error, async (tx) => {
      const reader = tx.objectStore('reader');
      next = change((await reader.get(id)) ?? { id });
      await reader.put(next);
      return [];
    });
    return next;
  }
}

/**
 * Saving keeps `copy`, the version the reader saw, unless one is kept already.
 */
export const setSaved = (db: BaoDb, id: string, saved: boolean, now: number, copy?: StoredArticle) =>
  updateMakingRoom(db, id, (s) => {
    const next = { ...s };
    if (saved) {
      next.savedAt = s.savedAt ?? now;
      const kept = s.savedCopy ?? copy;
      if (kept) next.savedCopy = kept;
    } else {
      delete next.savedAt;
      delete next.savedCopy;
    }
    return next;
  });

/** The reader chose to keep a newer version of an article they saved. */
export const replaceSavedCopy = (db: BaoDb, id: string, copy: StoredArticle) =>
  updateMakingRoom(db, id, (s) => (s.savedAt ? { ...s, savedCopy: copy } : s));

export function allReaderStates(db: BaoDb): Promise<ReaderState[]> {
  return db.getAll('reader');
}
