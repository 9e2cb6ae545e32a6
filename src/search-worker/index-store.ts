import { toSearchDoc } from '../shared/search/documents';
import { CACHE_BYTES, type PageLoader } from '../shared/search/position-pages';
import { SearchIndex } from '../shared/search/search-index';
import { snapshotParts } from '../shared/search/snapshot';
import { articleBatches, getArticle } from '../shared/store/articles';
import type { BaoDb } from '../shared/store/open';
import type { SearchBacklog, SearchSnapshot } from '../shared/store/schema';

/** Bump when the engine's snapshot format or indexing changes: old snapshots are then rebuilt. */
const SNAPSHOT_FORMAT = 6;
const SNAPSHOT_KEY = 'articles';
/**
 * The snapshot's positions are stored apart, as pages read when a query needs
 * them (position-pages.ts), under keys naming the save they belong to: a page
 * of another save is never read as one of this one.
 */
const PAGES_PREFIX = `${SNAPSHOT_KEY}/pos/`;
const pageKey = (prefix: string, page: number): string => prefix + String(page).padStart(6, '0');
const pageRange = (prefix: string): IDBKeyRange => IDBKeyRange.bound(prefix, `${prefix}\uffff`);
/** The pages a snapshot refers to: a save in parts cut short may have left more after them. */
const referred = ({ prefix, count }: NonNullable<SearchSnapshot['pages']>): IDBKeyRange => IDBKeyRange.bound(pageKey(prefix, 0), pageKey(prefix, Math.max(0, count - 1)));
const newPrefix = (): string => `${PAGES_PREFIX}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}/`;

/** The stored pages each loader reads: a save that keeps them refers to them again. */
const storedPages = new WeakMap<PageLoader, NonNullable<SearchSnapshot['pages']>>();

function pageLoader(db: BaoDb, stored: NonNullable<SearchSnapshot['pages']>): PageLoader {
  const { prefix } = stored;
  const loader: PageLoader = async (pages) => {
    const store = db.transaction('search').objectStore('search');
    // Pages come sorted: each run of consecutive ones is one request.
    const runs: number[][] = [];
    for (const p of pages) {
      const run = runs[runs.length - 1];
      if (run && run[run.length - 1] === p - 1) run.push(p);
      else runs.push([p]);
    }
    const values = await Promise.all(
      runs.map((run) => store.getAll(IDBKeyRange.bound(pageKey(prefix, run[0] as number), pageKey(prefix, run[run.length - 1] as number)))),
    );
    const byPage = new Map<number, unknown>();
    runs.forEach((run, i) => {
      const got = values[i] as unknown[];
      // A run with a page missing is read as missing (it would shift the others).
      if (got.length === run.length) run.forEach((p, k) => byPage.set(p, got[k]));
    });
    return pages.map((p) => {
      const v = byPage.get(p);
      return v instanceof Uint8Array ? v : undefined;
    });
  };
  storedPages.set(loader, stored);
  return loader;
}

export interface LoadedIndex {
  index: SearchIndex;
  /** The articles revision the index reflects. */
  revision: number;
  /** Saved as it is, when a build saving as it goes ended: no save is pending. */
  saved?: boolean;
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
  /**
   * Save a rebuild as it goes (see PartialSaves), so that a load started
   * again goes on from there, and once more when it ends; the load holds
   * `lock` meanwhile.
   */
  resumable?: boolean;
  /** Called when a resumable build has indexed every article, before it saves them: its answers are complete. */
  built?: (loaded: LoadedIndex) => void;
  /** Bytes of positions in memory that make a resumable build save a part (PART_BYTES by default). */
  partBytes?: number;
  /** Runs a resumable load alone across tabs (buildLock by default). */
  lock?: Exclusive;
  now?: () => number;
}

export type Exclusive = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Two tabs building the first index at once each saved over the other's
 * partial saves and dropped its pages (writeSnapshot drops every page the
 * snapshot written does not refer to). A resumable load holds this lock: one
 * tab builds and saves; another waits, then restores what it saved (or goes
 * on from its last save, if that tab was closed). A browser without Web Locks
 * builds in each tab as before.
 */
const BUILD_LOCK = 'bao-search-build';
export const buildLock: Exclusive = (task) => {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? locks.request(BUILD_LOCK, task) : task();
};

/**
 * A build saves what it has indexed once it has indexed for FIRST_SAVE_MS,
 * then each time it has indexed SAVE_SHARE⁻¹ times as long as its last save
 * took: saving takes at most about a ninth of the build, on any phone, and a
 * reload loses at most the work since. Big positions are saved in parts
 * (savePart): each save writes the pages of those indexed since the last
 * one only, and drops them from memory, so the build holds only those.
 */
