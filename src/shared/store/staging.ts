import type { Article } from '../feed/types';
import { hasInlineBody, joinRecord, splitRecord } from './body';
import { tallyMerge } from './merge';
import type { BaoDb } from './open';
import { shiftTopics } from './counts';
import { breather } from './pace';
import { recordChange } from './revision';
import type { ArticleBody, ArticleCard, Overlay, StagedArticle, StagedBody, StoredArticle, TopicChanges } from './schema';
import { isStorageFull, storageFullError } from './storage-full';

/**
 * A refresh's all-or-nothing write, in short transactions (see the README's
 * architecture notes): changed records are staged under a new generation,
 * invisible; one small commit in meta makes the generation visible as an
 * overlay over `articles`; folding then moves it into `articles` a chunk at a
 * time, each chunk atomically, so readers see the same records throughout.
 * Each record's body travels with it in the same transactions, so a card
 * and its body are always of one version: a new version's body waits in
 * `stagingBodies` and is moved with its card; a new article's body goes
 * straight to `bodies`, where nothing reads it until its card is visible
 * (it saves the moving; an uncommitted one is deleted with its card).
 */

/** Items per staging transaction, and a cap on their size: either bounds how long a read can wait behind one. */
const STAGE_ITEMS = 250;
const STAGE_BYTES = 2_000_000;
/**
 * Records moved from staging into articles per transaction (and a cap on
 * their size): each goes into two indexes, so these transactions are the
 * slowest, and a screen that reads in a few steps may wait for one per step.
 */
const FOLD_ITEMS = 100;
const FOLD_BYTES = 2_000_000;
/**
 * The pause between two folding transactions: long enough for a page's next
 * read to be queued before the next chunk, since the fold is not urgent
 * (readers already see the new feed).
 */
const FOLD_PAUSE_MS = 16;

const generationRange = (gen: number) => IDBKeyRange.bound([gen], [gen, []]);

export async function nextGeneration(db: BaoDb): Promise<number> {
  const tx = db.transaction('meta', 'readwrite');
  const gen = (((await tx.store.get('stagingGen')) as number | undefined) ?? 0) + 1;
  await Promise.all([tx.store.put(gen, 'stagingGen'), tx.done]);
  return gen;
}

/** The article of a staged row (its card, or a whole record staged before version 5). */
export function unstaged(row: StagedArticle): ArticleCard & Partial<Pick<StoredArticle, 'contentHtml' | 'contentText'>> {
  const record: Partial<StagedArticle> = { ...row };
  delete record.gen;
  delete record.isNew;
  return record as StoredArticle;
}

/** A staged body as `bodies` holds it. */
export function unstagedBody(row: StagedBody): ArticleBody {
  const body: Partial<StagedBody> = { ...row };
  delete body.gen;
  return body as ArticleBody;
}

export interface StagedResult {
  added: number;
  updated: number;
  changedIds: string[];
}

function sizeOf(item: Article): number {
  return (item.contentHtml?.length ?? 0) + (item.contentText?.length ?? 0) + (item.summary?.length ?? 0) + 500;
}

/** The next chunk of items from `start`: at most STAGE_ITEMS, and about STAGE_BYTES (at least one item). */
function chunkEnd(items: readonly Article[], start: number): number {
  let bytes = 0;
  let end = start;
  while (end < items.length && end - start < STAGE_ITEMS) {
    bytes += sizeOf(items[end]!);
    if (end > start && bytes > STAGE_BYTES) break;
    end++;
  }
  return end;
}

/** Writes the new and changed records of `items` under `gen`, invisible until committed; notes what they change in each topic into `topics`. */
export async function stageItems(db: BaoDb, gen: number, items: readonly Article[], now: number, topics: TopicChanges): Promise<StagedResult> {
  const result: StagedResult = { added: 0, updated: 0, changedIds: [] };
  for (let start = 0; start < items.length; ) {
    const end = chunkEnd(items, start);
    const chunk = items.slice(start, end);
    start = end;
    const read = db.transaction(['articles', 'bodies']);
    const existing = await Promise.all(
      chunk.map(async (item) => {
        const [card, body] = await Promise.all([read.objectStore('articles').get(item.id), read.objectStore('bodies').get(item.id)]);
        return card && (joinRecord(card, body) as StoredArticle);
      }),
    );
    const rows: StagedRecord[] = [];
    chunk.forEach((item, i) => {
      const before = existing[i];
      const record = tallyMerge(result, before, item, now);
      if (!record) return;
      const { card, body } = splitRecord(record);
      shiftTopics(topics, before, card, 1);
      rows.push({ row: { ...card, gen, isNew: before === undefined }, body: { ...body, gen } });
    });
    if (rows.length > 0) await putStaged(db, rows);
    await breather();
  }
  return result;
}

interface StagedRecord {
  row: StagedArticle;
  body: StagedBody;
}

