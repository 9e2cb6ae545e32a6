import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../../src/shared/feed/types';
import { countArticles, getArticle, knownIds, listArticles, mergeArticles } from '../../../src/shared/store/articles';
import { openStore, type BaoDb } from '../../../src/shared/store/open';
import { markRead, setSaved } from '../../../src/shared/store/reader';
import { commitGeneration, foldOverlay, nextGeneration, stageItems } from '../../../src/shared/store/staging';

const opened: BaoDb[] = [];
let counter = 0;
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function freshDb(): Promise<BaoDb> {
  const db = await openStore({ name: `test-staging-${counter++}` });
  opened.push(db);
  return db;
}

const HOUR = 3_600_000;
function article(id: string, hoursOld: number, title = `Bài ${id}`): Article {
  return { id, title, contentText: id, published: Date.UTC(2024, 0, 1) - hoursOld * HOUR, authors: [], tags: [] };
}

const ids = async (db: BaoDb, limit = 100) => (await listArticles(db, limit)).map((a) => `${a.id}:${a.title}`);

/** A refresh stopped after staging (crash before the commit), or after the commit and `folded` chunks. */
async function interruptedMerge(db: BaoDb, items: Article[], stopAt: 'staged' | 'committed'): Promise<void> {
  const gen = await nextGeneration(db);
  const topics = {};
  const staged = await stageItems(db, gen, items, 5, topics);
  if (stopAt === 'committed') await commitGeneration(db, gen, staged, topics);
}

describe('a refresh merged in short transactions', () => {
  const old = [article('a', 1), article('b', 2), article('c', 3)];
  const next = [article('n1', 0), article('b', 2, 'Bài b (sửa)'), article('n2', 2.5), article('c', 0.5, 'Bài c (mới lên đầu)')];

  it('shows the old feed until the commit, whatever was staged', async () => {
    const db = await freshDb();
    await mergeArticles(db, old, 1);
    await interruptedMerge(db, next, 'staged');
    expect(await ids(db)).toEqual(['a:Bài a', 'b:Bài b', 'c:Bài c']);
    expect(await countArticles(db)).toBe(3);
    expect(await knownIds(db)).toEqual(new Set(['a', 'b', 'c']));
    expect((await getArticle(db, 'b'))?.title).toBe('Bài b');
    expect(await getArticle(db, 'n1')).toBeUndefined();
  });

  it('shows the whole new feed from the commit on, before, during and after folding, in date order and in pages', async () => {
    const db = await freshDb();
    await mergeArticles(db, old, 1);
    await interruptedMerge(db, next, 'committed');
    const expected = ['n1:Bài n1', 'c:Bài c (mới lên đầu)', 'a:Bài a', 'b:Bài b (sửa)', 'n2:Bài n2'];
    expect(await ids(db)).toEqual(expected);
    expect(await countArticles(db)).toBe(5);
    expect(await knownIds(db)).toEqual(new Set(['a', 'b', 'c', 'n1', 'n2']));
    expect((await getArticle(db, 'b'))?.title).toBe('Bài b (sửa)');
    // Bodies too: a new article's, and a new version's.
    expect((await getArticle(db, 'n1'))?.contentText).toBe('n1');
    expect((await getArticle(db, 'b'))?.contentText).toBe('b');
    // Paging resumes exactly after the last row shown, across both stores.
    const first = await listArticles(db, 2);
    const last = first[first.length - 1]!;
    const rest = await listArticles(db, 10, [last.published, last.id]);
    expect([...first, ...rest].map((a) => `${a.id}:${a.title}`)).toEqual(expected);

    await foldOverlay(db);
    expect(await ids(db)).toEqual(expected);
    expect(await countArticles(db)).toBe(5);
    expect(await db.count('staging')).toBe(0);
    expect(await db.count('stagingBodies')).toBe(0);
    expect(await db.count('bodies')).toBe(5);
  });

  it('cleans up after an interrupted refresh and leaves saved and read marks alone', async () => {
    const db = await freshDb();
    await mergeArticles(db, old, 1);
    await setSaved(db, 'a', true, 2);
    await markRead(db, 'b', 3);
    await interruptedMerge(db, next, 'staged');
    await mergeArticles(db, [article('n3', 0)], 6);
    expect(await ids(db)).toEqual(['n3:Bài n3', 'a:Bài a', 'b:Bài b', 'c:Bài c']);
    expect(await db.count('staging')).toBe(0);
    expect(await db.count('stagingBodies')).toBe(0);
    // The new articles' bodies staged by the refresh that never committed went with it.
    expect((await db.getAllKeys('bodies')).sort()).toEqual(['a', 'b', 'c', 'n3']);
    expect((await getArticle(db, 'b'))?.contentText).toBe('b');
    expect(await db.getAll('reader')).toEqual([
      { id: 'a', savedAt: 2 },
      { id: 'b', readAt: 3 },
    ]);
  });

  it('counts every article exactly once while a large generation is folded in', async () => {
    const db = await freshDb();
    await mergeArticles(db, old, 1);
    await interruptedMerge(db, Array.from({ length: 450 }, (_, i) => article(`n-${i}`, i)), 'committed');
    const counts = new Set<number>();
    let folding = true;
    const fold = foldOverlay(db).finally(() => (folding = false));
    while (folding) counts.add(await countArticles(db));
    await fold;
    counts.add(await countArticles(db));
    expect([...counts]).toEqual([453]);
    expect(await db.get('meta', 'overlay')).toBeUndefined();
  });

  it('writes a feed larger than one chunk whole, keeping when each article was first stored', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('t-1', 1)], 100);
    const many = Array.from({ length: 1200 }, (_, i) => article(`t-${i}`, i));
    const result = await mergeArticles(db, many, 200);
    expect(result).toMatchObject({ added: 1199, updated: 0 });
    expect(await countArticles(db)).toBe(1200);
    expect((await getArticle(db, 't-1'))?.fetchedAt).toBe(100);
    expect((await getArticle(db, 't-2'))?.fetchedAt).toBe(200);
    expect(await db.count('staging')).toBe(0);
  });
});
