import type { IDBPTransaction } from 'idb';
import type { Article } from '../feed/types';
import { backfillDerived } from './backfill';
import { cardOf, joinRecord, splitRecord } from './body';
import { announceArticlesChanged } from './changes';
import { completeRecord } from './derived';
import { writeMakingRoom, type EvictTx } from './evict';
import { aliasOf, rememberAliases, resolveStoredIds, type Aliases } from './ids';
import { tallyMerge, type MergeTally } from './merge';
import type { BaoDb } from './open';
import type { ArticleCard, BaoSchema, Overlay, StoredArticle } from './schema';
import { commitGeneration, discardStaged, foldOverlay, nextGeneration, stageItems, unstaged, unstagedBody } from './staging';
import { isStorageFull } from './storage-full';

export type MergeResult = MergeTally;

/**
 * Writes a validated feed into the store: either every new and changed
 * article becomes visible or, if anything fails (a crash included), none
 * does, and reads never wait behind it for more than one short transaction
 * (see staging.ts). Articles the feed no longer lists are left alone: the
 * reader keeps everything once downloaded. When the disk is full, room is
 * made only in the same transaction as the write that needs it. A story
 * stored under another id is merged into it, under the stored id (ids.ts).
 */
export async function mergeArticles(db: BaoDb, feedItems: readonly Article[], now: number): Promise<MergeResult> {
  // What an earlier refresh left: its committed generation is folded in, an uncommitted one dropped.
  await foldOverlay(db);
  await discardStaged(db);
  // Records from before version 3 are completed first, off the page, whenever a refresh runs.
  await backfillDerived(db);
  const { items, ...aliases } = await resolveStoredIds(db, feedItems);
  // Only spares later lookups: an alias lost (a full disk) is found again by url.
  await rememberAliases(db, aliases).catch(() => undefined);
  const gen = await nextGeneration(db);
  const topics = {};
  let result: MergeResult;
  try {
    result = await stageItems(db, gen, items, now, topics);
    if (result.changedIds.length > 0) await commitGeneration(db, gen, result, topics);
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
    const bodies = tx.objectStore('bodies');
    const existing = await Promise.all(
      items.map(async (item) => {
        const [card, body] = await Promise.all([store.get(item.id), bodies.get(item.id)]);
        return card && (joinRecord(card, body) as StoredArticle);
      }),
    );
    items.forEach((item, i) => {
      const record = tallyMerge(result, existing[i], item, now);
      if (!record) return;
      const { card, body } = splitRecord(record);
      store.put(card).catch(() => undefined);
      bodies.put(body).catch(() => undefined);
    });
    return result.changedIds;
  });
  return result;
}

export type ReadTx = IDBPTransaction<BaoSchema, ('articles' | 'staging' | 'meta')[], 'readonly'>;
type BodyReadTx = IDBPTransaction<BaoSchema, ('articles' | 'staging' | 'meta' | 'bodies' | 'stagingBodies')[], 'readonly'>;

/**
 * Reads see `articles` with a committed refresh's staged records laid over it:
 * always one whole feed. Cards only: bodies are in stores this one leaves out.
 */
export function readTx(db: BaoDb): ReadTx {
  return db.transaction(['articles', 'staging', 'meta']);
}

/** As readTx, with the bodies too (for the one article opened, and the search worker). */
function bodyReadTx(db: BaoDb): BodyReadTx {
  return db.transaction(['articles', 'staging', 'meta', 'bodies', 'stagingBodies']);
}

function overlayOf(tx: ReadTx): Promise<Overlay | undefined> {
  return tx.objectStore('meta').get('overlay') as Promise<Overlay | undefined>;
}

function bodyTxOverlay(tx: BodyReadTx): Promise<Overlay | undefined> {
  return tx.objectStore('meta').get('overlay') as Promise<Overlay | undefined>;
}

async function readCard(tx: ReadTx, overlay: Overlay | undefined, id: string): Promise<ArticleCard | undefined> {
  const staged = overlay && (await tx.objectStore('staging').get([overlay.gen, id]));
  const record = staged ? unstaged(staged) : await tx.objectStore('articles').get(id);
  return record && cardOf(completeRecord(record));
}

