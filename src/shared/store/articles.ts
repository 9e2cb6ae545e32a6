import type { Article } from '../feed/types';
import type { BaoDb } from './open';
import { backfillDerived } from './backfill';
import { completeRecord } from './derived';
import { announceArticlesChanged } from './changes';
import { mergeAction, toStored } from './merge';
import type { IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import type { BaoSchema, SearchBacklog, StoredArticle } from './schema';

export interface MergeResult {
  added: number;
  updated: number;
  /** Ids of the articles that were added or changed, for the search index. */
  changedIds: string[];
}

/**
 * Writes a validated feed into the store in one transaction: either every new
 * and changed article lands or, if anything fails, none does. Articles the feed
 * no longer lists are left alone: the reader keeps everything once downloaded.
 */
export async function mergeArticles(db: BaoDb, items: readonly Article[], now: number): Promise<MergeResult> {
  // Records from before version 3 are completed first, off the page, whenever a refresh runs.
  await backfillDerived(db);
  const tx = db.transaction(['articles', 'meta'], 'readwrite');
  const store = tx.objectStore('articles');
  // Observed below; this keeps an abort from also surfacing as an unhandled rejection.
  tx.done.catch(() => undefined);
  const result: MergeResult = { added: 0, updated: 0, changedIds: [] };
  const writes: Promise<unknown>[] = [];
  try {
    const existing = await Promise.all(items.map((item) => store.get(item.id)));
    items.forEach((item, i) => {
      const before = existing[i];
      const action = mergeAction(before, item);
      if (action === 'same') return;
      if (action === 'add') result.added++;
      else result.updated++;
      result.changedIds.push(item.id);
      writes.push(store.put(toStored(before, item, now)));
    });
    if (writes.length > 0) writes.push(recordChange(tx.objectStore('meta'), result.changedIds));
    await Promise.all([...writes, tx.done]);
  } catch (error) {
    // A put that throws (uncloneable value, full disk) must not let the
    // writes before it commit on their own.
    abortQuietly(tx);
    for (const write of writes) write.catch(() => undefined);
    throw error;
  }
  announceArticlesChanged({ changed: result.changedIds, removed: [] });
  return result;
}

type ArticlesTx = IDBPTransaction<BaoSchema, ('articles' | 'meta')[], 'readwrite'>;
type MetaStore = IDBPObjectStore<BaoSchema, ArrayLike<StoreNames<BaoSchema>>, 'meta', 'readwrite'>;

/** Beyond this many changed ids, rebuilding the search index is as quick as catching up. */
const BACKLOG_LIMIT = 2_000;

/**
 * Call inside the transaction that writes articles, so neither can disagree
 * with them: bumps the articles revision and notes the ids touched, with
 * which the search worker brings an older index snapshot up to date without
 * reading every article.
 */
export async function recordChange(meta: MetaStore, ids: readonly string[]): Promise<void> {
  const [stored, backlog] = await Promise.all([
    meta.get('articlesRevision') as Promise<number | undefined>,
    meta.get('searchBacklog') as Promise<SearchBacklog | undefined>,
  ]);
  const revision = stored ?? 0;
  const touched = [...new Set([...(backlog?.touched ?? []), ...ids])];
  await meta.put(revision + 1, 'articlesRevision');
  if (touched.length > BACKLOG_LIMIT) await meta.delete('searchBacklog');
  else await meta.put({ fromRevision: backlog?.fromRevision ?? revision, touched }, 'searchBacklog');
}

function abortQuietly(tx: ArticlesTx): void {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted.
  }
}

export async function getArticle(db: BaoDb, id: string): Promise<StoredArticle | undefined> {
  const record = await db.get('articles', id);
  return record && completeRecord(record);
}

export function countArticles(db: BaoDb): Promise<number> {
  return db.count('articles');
}

/** Where the next page of the list starts: the last row already shown. */
export type PageCursor = [published: number, id: string];

/** One page of articles, newest first. */
export async function listArticles(
  db: BaoDb,
  limit: number,
  after?: PageCursor,
): Promise<StoredArticle[]> {
  const range = after ? IDBKeyRange.upperBound(after, true) : null;
  const rows: StoredArticle[] = [];
  let cursor = await db.transaction('articles').store.index('by-published').openCursor(range, 'prev');
  while (cursor && rows.length < limit) {
    rows.push(completeRecord(cursor.value));
    cursor = await cursor.continue();
  }
  return rows;
}

/** Ids of every article, newest first; cheap because only keys are read. */
export async function knownIds(db: BaoDb): Promise<Set<string>> {
  return new Set(await db.getAllKeys('articles'));
}
