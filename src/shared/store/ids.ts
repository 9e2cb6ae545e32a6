import type { Article } from '../feed/types';
import type { BaoDb } from './open';
import { keysToLookUp, sameStoryAs, storyUrlKey, type StoryFacts } from './same-story';

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
/** Cards read per transaction when looking stories up by url. */
const SCAN_CHUNK = 500;

export type Aliases = Record<string, string>;

export async function readAliases(db: BaoDb): Promise<Aliases> {
  return ((await db.get('meta', 'idAliases')) as Aliases | undefined) ?? {};
}

/** The stored id a feed id stands for; own keys only (an id may be «constructor»). */
export function aliasOf(aliases: Aliases | undefined, id: string): string | undefined {
  return aliases && Object.hasOwn(aliases, id) ? aliases[id] : undefined;
}

export interface ResolvedItems {
  /** The items, those of a stored story under its stored id. */
  items: Article[];
  /** Feed ids newly found to be stored stories, with their stored ids. */
  found: Aliases;
}

/** Gives each incoming item of a story the store holds under another id that id. */
export async function resolveStoredIds(db: BaoDb, items: readonly Article[]): Promise<ResolvedItems> {
  const tx = db.transaction(['articles', 'meta']);
  const [keys, aliases] = await Promise.all([
    Promise.all(items.map((item) => tx.objectStore('articles').getKey(item.id))),
    tx.objectStore('meta').get('idAliases') as Promise<Aliases | undefined>,
  ]);
  const incomingIds = new Set(items.map((item) => item.id));
  const stored = new Set(items.filter((_, i) => keys[i] !== undefined).map((item) => item.id));
  const target = new Map<string, string>();
  // A stored id some incoming item already stands for: no second item may take it.
  const claimed = new Set<string>();
  const claim = (item: Article, id: string | undefined) => {
    if (id === undefined || claimed.has(id) || incomingIds.has(id)) return;
    claimed.add(id);
    target.set(item.id, id);
  };
  for (const item of items) if (!stored.has(item.id)) claim(item, aliasOf(aliases, item.id));

  const wanted = keysToLookUp(items, (id) => stored.has(id) || target.has(id));
  const found: Aliases = {};
  if (wanted.size > 0) {
    const byUrl = await storedByUrl(db, new Set(wanted.keys()));
    for (const [key, item] of wanted) {
      const before = target.size;
      claim(item, sameStoryAs(item, byUrl.get(key), incomingIds));
      if (target.size > before) found[item.id] = target.get(item.id) as string;
    }
  }
  if (target.size === 0) return { items: [...items], found };
  return { items: items.map((item) => ({ ...item, id: target.get(item.id) ?? item.id })), found };
}

/**
 * The stored articles under each of `keys`, read a chunk of cards per
 * transaction. Reads every card: it runs only when a feed brings items it
 * does not know whose url names one article.
 */
async function storedByUrl(db: BaoDb, keys: ReadonlySet<string>): Promise<Map<string, StoryFacts[]>> {
  const byUrl = new Map<string, StoryFacts[]>();
  let lower: IDBKeyRange | null = null;
  for (;;) {
    const cards = await db.getAll('articles', lower, SCAN_CHUNK);
    for (const { id, url, title, published, undated } of cards) {
      const key = storyUrlKey(url);
      if (key === undefined || !keys.has(key)) continue;
      const facts: StoryFacts = { id, url, title, published, ...(undated ? { undated } : {}) };
      byUrl.set(key, [...(byUrl.get(key) ?? []), facts]);
    }
    const last = cards[cards.length - 1];
    if (!last || cards.length < SCAN_CHUNK) return byUrl;
    lower = IDBKeyRange.lowerBound(last.id, true);
  }
}

/** Remembers newly found aliases, the latest ALIAS_LIMIT kept. */
export async function rememberAliases(db: BaoDb, found: Aliases): Promise<void> {
  if (Object.keys(found).length === 0) return;
  const tx = db.transaction('meta', 'readwrite');
  const kept = new Map(Object.entries(((await tx.store.get('idAliases')) as Aliases | undefined) ?? {}));
  for (const [feedId, storedId] of Object.entries(found)) {
    kept.delete(feedId);
    kept.set(feedId, storedId);
  }
  const entries = [...kept];
  await Promise.all([tx.store.put(Object.fromEntries(entries.slice(Math.max(0, entries.length - ALIAS_LIMIT))), 'idAliases'), tx.done]);
}