async function readWhole(tx: BodyReadTx, overlay: Overlay | undefined, id: string): Promise<StoredArticle | undefined> {
  const staged = overlay && (await tx.objectStore('staging').get([overlay.gen, id]));
  if (staged) {
    // A new version's body is staged beside it; a new article's is in `bodies` already.
    const body = await tx.objectStore('stagingBodies').get([overlay.gen, id]);
    return completeRecord(joinRecord(unstaged(staged), body ? unstagedBody(body) : await tx.objectStore('bodies').get(id)));
  }
  const [card, body] = await Promise.all([tx.objectStore('articles').get(id), tx.objectStore('bodies').get(id)]);
  return card && completeRecord(joinRecord(card, body));
}

/** One article, body included; a feed id of a story stored under another id gives that story. */
export async function getArticle(db: BaoDb, id: string): Promise<StoredArticle | undefined> {
  const tx = bodyReadTx(db);
  const [overlay, aliases] = await Promise.all([bodyTxOverlay(tx), tx.objectStore('meta').get('idAliases') as Promise<Aliases | undefined>]);
  const record = await readWhole(tx, overlay, id);
  const alias = record ? undefined : aliasOf(aliases, id);
  return alias === undefined ? record : readWhole(tx, overlay, alias);
}

/** Several articles by id, bodies included, in one transaction; missing ones are left out. */
export async function getArticles(db: BaoDb, ids: readonly string[]): Promise<StoredArticle[]> {
  const tx = bodyReadTx(db);
  const overlay = await bodyTxOverlay(tx);
  const records = await Promise.all(ids.map((id) => readWhole(tx, overlay, id)));
  return records.filter((record) => record !== undefined);
}

/** Several articles' cards by id within a read transaction; missing ones are left out. */
export async function readMany(tx: ReadTx, ids: readonly string[]): Promise<ArticleCard[]> {
  const overlay = await overlayOf(tx);
  const records = await Promise.all(ids.map((id) => readCard(tx, overlay, id)));
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

/** One page of the list, newest first: cards, no body. */
export async function listArticles(db: BaoDb, limit: number, after?: PageCursor): Promise<ArticleCard[]> {
  const tx = readTx(db);
  const overlay = await overlayOf(tx);
  const rows: ArticleCard[] = [];
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
      rows.push(cardOf(completeRecord(unstaged(staged.value))));
      staged = await staged.continue();
    } else if (stored) {
      // An article with a newer staged version shows as that version, in its place.
      const replaced = overlay && (await tx.objectStore('staging').getKey([overlay.gen, stored.value.id]));
      if (!replaced) rows.push(cardOf(completeRecord(stored.value)));
      stored = await stored.continue();
    }
  }
  return rows;
}

/** Ids of every article, and the feed ids of stories stored under another (ids.ts); cheap because only keys are read. */
export async function knownIds(db: BaoDb): Promise<Set<string>> {
  const tx = readTx(db);
  const [overlay, ids, aliases] = await Promise.all([
    overlayOf(tx),
    tx.objectStore('articles').getAllKeys(),
    tx.objectStore('meta').get('idAliases') as Promise<Aliases | undefined>,
  ]);
  const known = new Set([...ids, ...Object.keys(aliases ?? {})]);
  if (overlay) {
    for (const [, id] of await tx.objectStore('staging').getAllKeys(IDBKeyRange.bound([overlay.gen], [overlay.gen, []]))) known.add(id);
  }
  return known;
}

/**
 * Records per transaction when reading every article, and about how many
 * bytes of bodies: no read holds the store long enough to queue a refresh
 * behind it.
 */
const READ_ALL_CHUNK = 200;
const READ_ALL_BYTES = 2_000_000;

interface Chunk {
  rows: StoredArticle[];
  /** Key of the last card read, to resume after; undefined when there was none. */
  last: IDBValidKey | undefined;
  full: boolean;
  bytes: number;
}

