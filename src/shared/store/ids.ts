import type { Article } from '../feed/types';
import type { BaoDb } from './open';
import { keysToLookUp, sameStoryAs } from './same-story';

/**
 * A story whose feed id changed stays under the id it was stored with: its
 * read mark, its save and saved copy, its place in the search index and any
 * link to it all hang on that id, and a same-id change already offers a
 * saved article's newer version. The feed's new id is remembered as an alias
 * (meta `idAliases`), so later refreshes know the item without looking
 * again, and the walk down the feed's pages sees it as stored.
 */

/** Aliases kept, the latest ones: an alias forgotten costs only one more lookup by url. */
const ALIAS_LIMIT = 5_000;

export type Aliases = Record<string, string>;

/** The stored id a feed id stands for; own keys only (an id may be «constructor»). */
export function aliasOf(aliases: Aliases | undefined, id: string): string | undefined {
  return aliases && Object.hasOwn(aliases, id) ? aliases[id] : undefined;
}

export interface ResolvedItems {
  /** The items, those of a stored story under its stored id. */
  items: Article[];
  /** Feed ids newly found to be stored stories, with their stored ids. */
  found: Aliases;
  /**
   * Aliased feed ids stored under their own id now (the story they named is
   * in the feed too): forgotten, so that an alias never hides a stored id.
   */
  stale: string[];
}

/**
 * Gives each incoming item of a story the store holds under another id that
 * id. Costs a read of each url that names an article; ids are checked only
 * where an alias or a url points elsewhere (rare), never an item's own.
 */
export async function resolveStoredIds(db: BaoDb, items: readonly Article[]): Promise<ResolvedItems> {
  const tx = db.transaction(['articles', 'meta']);
  const articles = tx.objectStore('articles');
  const isStored = async (id: string) => (await articles.getKey(id)) !== undefined;
  const aliases = (await tx.objectStore('meta').get('idAliases')) as Aliases | undefined;
  const incomingIds = new Set(items.map((item) => item.id));
  const target = new Map<string, string>();
  // A stored id some incoming item already stands for: no second item may take it.
  const claimed = new Set<string>();
  /** Points `item` at `id`, unless its own id is stored (its own story) or another item has `id`. */
  const claim = (item: Article, id: string | undefined, stored: boolean) => {
    if (id === undefined || stored || claimed.has(id) || incomingIds.has(id)) return false;
    claimed.add(id);
    target.set(item.id, id);
    return true;
  };

  const aliased = items.filter((item) => aliasOf(aliases, item.id) !== undefined);
  const aliasedStored = await Promise.all(aliased.map((item) => isStored(item.id)));
  const stale = aliased.filter((item, i) => !claim(item, aliasOf(aliases, item.id), aliasedStored[i] as boolean)).map((item) => item.id);

  const wanted = [...keysToLookUp(items, (id) => target.has(id))];
  // Two are enough to know a url is not one stored article's.
  const matches = await Promise.all(wanted.map(([key]) => articles.index('by-url').getAll(key, 2)));
  const candidates = wanted.flatMap(([, item], i) => {
    const id = sameStoryAs(item, matches[i], incomingIds);
    return id === undefined ? [] : [{ item, id }];
  });
  const candidatesStored = await Promise.all(candidates.map(({ item }) => isStored(item.id)));
  const found: Aliases = {};
  candidates.forEach(({ item, id }, i) => {
    if (claim(item, id, candidatesStored[i] as boolean)) found[item.id] = id;
  });
  if (target.size === 0) return { items: [...items], found, stale };
  return { items: items.map((item) => ({ ...item, id: target.get(item.id) ?? item.id })), found, stale };
}

/** Remembers newly found aliases, the latest ALIAS_LIMIT kept, and forgets stale ones. */
export async function rememberAliases(db: BaoDb, { found, stale }: Pick<ResolvedItems, 'found' | 'stale'>): Promise<void> {
  if (Object.keys(found).length === 0 && stale.length === 0) return;
  const tx = db.transaction('meta', 'readwrite');
  const kept = new Map(Object.entries(((await tx.store.get('idAliases')) as Aliases | undefined) ?? {}));
  for (const feedId of stale) kept.delete(feedId);
  for (const [feedId, storedId] of Object.entries(found)) {
    kept.delete(feedId);
    kept.set(feedId, storedId);
  }
  const entries = [...kept];
  await Promise.all([tx.store.put(Object.fromEntries(entries.slice(Math.max(0, entries.length - ALIAS_LIMIT))), 'idAliases'), tx.done]);
}