const FIRST_SAVE_MS = 2_000;
const SAVE_SHARE = 1 / 8;
/**
 * Once positions are saved in parts, a part is also saved whenever this
 * many bytes of positions are in memory, whatever the clock says: the build
 * then never holds more of them, its last save included (at 50,000 articles
 * the last part had been 20–30 MB of the 51.5).
 */
export const PART_BYTES = 8 << 20;

class PartialSaves {
  private due: number;

  /** `apartAbove`: positions are saved in parts once they are more (storeBuild). */
  constructor(
    private readonly now: () => number,
    private readonly apartAbove: number,
    private readonly partBytes: number,
  ) {
    this.due = now() + FIRST_SAVE_MS;
  }

  /**
   * Saves when due; returns the index to go on with (the one saved, positions in pages) or undefined to keep this one.
   * `all`: the articles the build will hold.
   */
  async maybeSave(db: BaoDb, index: SearchIndex, revision: number, after: string, all: number): Promise<SearchIndex | undefined> {
    const started = this.now();
    // Positions that will be in pages when the build ends (at the bytes per article so far) go there from the first part on:
    // else the first part held all those indexed until they passed apartAbove (24 MB), copied as it was written.
    const bytes = index.positionBytes;
    const apart = bytes > this.apartAbove || (bytes / Math.max(1, index.size)) * all > this.apartAbove;
    const full = apart && index.memoryPositionBytes >= this.partBytes;
    if (started < this.due && !full) return undefined;
    const saved = await storeBuild(db, index, revision, { after }, apart);
    const took = this.now() - started;
    this.due = this.now() + Math.max(FIRST_SAVE_MS, took / SAVE_SHARE);
    return saved.index;
  }
}

/**
 * The index is ready fastest from its saved snapshot. When articles changed
 * since (a background refresh while no page was open), the backlog of changed
 * ids brings it up to date; only without a usable snapshot or backlog is it
 * rebuilt from every article.
 * The rebuild reads and indexes a batch at a time, and steps in between.
 */
export function loadIndex(db: BaoDb, options: LoadOptions = {}): Promise<LoadedIndex> {
  return options.resumable ? (options.lock ?? buildLock)(() => load(db, options)) : load(db, options);
}

async function load(db: BaoDb, options: LoadOptions): Promise<LoadedIndex> {
  const tx = db.transaction(['search', 'meta']);
  const search = tx.objectStore('search');
  const [[snapshot, pagesStored], stored, backlog] = await Promise.all([
    // Its pages are counted in the same transaction, right after it is read,
    // while it is restored: the store counts as the worker decodes.
    search.get(SNAPSHOT_KEY).then((snapshot) => {
      const pages = snapshot instanceof Uint8Array ? undefined : snapshot?.pages;
      const counted = pages ? search.count(referred(pages)).catch(() => undefined) : Promise.resolve(undefined);
      return [snapshot, counted] as const;
    }),
    tx.objectStore('meta').get('articlesRevision') as Promise<number | undefined>,
    tx.objectStore('meta').get('searchBacklog') as Promise<SearchBacklog | undefined>,
  ]);
  const revision = stored ?? 0;
  const saved = snapshot instanceof Uint8Array ? undefined : snapshot;
  const usable = saved && saved.format === SNAPSHOT_FORMAT;
  const building = usable && typeof saved.building?.after === 'string' ? saved.building : undefined;
  // A build cut short is gone on with, caught up with the articles changed since; never taken as it is.
  const caughtUp = usable ? await fromSnapshot(db, saved, pagesStored, revision, backlog, options.allowStale && !building) : undefined;
  if (caughtUp && !building) return caughtUp;
  return build(db, caughtUp && building ? { index: caughtUp.index, revision: caughtUp.revision, after: building.after } : undefined, options);
}

/**
 * Indexes every article, or those after `from.after` into the index of a
 * build cut short. Each batch is indexed as it arrives, while the next is
 * read: the first answers need not wait for the last article.
 */
