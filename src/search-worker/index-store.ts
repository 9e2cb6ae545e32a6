import { toSearchDoc } from '../shared/search/documents';
import { SearchIndex } from '../shared/search/search-index';
import { articleBatches, getArticle } from '../shared/store/articles';
import type { BaoDb } from '../shared/store/open';
import type { SearchBacklog, SearchSnapshot } from '../shared/store/schema';

/** Bump when the engine's snapshot format or indexing changes: old snapshots are then rebuilt. */
const SNAPSHOT_FORMAT = 5;
const SNAPSHOT_KEY = 'articles';

export interface LoadedIndex {
  index: SearchIndex;
  /** The articles revision the index reflects. */
  revision: number;
  /**
   * From the snapshot as saved, from the snapshot plus the articles changed
   * since, from every article, or from a snapshot too far behind to catch up
   * (only when asked for: it answers at once while the caller rebuilds).
   */
  source: 'snapshot' | 'caught-up' | 'rebuilt' | 'stale';
}

export async function currentRevision(db: BaoDb): Promise<number> {
  return ((await db.get('meta', 'articlesRevision')) as number | undefined) ?? 0;
}

export interface BuildProgress {
  /** The index so far: it answers for the articles indexed already. */
  index: SearchIndex;
  indexed: number;
  total: number;
}

export interface LoadOptions {
  /** Called after each batch of a rebuild; the build waits for it, so queries can be answered in between. */
  step?: (progress: BuildProgress) => Promise<void>;
  /** Take a snapshot the backlog no longer reaches rather than rebuild now. */
  allowStale?: boolean;
}

/**
 * The index is ready fastest from its saved snapshot. When articles changed
 * since (a background refresh while no page was open), the backlog of changed
 * ids brings it up to date; only without a usable snapshot or backlog is it
 * rebuilt from every article.
 * The rebuild reads and indexes a batch at a time, and steps in between.
 */
export async function loadIndex(db: BaoDb, options: LoadOptions = {}): Promise<LoadedIndex> {
  const tx = db.transaction(['search', 'meta']);
  const [snapshot, stored, backlog] = await Promise.all([
    tx.objectStore('search').get(SNAPSHOT_KEY),
    tx.objectStore('meta').get('articlesRevision') as Promise<number | undefined>,
    tx.objectStore('meta').get('searchBacklog') as Promise<SearchBacklog | undefined>,
  ]);
  const revision = stored ?? 0;
  const caughtUp = snapshot && snapshot.format === SNAPSHOT_FORMAT ? await fromSnapshot(db, snapshot, revision, backlog, options.allowStale) : undefined;
  if (caughtUp) return caughtUp;
  // Each batch is indexed as it arrives, while the next is read: the first answers need not wait for the last article.
  const { batches, revision: rev, total } = await articleBatches(db);
  const index = SearchIndex.build([]);
  const reader = batches[Symbol.asyncIterator]();
  let next = reader.next();
  let indexed = 0;
  for (let batch = await next; !batch.done; batch = await next) {
    next = reader.next();
    // Left unread if indexing throws: its failure must not surface as unhandled.
    next.catch(() => undefined);
    index.addMany(batch.value.map(toSearchDoc));
    indexed += batch.value.length;
    await options.step?.({ index, indexed, total: Math.max(total, indexed) });
  }
  index.settle();
  return { index, revision: rev, source: 'rebuilt' };
}

async function fromSnapshot(
  db: BaoDb,
  snapshot: SearchSnapshot,
  revision: number,
  backlog: SearchBacklog | undefined,
  allowStale = false,
): Promise<LoadedIndex | undefined> {
  const behind = snapshot.revision !== revision;
  const reachable = !behind || (backlog !== undefined && backlog.fromRevision <= snapshot.revision);
  if (!reachable && !allowStale) return undefined;
  let index: SearchIndex;
  try {
    index = SearchIndex.fromBytes(snapshot.data);
  } catch {
    // A damaged snapshot is only a cache: the caller rebuilds.
    return undefined;
  }
  if (!reachable) return { index, revision: snapshot.revision, source: 'stale' };
  if (!behind || !backlog) return { index, revision, source: 'snapshot' };
  // The store holds each touched article's current state: present means (re)index it, absent means it went.
  const articles = await Promise.all(backlog.touched.map((id) => getArticle(db, id)));
  backlog.touched.forEach((id, i) => {
    const article = articles[i];
    if (article) index.add(toSearchDoc(article));
    else index.remove(id);
  });
  return { index, revision, source: 'caught-up' };
}

/** Saves the index; the backlog it now covers is dropped, unless articles changed meanwhile. */
export async function saveIndex(db: BaoDb, index: SearchIndex, revision: number): Promise<void> {
  // Serialised before the transaction opens: it would not survive waiting on non-IndexedDB work.
  const snapshot: SearchSnapshot = { format: SNAPSHOT_FORMAT, revision, savedAt: Date.now(), data: index.toBytes() };
  const tx = db.transaction(['search', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  await tx.objectStore('search').put(snapshot, SNAPSHOT_KEY);
  if ((await meta.get('articlesRevision')) === revision) await meta.delete('searchBacklog');
  await tx.done;
}