async function putStaged(db: BaoDb, rows: readonly StagedRecord[]): Promise<void> {
  const tx = db.transaction(['staging', 'stagingBodies', 'bodies'], 'readwrite');
  const writes = rows.flatMap(({ row, body }) => [
    tx.objectStore('staging').put(row),
    row.isNew ? tx.objectStore('bodies').put(unstagedBody(body)) : tx.objectStore('stagingBodies').put(body),
  ]);
  try {
    await Promise.all([...writes, tx.done]);
  } catch (error) {
    for (const write of writes) write.catch(() => undefined);
    tx.done.catch(() => undefined);
    throw isStorageFull(error, tx) ? storageFullError(error) : error;
  }
}

/** The one small write that makes a staged generation visible, whole (with what it changes in each topic). */
export async function commitGeneration(db: BaoDb, gen: number, staged: StagedResult, topics: TopicChanges): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  try {
    await Promise.all([
      tx.store.put({ gen, added: staged.added, topics } satisfies Overlay, 'overlay'),
      recordChange(tx.store, staged.changedIds),
      tx.done,
    ]);
  } catch (error) {
    tx.done.catch(() => undefined);
    throw isStorageFull(error, tx) ? storageFullError(error) : error;
  }
}

/**
 * Moves a committed generation into `articles`, a chunk per transaction, and
 * drops the overlay with the last chunk. Resumes wherever a crash stopped it.
 */
export async function foldOverlay(db: BaoDb): Promise<void> {
  let limit = FOLD_ITEMS;
  for (;;) {
    const tx = db.transaction(['articles', 'bodies', 'staging', 'stagingBodies', 'meta'], 'readwrite');
    const meta = tx.objectStore('meta');
    const staging = tx.objectStore('staging');
    const stagingBodies = tx.objectStore('stagingBodies');
    const writes: Promise<unknown>[] = [];
    try {
      const overlay = (await meta.get('overlay')) as Overlay | undefined;
      if (!overlay) {
        await tx.done;
        return;
      }
      const rows = await staging.getAll(generationRange(overlay.gen), limit);
      const [bodies, replaced] = await Promise.all([
        Promise.all(rows.map((row) => stagingBodies.get([row.gen, row.id]))),
        // The versions about to be replaced, for the topics they leave.
        Promise.all(rows.map((row) => (row.isNew ? undefined : tx.objectStore('articles').get(row.id)))),
      ]);
      const bodyOf = new Map(bodies.flatMap((body) => (body ? [[body.id, unstagedBody(body)] as const] : [])));
      const { topics } = overlay;
      rows.forEach((row, i) => {
        if (topics) shiftTopics(topics, replaced[i], row, -1);
        // A row staged before version 5 carries its body: it is split here. A new article's body is in place already.
        const record = unstaged(row);
        const moved = hasInlineBody(record) || bodyOf.has(row.id);
        const { card, body } = splitRecord(joinRecord(record, bodyOf.get(row.id)));
        writes.push(tx.objectStore('articles').put(card), staging.delete([row.gen, row.id]));
        if (moved) writes.push(tx.objectStore('bodies').put(body), stagingBodies.delete([row.gen, row.id]));
      });
      // Counts stay right at every step (counts.ts): what is folded is counted in `articles` now.
      const folded = rows.filter((row) => row.isNew).length;
      if (rows.length < limit) writes.push(meta.delete('overlay'));
      else writes.push(meta.put({ gen: overlay.gen, added: overlay.added - folded, topics } satisfies Overlay, 'overlay'));
      await Promise.all([...writes, tx.done]);
      // Large articles: fewer per transaction next time, so each stays about FOLD_BYTES.
      const average = rows.reduce((sum, row) => sum + sizeOf({ ...row, ...bodyOf.get(row.id) }), 0) / Math.max(1, rows.length);
      limit = Math.max(1, Math.min(FOLD_ITEMS, Math.floor(FOLD_BYTES / average)));
    } catch (error) {
      for (const write of writes) write.catch(() => undefined);
      tx.done.catch(() => undefined);
      throw isStorageFull(error, tx) ? storageFullError(error) : error;
    }
    await breather(FOLD_PAUSE_MS);
  }
}

/** Deletes staged records no commit made visible (a refresh that failed or was killed), a chunk at a time. */
export async function discardStaged(db: BaoDb): Promise<void> {
  for (;;) {
    const tx = db.transaction(['articles', 'bodies', 'staging', 'stagingBodies', 'meta'], 'readwrite');
    const staging = tx.objectStore('staging');
    const stagingBodies = tx.objectStore('stagingBodies');
    const overlay = (await tx.objectStore('meta').get('overlay')) as Overlay | undefined;
    const rows = (await staging.getAll(null, FOLD_ITEMS * 4)).filter(({ gen }) => gen !== overlay?.gen);
    // A new article's body was written to `bodies`: it goes too, unless a card for it exists after all.
    const cards = await Promise.all(rows.map((row) => (row.isNew ? tx.objectStore('articles').getKey(row.id) : row.id)));
    const writes = rows.flatMap((row, i) => [
      staging.delete([row.gen, row.id]),
      cards[i] === undefined ? tx.objectStore('bodies').delete(row.id) : stagingBodies.delete([row.gen, row.id]),
    ]);
    await Promise.all([...writes, tx.done]);
    if (rows.length === 0) return;
    await breather();
  }
}
