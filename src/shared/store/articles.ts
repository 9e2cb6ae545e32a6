import type { IDBPTransaction } from 'idb';
import type { Article } from '../feed/types';
import { backfillDerived } from './backfill';
import { announceArticlesChanged } from './changes';
import { completeRecord } from './derived';
import { writeMakingRoom, type EvictTx } from './evict';
import { tallyMerge, type MergeTally } from './merge';
import type { BaoDb } from './open';
import type { BaoSchema, Overlay, StoredArticle } from './schema';
import { commitGeneration, discardStaged, foldOverlay, nextGeneration, stageItems, unstaged } from './staging';
import { isStorageFull } from './storage-full';

export type MergeResult = MergeTally;

/**
 * Writes a validated feed into the store: either every new and changed
 * article becomes visible or, if anything fails (a crash included), none
 * does, and reads never wait behind it for more than one short transaction
 * (see staging.ts). Articles the feed no longer lists are left alone: the
 * reader keeps everything once downloaded. When the disk is full, room is
 * made only in the same transaction as the write that needs it.
 */
export async function mergeArticles(db: BaoDb, items: readonly Article[], now: number): Promise<MergeResult> {
  // What an earlier refresh left: its committed generation is folded in, an uncommitted one dropped.
  await foldOverlay(db);
  await discardStaged(db);
  // Records from before version 3 are completed first, off the page, whenever a refresh runs.
  await backfillDerived(db);
  const gen = await nextGeneration(db);
  let result: MergeResult;
  try {
    result = await stageItems(db, gen, items, now);
    if (result.changedIds.length > 0) await commitGeneration(db, gen, result);
  } catch (error) {
    await discardStaged(db).catch(() => undefined);
    if (!isStorageFull(error)) throw error;
    return mergeMakingRoom(db, items, now, error);
  }
  announceArticlesChanged({ changed: result.changedIds, removed: [] });
  // Already visible: if folding stops here (full disk, worker stopped), the next refresh finishes it.
  await foldOverlay(db).catch(() => undefined);
  return result;
}

/** The full-disk path: the whole merge in one transaction with the eviction that makes room for it. */
async function mergeMakingRoom(db: BaoDb, items: readonly Article[], now: number, cause: unknown): Promise<MergeResult> {
  const incoming = new Set(items.map((item) => item.id));
  const result: MergeResult = { added: 0, updated: 0, changedIds: [] };
  await writeMakingRoom(db, incoming, incoming.size, cause, async (tx: EvictTx) => {
    const store = tx.objectStore('articles');
    const existing = await Promise.all(items.map((item) => store.get(item.id)));
    items.forEach((item, i) => {
      const record = tallyMerge(result, existing[i], item, now);
      if (record) store.put(record).catch(() => undefined);
    });
    return result.changedIds;
  });
  return result;
}

export type ReadTx = IDBPTransaction<BaoSchema, ('articles' | 'staging' | 'meta')[], 'readonly'>;

/** Reads see `articles` with a committed refresh's staged records laid over it: always one whole feed. */
export function readTx(db: BaoDb): ReadTx {
  return db.transaction(['articles', 'staging', 'meta']);
}

function overlayOf(tx: ReadTx): Promise<Overlay | undefined> {
  return tx.objectStore('meta').get('overlay') as Promise<Overlay | undefined>;
}

async function readOne(tx: ReadTx, overlay: Overlay | undefined, id: string): Promise<StoredArticle | undefined> {
  const staged = overlay && (await tx.objectStore('staging').get([overlay.gen, id]));
  const record = staged ? unstaged(staged) : await tx.objectStore('articles').get(id);
  return record && completeRecord(record);
}

export async function getArticle(db: BaoDb, id: string): Promise<StoredArticle | undefined> {
  const tx = readTx(db);
  return readOne(tx, await overlayOf(tx), id);
}

/** Several articles by id within a read transaction; missing ones are left out. */
export async function readMany(tx: ReadTx, ids: readonly string[]): Promise<StoredArticle[]> {
  const overlay = await overlayOf(tx);
  const records = await Promise.all(ids.map((id) => readOne(tx, overlay, id)));
  return records.filter((record) => record !== undefined);
}