async function build(db: BaoDb, from: { index: SearchIndex; revision: number; after: string } | undefined, options: LoadOptions): Promise<LoadedIndex> {
  const { batches, revision: read, total, staged } = await articleBatches(db, from?.after);
  // Gone on with: it holds the articles as of the revision its backlog was read at, no later.
  const revision = from?.revision ?? read;
  let index = from?.index ?? SearchIndex.build([]);
  let indexed = index.size;
  const all = indexed + total;
  // Staged articles come first, out of id order: such a build has no place to go on from.
  const apartAbove = ((await db.get('meta', 'searchPagesAbove')) as number | undefined) ?? CACHE_BYTES;
  const saves = options.resumable && !staged ? new PartialSaves(options.now ?? (() => performance.now()), apartAbove, options.partBytes ?? PART_BYTES) : undefined;
  // Gone on with: queries are answered from it at once.
  if (from) await options.step?.({ index, indexed, total: Math.max(all, indexed) });
  const reader = batches[Symbol.asyncIterator]();
  let next = reader.next();
  for (let batch = await next; !batch.done; batch = await next) {
    next = reader.next();
    // Left unread if indexing throws: its failure must not surface as unhandled.
    next.catch(() => undefined);
    index.addMany(batch.value.map(toSearchDoc));
    // Encoded now, as part of the build: answers in between then read segments only.
    index.flush();
    indexed += batch.value.length;
    const last = batch.value[batch.value.length - 1];
    if (saves && last) index = (await saves.maybeSave(db, index, revision, last.id, Math.max(all, indexed))) ?? index;
    await options.step?.({ index, indexed, total: Math.max(all, indexed) });
  }
  index.settle();
  if (!saves) return { index, revision, source: 'rebuilt' };
  options.built?.({ index, revision, source: 'rebuilt' });
  // Saved as finished before the lock is let go: a tab waiting for it restores this, not a partial save.
  const done = await storeBuild(db, index, revision);
  return { index: done.index ?? index, revision, source: 'rebuilt', saved: done.saved };
}

