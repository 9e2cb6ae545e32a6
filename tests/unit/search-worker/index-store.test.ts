import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { loadIndex, saveIndex } from '../../../src/search-worker/index-store';
import type { Article } from '../../../src/shared/feed/types';
import { mergeArticles } from '../../../src/shared/store/articles';
import { deleteArticles } from '../../../src/shared/store/evict';
import { openStore, type BaoDb } from '../../../src/shared/store/open';

let n = 0;
const opened: BaoDb[] = [];
async function freshDb(): Promise<BaoDb> {
  const db = await openStore({ name: `index-store-${n++}` });
  opened.push(db);
  return db;
}
afterEach(() => opened.splice(0).forEach((db) => db.close()));

const article = (id: string, title: string): Article => ({
  id,
  title,
  contentHtml: `<p>${title}</p>`,
  published: 1_675_645_200_000,
  authors: [],
  tags: [],
});

const ids = (db: BaoDb, query: string) => loadIndex(db).then(({ index }) => index.search(query).hits.map((h) => h.id));

describe('search index persistence', () => {
  it('rebuilds from the articles when there is no snapshot, then reuses the saved one', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Dân vận khéo ở Sơn La')], 1);
    const first = await loadIndex(db);
    expect(first.source).toBe('rebuilt');
    await saveIndex(db, first.index, first.revision);

    const second = await loadIndex(db);
    expect(second.source).toBe('snapshot');
    expect(second.index.search('dan van kheo').hits.map((h) => h.id)).toEqual(['a']);
  });

  it('does not trust a snapshot once articles changed behind it', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Mùa mận hậu')], 1);
    const first = await loadIndex(db);
    await saveIndex(db, first.index, first.revision);

    // A background refresh while no page (and so no search worker) was open.
    await mergeArticles(db, [article('b', 'Chè Tà Xùa')], 2);
    const second = await loadIndex(db);
    expect(second.source).toBe('rebuilt');
    expect(await ids(db, 'che ta xua')).toEqual(['b']);
  });

  it('a refresh that changes nothing leaves the snapshot valid', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Mùa mận hậu')], 1);
    const first = await loadIndex(db);
    await saveIndex(db, first.index, first.revision);
    await mergeArticles(db, [article('a', 'Mùa mận hậu')], 2);
    expect((await loadIndex(db)).source).toBe('snapshot');
  });

  it('is rebuilt after an eviction, so evicted articles are not found', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Mùa mận hậu'), article('b', 'Mận hậu Mộc Châu')], 1);
    const first = await loadIndex(db);
    await saveIndex(db, first.index, first.revision);
    await deleteArticles(db, ['a']);
    const second = await loadIndex(db);
    expect(second.source).toBe('rebuilt');
    expect(await ids(db, 'man hau')).toEqual(['b']);
  });
});
