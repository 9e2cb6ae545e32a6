// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../../src/shared/feed/types';
import { FakeCacheStorage } from '../helpers/fake-caches';

let cacheStorage: FakeCacheStorage;

/** Fresh actions over an empty database and empty caches, with these pictures already downloaded. */
async function freshActions(downloaded: string[]) {
  vi.resetModules();
  globalThis.indexedDB = new IDBFactory();
  cacheStorage = new FakeCacheStorage();
  vi.stubGlobal('caches', cacheStorage);
  // No network: a picture not downloaded already cannot be kept.
  vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
  const pictures = await cacheStorage.open('bao-images');
  for (const url of downloaded) await pictures.put(url, new Response('jpeg'));
  const [saved, articles, marks, mark, store, db] = await Promise.all([
    import('../../../src/app/actions/saved'),
    import('../../../src/app/actions/open-article'),
    import('../../../src/app/actions/reader-marks'),
    import('../../../src/app/actions/read-mark'),
    import('../../../src/shared/store/articles'),
    import('../../../src/app/actions/db'),
  ]);
  const refresh = async (items: Article[]) => store.mergeArticles(await db.db(), items, Date.now());
  return { ...saved, ...articles, ...marks, ...mark, refresh };
}

const picture = (name: string) => `https://example.org/img/${name}.jpg`;

function article(id: string, title: string, pictureName: string): Article {
  return {
    id,
    title,
    contentHtml: `<p>${title}: nội dung.</p><img src="${picture(pictureName)}" alt="">`,
    published: Date.parse('2024-01-01T08:00:00+07:00'),
    authors: [],
    tags: ['Xã hội'],
  };
}

const saved = () => cacheStorage.urls('bao-saved-images');

beforeEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('saving articles (actions/saved)', () => {
  it('keeps the saved version and its picture when a refresh rewrites the article', async () => {
    const a = await freshActions([picture('cau'), picture('cau-moi')]);
    await a.refresh([article('cau', 'Cầu mới', 'cau')]);
    const opened = await a.openArticle('cau', 0);
    await a.saveArticle(opened.article!, true);
    expect(saved()).toEqual([picture('cau')]);

    await a.refresh([article('cau', 'Cầu mới đã thông xe', 'cau-moi')]);
    const again = await a.openArticle('cau', 0);
    expect(again.article?.title).toBe('Cầu mới');
    expect(again.newer?.title).toBe('Cầu mới đã thông xe');
    expect((await a.listSavedArticles()).map((r) => r.article.title)).toEqual(['Cầu mới']);
    expect(saved()).toEqual([picture('cau')]);

    await a.keepNewerVersion('cau');
    const kept = await a.openArticle('cau', 0);
    expect(kept.article?.title).toBe('Cầu mới đã thông xe');
    expect(kept.newer).toBeUndefined();
    expect(saved()).toEqual([picture('cau-moi')]);
  });

  it('counts a picture two saved articles share: it goes only with the last of them', async () => {
    const a = await freshActions([picture('chung'), picture('rieng')]);
    const one = article('mot', 'Bài một', 'chung');
    const two = { ...article('hai', 'Bài hai', 'rieng'), image: picture('chung') };
    await a.refresh([one, two]);
    await a.saveArticle((await a.openArticle('mot', 0)).article!, true);
    await a.saveArticle((await a.openArticle('hai', 0)).article!, true);
    expect(saved()).toEqual([picture('chung'), picture('rieng')]);

    await a.saveArticle((await a.openArticle('hai', 0)).article!, false);
    expect(saved()).toEqual([picture('chung')]);
    await a.saveArticle((await a.openArticle('mot', 0)).article!, false);
    expect(saved()).toEqual([]);
  });

  it('keeps an old picture another saved article still shows when a newer version is kept', async () => {
    const a = await freshActions([picture('chung'), picture('moi')]);
    await a.refresh([article('mot', 'Bài một', 'chung'), article('hai', 'Bài hai', 'chung')]);
    await a.saveArticle((await a.openArticle('mot', 0)).article!, true);
    await a.saveArticle((await a.openArticle('hai', 0)).article!, true);
    await a.refresh([article('mot', 'Bài một (sửa)', 'moi')]);
    await a.keepNewerVersion('mot');
    expect(saved()).toEqual([picture('chung'), picture('moi')]);
  });

  it('lists saved articles, newest saved first, without reading a body, and opens each with the text saved', async () => {
    const a = await freshActions([]);
    await a.refresh([article('mot', 'Bài một', 'x'), article('hai', 'Bài hai', 'y')]);
    await a.saveArticle((await a.openArticle('mot', 0)).article!, true);
    await a.saveArticle((await a.openArticle('hai', 0)).article!, true);
    await a.refresh([article('mot', 'Bài một (sửa)', 'x')]);
    const bodiesRead = countReads(['bodies', 'savedBodies']);
    const rows = await a.listSavedArticles();
    expect(bodiesRead()).toBe(0);
    expect(rows.some((r) => 'contentHtml' in r.article)).toBe(false);
    expect(rows.map((r) => [r.article.title, r.read])).toEqual([
      ['Bài hai', true],
      ['Bài một', true],
    ]);
    expect((await a.openArticle('mot', 0)).article?.contentHtml).toContain('Bài một: nội dung.');
  });

  it('unsaving shows the stored version again, with nothing newer to offer', async () => {
    const a = await freshActions([]);
    await a.refresh([article('cau', 'Cầu mới', 'cau')]);
    await a.saveArticle((await a.openArticle('cau', 0)).article!, true);
    await a.refresh([article('cau', 'Cầu mới đã thông xe', 'cau')]);
    await a.saveArticle((await a.openArticle('cau', 0)).article!, false);
    const opened = await a.openArticle('cau', 0);
    expect(opened.article?.title).toBe('Cầu mới đã thông xe');
    expect(opened.newer).toBeUndefined();
    expect(await a.listSavedArticles()).toEqual([]);
  });
});

/** Counts, from now on, the requests that read records of these stores (keys of an index are not records). */
function countReads(stores: string[]): () => number {
  let reads = 0;
  for (const method of ['get', 'getAll', 'openCursor'] as const) {
    const original = IDBObjectStore.prototype[method] as (...args: unknown[]) => IDBRequest;
    vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
      if (stores.includes(this.name)) reads++;
      return original.apply(this, args);
    } as never);
  }
  return () => reads;
}

describe('read marks (actions/reader-marks)', () => {
  it('are index keys: no reader record is read for them', async () => {
    const a = await freshActions([]);
    await a.refresh([article('mot', 'Bài một', 'x'), article('hai', 'Bài hai', 'y')]);
    await a.saveArticle((await a.openArticle('mot', 0)).article!, true);
    const readerRead = countReads(['reader']);
    expect(await a.readArticleIds()).toEqual(new Set(['mot']));
    expect(readerRead()).toBe(0);
  });

  it('opening marks read; the reader can mark it unread and read again', async () => {
    const a = await freshActions([]);
    await a.refresh([article('mot', 'Bài một', 'x'), article('hai', 'Bài hai', 'y')]);
    expect(await a.readArticleIds()).toEqual(new Set());
    await a.openArticle('mot', 0);
    expect(await a.readArticleIds()).toEqual(new Set(['mot']));
    await a.setReadMark('mot', false);
    expect(await a.readArticleIds()).toEqual(new Set());
    await a.setReadMark('hai', true);
    expect(await a.readArticleIds()).toEqual(new Set(['hai']));
  });
});