export async function countArticles(db: BaoDb): Promise<number> {
  const tx = readTx(db);
  const [overlay, stored] = await Promise.all([overlayOf(tx), tx.objectStore('articles').count()]);
  return stored + (overlay?.added ?? 0);
}

/** Where the next page of the list starts: the last row already shown. */
export type PageCursor = [published: number, id: string];

const newerFirst = (a: PageCursor, b: PageCursor) => b[0] - a[0] || (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0);

/** One page of articles, newest first. */
export async function listArticles(db: BaoDb, limit: number, after?: PageCursor): Promise<StoredArticle[]> {
  const tx = readTx(db);
  const overlay = await overlayOf(tx);
  const rows: StoredArticle[] = [];
  let stored = await tx.objectStore('articles').index('by-published').openCursor(after ? IDBKeyRange.upperBound(after, true) : null, 'prev');
  // While a refresh's records overlay the store, both lists are walked together, newest first.
  let staged = overlay
    ? await tx
        .objectStore('staging')
        .index('by-published')
        .openCursor(IDBKeyRange.bound([overlay.gen], after ? [overlay.gen, ...after] : [overlay.gen, []], false, Boolean(after)), 'prev')
    : null;
  while (rows.length < limit && (stored || staged)) {
    const takeStaged = staged && (!stored || newerFirst([staged.value.published, staged.value.id], [stored.value.published, stored.value.id]) <= 0);
    if (takeStaged && staged) {
      rows.push(completeRecord(unstaged(staged.value)));
      staged = await staged.continue();
    } else if (stored) {
      // An article with a newer staged version shows as that version, in its place.
      const replaced = overlay && (await tx.objectStore('staging').getKey([overlay.gen, stored.value.id]));
      if (!replaced) rows.push(completeRecord(stored.value));
      stored = await stored.continue();
    }
  }
  return rows;
}

/** Ids of every article; cheap because only keys are read. */
export async function knownIds(db: BaoDb): Promise<Set<string>> {
  const tx = readTx(db);
  const [overlay, ids] = await Promise.all([overlayOf(tx), tx.objectStore('articles').getAllKeys()]);
  const known = new Set(ids);
  if (overlay) {
    for (const [, id] of await tx.objectStore('staging').getAllKeys(IDBKeyRange.bound([overlay.gen], [overlay.gen, []]))) known.add(id);
  }
  return known;
}

/** Records per transaction when reading every article: no read holds the store long enough to queue a refresh behind it. */
const READ_ALL_CHUNK = 500;

/**
 * Every article (the search worker's full rebuild), read in short
 * transactions, with the revision they make up at least: it is read first,
 * so a change landing meanwhile is caught up again from the backlog later.
 * Staged records are read before `articles`, so one folded in meanwhile is
 * found in `articles` and none is missed; a staged version wins over the one
 * it replaces.
 */
export async function allArticles(db: BaoDb): Promise<{ articles: StoredArticle[]; revision: number }> {
  const first = readTx(db);
  const [overlay, revision] = await Promise.all([overlayOf(first), first.objectStore('meta').get('articlesRevision') as Promise<number | undefined>]);
  const byId = new Map<string, StoredArticle>();
  if (overlay) {
    let lower: IDBKeyRange = IDBKeyRange.bound([overlay.gen], [overlay.gen, []]);
    for (;;) {
      const rows = await db.getAll('staging', lower, READ_ALL_CHUNK);
      for (const row of rows) byId.set(row.id, completeRecord(unstaged(row)));
      const last = rows[rows.length - 1];
      if (!last || rows.length < READ_ALL_CHUNK) break;
      lower = IDBKeyRange.bound([overlay.gen, last.id], [overlay.gen, []], true);
    }
  }
  let after: string | undefined;
  for (;;) {
    const rows = await db.getAll('articles', after === undefined ? null : IDBKeyRange.lowerBound(after, true), READ_ALL_CHUNK);
    for (const row of rows) if (!byId.has(row.id)) byId.set(row.id, completeRecord(row));
    after = rows[rows.length - 1]?.id;
    if (after === undefined || rows.length < READ_ALL_CHUNK) break;
  }
  return { articles: [...byId.values()], revision: revision ?? 0 };
}
