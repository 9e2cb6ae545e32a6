import type { IDBPTransaction, StoreNames } from 'idb';
import { joinRecord, splitRecord } from './body';
import { writeMakingRoom } from './evict';
import { isStorageFull, storageFullError } from './storage-full';
import type { BaoDb } from './open';
import type { ArticleBody, BaoSchema, ReaderState, StoredArticle } from './schema';

export async function getReaderState(db: BaoDb, id: string): Promise<ReaderState> {
  return (await db.get('reader', id)) ?? { id };
}

/** The saved copy whole: its card from the reader state, its body from `savedBodies`. */
const wholeCopy = (state: ReaderState, body: ArticleBody | undefined): StoredArticle | undefined =>
  state.savedCopy && (joinRecord(state.savedCopy, body) as StoredArticle);

/** An article's reader state with its saved copy whole (if any), read together. */
export async function getReaderStateWithCopy(db: BaoDb, id: string): Promise<{ state: ReaderState; copy?: StoredArticle }> {
  const tx = db.transaction(['reader', 'savedBodies']);
  const [state = { id }, body] = await Promise.all([tx.objectStore('reader').get(id), tx.objectStore('savedBodies').get(id)]);
  return { state, copy: wholeCopy(state, body) };
}

/** What a change writes: the new state, and the saved copy's body if it changes (null: it goes). */
interface ReaderChange {
  state: ReaderState;
  body?: ArticleBody | null;
}

/** A read-write transaction over the reader's two stores: its own, or one that also makes room. */
type ReaderTx<Others extends StoreNames<BaoSchema>> = IDBPTransaction<BaoSchema, (Others | 'reader' | 'savedBodies')[], 'readwrite'>;

async function applyChange<Others extends StoreNames<BaoSchema>>(tx: ReaderTx<Others>, id: string, change: (state: ReaderState) => ReaderChange): Promise<ReaderState> {
  const reader = tx.objectStore('reader');
  const { state, body } = change((await reader.get(id)) ?? { id });
  const bodies = tx.objectStore('savedBodies');
  await Promise.all([reader.put(state), body === null ? bodies.delete(id) : body && bodies.put(body)]);
  return state;
}

/** Applies a change to one article's reader state (and its saved copy's body) atomically. */
async function updateReaderState(db: BaoDb, id: string, change: (state: ReaderState) => ReaderChange): Promise<ReaderState> {
  const tx = db.transaction(['reader', 'savedBodies'], 'readwrite');
  try {
    const [next] = await Promise.all([applyChange(tx, id, change), tx.done]);
    return next;
  } catch (error) {
    tx.done.catch(() => undefined);
    throw isStorageFull(error, tx) ? storageFullError(error) : error;
  }
}

export const markRead = (db: BaoDb, id: string, now: number) =>
  updateReaderState(db, id, (s) => ({ state: s.readAt ? s : { ...s, readAt: now } }));

/** «Đánh dấu chưa đọc»: the article shows as new again in the list. */
export const markUnread = (db: BaoDb, id: string) =>
  updateReaderState(db, id, (s) => {
    const state = { ...s };
    delete state.readAt;
    return { state };
  });

/**
 * A save must not fail on a full disk while unsaved articles could make room
 * for it: then the room is made in the same transaction as the save.
 */
async function updateMakingRoom(db: BaoDb, id: string, change: (state: ReaderState) => ReaderChange): Promise<ReaderState> {
  try {
    return await updateReaderState(db, id, change);
  } catch (error) {
    if (!isStorageFull(error)) throw error;
    let next: ReaderState = { id };
    await writeMakingRoom(db, new Set([id]), 1, error, async (tx) => {
      next = await applyChange(tx, id, change);
      return [];
    });
    return next;
  }
}

/** The state keeping `copy` as the saved version: its card in the state, its body apart. */
function keeping(state: ReaderState, copy: StoredArticle): ReaderChange {
  const { card, body } = splitRecord(copy);
  return { state: { ...state, savedCopy: card }, body };
}

/**
 * Saving keeps `copy`, the version the reader saw, unless one is kept already.
 */
export const setSaved = (db: BaoDb, id: string, saved: boolean, now: number, copy?: StoredArticle) =>
  updateMakingRoom(db, id, (s) => {
    if (!saved) {
      const state = { ...s };
      delete state.savedAt;
      delete state.savedCopy;
      return { state, body: null };
    }
    const state = { ...s, savedAt: s.savedAt ?? now };
    return s.savedCopy || !copy ? { state } : keeping(state, copy);
  });

/** The reader chose to keep a newer version of an article they saved. */
export const replaceSavedCopy = (db: BaoDb, id: string, copy: StoredArticle) =>
  updateMakingRoom(db, id, (s) => (s.savedAt ? keeping(s, copy) : { state: s }));

/** The saved articles' states, most recently saved first; their copies without bodies. */
export async function savedStates(db: BaoDb): Promise<ReaderState[]> {
  return (await db.getAllFromIndex('reader', 'by-saved')).reverse();
}

/** Every saved copy whole, for the pictures they need (not for a screen: this reads every saved body). */
export async function savedCopies(db: BaoDb): Promise<{ state: ReaderState; copy?: StoredArticle }[]> {
  const tx = db.transaction(['reader', 'savedBodies']);
  const states = await tx.objectStore('reader').index('by-saved').getAll();
  const bodies = await Promise.all(states.map((s) => tx.objectStore('savedBodies').get(s.id)));
  return states.map((state, i) => ({ state, copy: wholeCopy(state, bodies[i]) }));
}
