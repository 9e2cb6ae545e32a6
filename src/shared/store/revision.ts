import type { IDBPObjectStore, StoreNames } from 'idb';
import type { BaoSchema, SearchBacklog } from './schema';

type MetaStore = IDBPObjectStore<BaoSchema, ArrayLike<StoreNames<BaoSchema>>, 'meta', 'readwrite'>;

/** Beyond this many changed ids, rebuilding the search index is as quick as catching up. */
const BACKLOG_LIMIT = 2_000;

/**
 * Call inside the transaction that makes article changes visible, so neither
 * can disagree with them: bumps the articles revision and notes the ids
 * touched, with which the search worker brings an older index snapshot up to
 * date without reading every article.
 */
export async function recordChange(meta: MetaStore, ids: readonly string[]): Promise<void> {
  const [stored, backlog] = await Promise.all([
    meta.get('articlesRevision') as Promise<number | undefined>,
    meta.get('searchBacklog') as Promise<SearchBacklog | undefined>,
  ]);
  const revision = stored ?? 0;
  // Past the limit the backlog is dropped anyway: no need to build a set of every id.
  const touched = (backlog?.touched.length ?? 0) + ids.length > BACKLOG_LIMIT * 2 ? [] : [...new Set([...(backlog?.touched ?? []), ...ids])];
  await meta.put(revision + 1, 'articlesRevision');
  if (touched.length === 0 || touched.length > BACKLOG_LIMIT) await meta.delete('searchBacklog');
  else await meta.put({ fromRevision: backlog?.fromRevision ?? revision, touched }, 'searchBacklog');
}