/** One chunk of cards from `cards` after `lower`, joined with their bodies read in the same transaction. */
async function readChunk(db: BaoDb, from: 'articles' | 'staging', lower: IDBKeyRange | null, limit: number): Promise<Chunk> {
  if (from === 'staging') {
    const tx = db.transaction(['staging', 'stagingBodies', 'bodies']);
    const cards = await tx.objectStore('staging').getAll(lower, limit);
    const bodies = await Promise.all(
      cards.map(async (card) => {
        const staged = await tx.objectStore('stagingBodies').get([card.gen, card.id]);
        return staged ? unstagedBody(staged) : tx.objectStore('bodies').get(card.id);
      }),
    );
    const rows = cards.map((card, i) => completeRecord(joinRecord(unstaged(card), bodies[i])));
    const last = cards[cards.length - 1];
    return { rows, last: last && [last.gen, last.id], full: cards.length === limit, bytes: bytesOf(rows) };
  }
  const tx = db.transaction(['articles', 'bodies']);
  const cards = await tx.objectStore('articles').getAll(lower, limit);
  const first = cards[0];
  const last = cards[cards.length - 1];
  const bodies = first && last ? await tx.objectStore('bodies').getAll(IDBKeyRange.bound(first.id, last.id)) : [];
  const bodyOf = new Map(bodies.map((body) => [body.id, body]));
  const rows = cards.map((card) => completeRecord(joinRecord(card, bodyOf.get(card.id))));
  return { rows, last: last?.id, full: cards.length === limit, bytes: bytesOf(rows) };
}

const bytesOf = (rows: readonly StoredArticle[]) => rows.reduce((sum, row) => sum + (row.contentHtml?.length ?? 0) + (row.contentText?.length ?? 0) + 500, 0);
const nextLimit = (chunk: Chunk) =>
  Math.max(1, Math.min(READ_ALL_CHUNK, Math.floor(READ_ALL_BYTES / Math.max(1, chunk.bytes / Math.max(1, chunk.rows.length)))));

/** Every stored article, a bounded batch at a time (see articleBatches). */
export interface ArticleBatches {
  /** The articles revision, read before any article: the batches reflect it at least. */
  revision: number;
  /** How many articles there were when reading began (after `after`, when given). */
  total: number;
  /**
   * Whether a refresh's staged articles come first: then a batch's last id
   * is no place to continue from (articles are read in id order after them).
   */
  staged: boolean;
  batches: AsyncIterable<StoredArticle[]>;
}

/**
 * Every article with its body (the search worker's full rebuild), in batches
 * of one short transaction each, so neither the reader nor the store holds
 * all of them at once and no read stalls a refresh's fold. The revision is
 * read first, so a change landing meanwhile is caught up later (announced,
 * or from the backlog). Staged records are read before `articles`, so one
 * folded in meanwhile is found in `articles` and none is missed; a staged
 * version wins over the one it replaces.
 */
export async function articleBatches(db: BaoDb, after?: string): Promise<ArticleBatches> {
  const first = readTx(db);
  const [overlay, revision, stored] = await Promise.all([
    overlayOf(first),
    first.objectStore('meta').get('articlesRevision') as Promise<number | undefined>,
    first.objectStore('articles').count(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true)),
  ]);
  const total = stored + (overlay?.added ?? 0);
  return { revision: revision ?? 0, total, staged: overlay !== undefined, batches: readBatches(db, overlay, after) };
}

/** With `after`, the articles (not the staged ones) are read from the first id after it. */
async function* readBatches(db: BaoDb, overlay: Overlay | undefined, after: string | undefined): AsyncGenerator<StoredArticle[]> {
  // Only ids are kept across batches: the staged versions already given.
  const staged = new Set<string>();
  let limit = READ_ALL_CHUNK;
  if (overlay) {
    let lower: IDBKeyRange = IDBKeyRange.bound([overlay.gen], [overlay.gen, []]);
    for (;;) {
      const chunk = await readChunk(db, 'staging', lower, limit);
      for (const row of chunk.rows) staged.add(row.id);
      if (chunk.rows.length > 0) yield chunk.rows;
      if (!chunk.last || !chunk.full) break;
      lower = IDBKeyRange.bound(chunk.last, [overlay.gen, []], true);
      limit = nextLimit(chunk);
    }
  }
  let lower: IDBKeyRange | null = after === undefined ? null : IDBKeyRange.lowerBound(after, true);
  for (;;) {
    const chunk = await readChunk(db, 'articles', lower, limit);
    const rows = staged.size > 0 ? chunk.rows.filter((row) => !staged.has(row.id)) : chunk.rows;
    if (rows.length > 0) yield rows;
    if (chunk.last === undefined || !chunk.full) break;
    lower = IDBKeyRange.lowerBound(chunk.last, true);
    limit = nextLimit(chunk);
  }
}
