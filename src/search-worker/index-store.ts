import { toSearchDoc } from '../shared/search/documents';
import { SearchIndex } from '../shared/search/search-index';
import type { BaoDb } from '../shared/store/open';

/** Bump when the engine's snapshot format or indexing changes: old snapshots are then rebuilt. */
const SNAPSHOT_FORMAT = 1;
const SNAPSHOT_KEY = 'articles';

export interface LoadedIndex {
  index: SearchIndex;
  /** The articles revision the index reflects. */
  revision: number;
  source: 'snapshot' | 'rebuilt';
}

export async function currentRevision(db: BaoDb): Promise<number> {
  return ((await db.get('meta', 'articlesRevision')) as number | undefined) ?? 0;
}

/**
 * The index is ready fastest from its saved snapshot; it is rebuilt from the
 * articles when there is none, it is of another format, or articles changed
 * since it was saved (a background refresh ran while no page was open).
 */
export async function loadIndex(db: BaoDb): Promise<LoadedIndex> {
  const [snapshot, revision] = await Promise.all([db.get('search', SNAPSHOT_KEY), currentRevision(db)]);
  if (snapshot && snapshot.format === SNAPSHOT_FORMAT && snapshot.revision === revision) {
    try {
      return { index: SearchIndex.fromJSON(snapshot.data), revision, source: 'snapshot' };
    } catch {
      // A damaged snapshot is only a cache: rebuild below.
    }
  }
  // Read together so the revision matches the articles indexed.
  const tx = db.transaction(['articles', 'meta']);
  const [articles, rev] = await Promise.all([
    tx.objectStore('articles').getAll(),
    tx.objectStore('meta').get('articlesRevision') as Promise<number | undefined>,
  ]);
  return { index: SearchIndex.build(articles.map(toSearchDoc)), revision: rev ?? 0, source: 'rebuilt' };
}

export async function saveIndex(db: BaoDb, index: SearchIndex, revision: number): Promise<void> {
  await db.put('search', { format: SNAPSHOT_FORMAT, revision, savedAt: Date.now(), data: index.toJSON() }, SNAPSHOT_KEY);
}