async function fromSnapshot(
  db: BaoDb,
  snapshot: SearchSnapshot,
  pagesStored: Promise<number | undefined>,
  revision: number,
  backlog: SearchBacklog | undefined,
  allowStale = false,
): Promise<LoadedIndex | undefined> {
  const behind = snapshot.revision !== revision;
  const reachable = !behind || (backlog !== undefined && backlog.fromRevision <= snapshot.revision);
  if (!reachable && !allowStale) return undefined;
  let index: SearchIndex;
  const pages = snapshot.pages;
  const loader = pages && pageLoader(db, pages);
  try {
    // A build's parts keep their arrays in pages of their own, read all at once (snapshot.ts).
    const wanted = loader ? snapshotParts(snapshot.data) : [];
    const parts = loader && wanted.length > 0 ? await loader(wanted) : [];
    index = SearchIndex.fromBytes(snapshot.data, loader, parts);
  } catch {
    // A damaged snapshot is only a cache: the caller rebuilds.
    return undefined;
  }
  // Pages missing (the store evicted or cleared some): the snapshot is of no use.
  if (pages && (await pagesStored) !== pages.count) return undefined;
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

/**
 * Saves the index, its positions as pages when they are big; the backlog it
 * now covers is dropped, unless articles changed meanwhile. An index restored
 * with its positions in pages is saved without them when it can
 * (SearchIndex.toAppended): its pages stay, only the snapshot is written.
 * Else all is written again (saveAll). Returns the index as saved then, its
 * positions left in the store (read by queries as needed), to answer from
 * instead; undefined when the index answers on as it is (positions in
 * memory, or kept in their pages), or when it could not be saved (a page of
 * its own snapshot could not be read, or is gone; the store refused a write):
 * the snapshot saved before, and its pages, are then left as they were.
 * With `building`, it is saved as a build still going (SearchSnapshot.building).
 */
export async function saveIndex(db: BaoDb, index: SearchIndex, revision: number, building?: SearchSnapshot['building']): Promise<SearchIndex | undefined> {
  return (await store(db, index, revision, building)).index;
}

/** saveIndex, also saying whether it saved. */
async function store(db: BaoDb, index: SearchIndex, revision: number, building?: SearchSnapshot['building']): Promise<{ saved: boolean; index?: SearchIndex }> {
  const head = { format: SNAPSHOT_FORMAT, revision, savedAt: Date.now(), ...(building && { building }) };
  const appended = index.toAppended();
  const kept = appended && storedPages.get(appended.pages);
  if (appended && kept) return { saved: await writeSnapshot(db, { ...head, data: appended.snapshot, pages: kept }) };
  // Positions that would fit in the page cache anyway stay in the snapshot and in memory.
  const apartAbove = ((await db.get('meta', 'searchPagesAbove')) as number | undefined) ?? CACHE_BYTES;
  if (!index.pagedPositions && index.positionBytes <= apartAbove) return { saved: await writeSnapshot(db, { ...head, data: index.toBytes() }) };
  const saved = await saveAll(db, index, head);
  return { saved: saved !== undefined, index: saved };
}

/**
 * A build's save: big positions (or, with `apart`, those that will be) are
 * saved in parts (savePart), small ones in the snapshot (store), as are
 * those of an index whose pages are not known here.
 */
async function storeBuild(db: BaoDb, index: SearchIndex, revision: number, building?: SearchSnapshot['building'], apart = false): Promise<{ saved: boolean; index?: SearchIndex }> {
  const loader = index.pageLoader;
  const stored = loader && storedPages.get(loader);
  const apartAbove = ((await db.get('meta', 'searchPagesAbove')) as number | undefined) ?? CACHE_BYTES;
  if (loader ? !stored : !apart && index.positionBytes <= apartAbove) return store(db, index, revision, building);
  return { saved: await savePart(db, index, { format: SNAPSHOT_FORMAT, revision, savedAt: Date.now(), ...(building && { building }) }, stored) };
}

/**
 * Writes the positions held in memory as one more part of pages, after those
 * of the parts saved before (`stored`: under their prefix), then the
 * snapshot that refers to them all; the index then reads that part from its
 * pages too (SearchIndex.toPart). Until that last transaction the saved
 * snapshot and its pages are untouched: the pages of a save cut short come
 * after those it refers to, and are written over or dropped by the next.
 */
async function savePart(db: BaoDb, index: SearchIndex, head: Omit<SearchSnapshot, 'data'>, stored: SearchSnapshot['pages']): Promise<boolean> {
  const pages = { prefix: stored?.prefix ?? newPrefix(), count: stored?.count ?? 0 };
  const first = pages.count;
  const loader = pageLoader(db, pages);
  let next = first;
  const write = async (cut: Uint8Array[]): Promise<void> => {
    if (cut.length === 0) return;
    const tx = db.transaction('search', 'readwrite');
    await Promise.all([...cut.map((page) => tx.store.put(page, pageKey(pages.prefix, next++))), tx.done]);
  };
  const part = await index.toPart(loader, first, write).catch(() => undefined);
  if (part) pages.count = first + part.pages;
  if (!part || !(await writeSnapshot(db, { ...head, data: part.snapshot, ...(pages.count > 0 && { pages }) }))) {
    await db.delete('search', IDBKeyRange.bound(pageKey(pages.prefix, first), `${pages.prefix}\uffff`)).catch(() => undefined);
    return false;
  }
  part.commit();
  // Not taken (the index changed meanwhile): its next part goes after these pages all the same.
  const current = index.pageLoader;
  if (current) storedPages.set(current, { ...pages });
  return true;
}

/**
 * Writes the positions anew as pages, under a new prefix, a few megabytes
 * per transaction as the merge cuts them (SearchIndex.toPages), then the
 * snapshot that refers to them, which drops the old pages. Until that last
 * transaction the saved snapshot and its pages are untouched: a save that
 * fails or is cut short (the worker closed, the store full) leaves them
 * usable, and its own pages, referred to by nothing, are dropped then or by
 * the next save.
 */
async function saveAll(db: BaoDb, index: SearchIndex, head: Omit<SearchSnapshot, 'data'>): Promise<SearchIndex | undefined> {
  const prefix = newPrefix();
  let count = 0;
  const write = async (pages: Uint8Array[]): Promise<void> => {
    if (pages.length === 0) return;
    const tx = db.transaction('search', 'readwrite');
    await Promise.all([...pages.map((page) => tx.store.put(page, pageKey(prefix, count++))), tx.done]);
  };
  const saved = await index.toPages(write).catch(() => undefined);
  const snapshot: SearchSnapshot | undefined = saved && {
    ...head,
    data: saved.snapshot,
    pages: { prefix, count: saved.pages },
  };
  if (!snapshot?.pages || !(await writeSnapshot(db, snapshot))) {
    await db.delete('search', pageRange(prefix)).catch(() => undefined);
    return undefined;
  }
  return SearchIndex.fromBytes(snapshot.data, pageLoader(db, snapshot.pages));
}

/**
 * Writes the snapshot, dropping every page it does not refer to (earlier
 * saves', also those of a snapshot deleted on its own), in one transaction,
 * only if the pages it refers to are all there: false, and nothing written,
 * when they are not.
 */
async function writeSnapshot(db: BaoDb, snapshot: SearchSnapshot): Promise<boolean> {
  const tx = db.transaction(['search', 'meta'], 'readwrite');
  // A request that fails (the store full) aborts the transaction: none of it is written.
  const done = tx.done.then(
    () => true,
    () => false,
  );
  const meta = tx.objectStore('meta');
  const search = tx.objectStore('search');
  const refers = snapshot.pages;
  try {
    if (refers && (await search.count(referred(refers))) !== refers.count) {
      tx.abort();
      return false;
    }
    // Requests run in order: the pages referred to are not deleted.
    await Promise.all([
      ...(refers
        ? [
            search.delete(IDBKeyRange.bound(PAGES_PREFIX, refers.prefix, false, true)),
            search.delete(IDBKeyRange.bound(pageKey(refers.prefix, refers.count), `${PAGES_PREFIX}\uffff`)),
          ]
        : [search.delete(pageRange(PAGES_PREFIX))]),
      search.put(snapshot, SNAPSHOT_KEY),
    ]);
    if ((await meta.get('articlesRevision')) === snapshot.revision) await meta.delete('searchBacklog');
  } catch {
    // Already aborted by the failed request.
  }
  return done;
}
