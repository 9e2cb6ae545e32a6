import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadIndex, saveIndex } from '../../../src/search-worker/index-store';
import type { Article } from '../../../src/shared/feed/types';
import { toSearchDoc } from '../../../src/shared/search/documents';
import { Segment } from '../../../src/shared/search/postings';
import { SearchIndex } from '../../../src/shared/search/search-index';
import { decodeSnapshot, snapshotParts } from '../../../src/shared/search/snapshot';
import { getArticles, knownIds, mergeArticles } from '../../../src/shared/store/articles';
import { deleteArticles } from '../../../src/shared/store/evict';
import { openStore, type BaoDb } from '../../../src/shared/store/open';
import { commitGeneration, foldOverlay, nextGeneration, stageItems } from '../../../src/shared/store/staging';

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

/**
 * A snapshot's content: its documents, vocabulary and postings as bytes, all
 * but the skip entries, which only speed up seeks (a segment joined from
 * batches has them where each batch's count put them).
 */
function withoutSkips(bytes: Uint8Array) {
  const { segments, vocabulary, ...parts } = decodeSnapshot(bytes);
  const main = (segments[0] as { segment: Segment }).segment;
  const { skipStart: _start, skipDoc: _doc, skipByte: _byte, skipPos: _pos, ...arrays } = main.arrays;
  return { ...parts, terms: vocabulary.terms, variants: vocabulary.variants, arrays };
}

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

  it('catches a snapshot up with articles changed behind it, without a rebuild', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Mùa mận hậu'), article('c', 'Đường lên Tà Xùa')], 1);
    const first = await loadIndex(db);
    await saveIndex(db, first.index, first.revision);

    // Background refreshes while no page (and so no search worker) was open.
    await mergeArticles(db, [article('b', 'Chè Tà Xùa')], 2);
    await mergeArticles(db, [article('a', 'Mùa đào Mộc Châu')], 3);
    await deleteArticles(db, ['c']);
    const second = await loadIndex(db);
    expect(second.source).toBe('caught-up');
    expect(second.index.search('ta xua').hits.map((h) => h.id)).toEqual(['b']);
    // The old title is gone: at most a typo look-alike of it still matches.
    const oldWords = second.index.search('man hau').hits.flatMap((h) => h.terms);
    expect(oldWords).not.toContain('man');
    expect(oldWords).not.toContain('hau');
    expect(second.index.search('moc chau').hits.map((h) => h.id)).toEqual(['a']);
  });

  it('rebuilds when the backlog does not reach back to the snapshot', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Mùa mận hậu')], 1);
    const first = await loadIndex(db);
    await saveIndex(db, first.index, first.revision);
    // More changes than a backlog keeps: it is dropped, and the next one starts later.
    const many = Array.from({ length: 2_001 }, (_, i) => article(`n${i}`, `Tin số ${i}`));
    await mergeArticles(db, many, 2);
    await mergeArticles(db, [article('b', 'Chè Tà Xùa')], 3);
    const second = await loadIndex(db);
    expect(second.source).toBe('rebuilt');
    expect(second.index.search('che ta xua').hits.map((h) => h.id)).toEqual(['b']);
  });

  it('when asked, takes a snapshot the backlog no longer reaches as it was saved, rather than rebuild', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Mùa mận hậu')], 1);
    const first = await loadIndex(db);
    await saveIndex(db, first.index, first.revision);
    await mergeArticles(db, Array.from({ length: 2_001 }, (_, i) => article(`n${i}`, `Tin số ${i}`)), 2);
    await mergeArticles(db, [article('b', 'Chè Tà Xùa')], 3);
    const stale = await loadIndex(db, { allowStale: true });
    expect(stale.source).toBe('stale');
    expect(stale.revision).toBe(first.revision);
    expect(stale.index.search('man hau').hits.map((h) => h.id)).toEqual(['a']);
    expect(stale.index.search('che ta xua').hits).toEqual([]);
  });

  it('a refresh that changes nothing leaves the snapshot valid', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Mùa mận hậu')], 1);
    const first = await loadIndex(db);
    await saveIndex(db, first.index, first.revision);
    await mergeArticles(db, [article('a', 'Mùa mận hậu')], 2);
    expect((await loadIndex(db)).source).toBe('snapshot');
  });

  it('drops evicted articles when it catches up', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Mùa mận hậu'), article('b', 'Mận hậu Mộc Châu')], 1);
    const first = await loadIndex(db);
    await saveIndex(db, first.index, first.revision);
    await deleteArticles(db, ['a']);
    const second = await loadIndex(db);
    expect(second.source).toBe('caught-up');
    expect(second.index.search('man hau').hits.map((h) => h.id)).toEqual(['b']);
  });
  it('builds in steps, each answering for the articles indexed so far', async () => {
    const db = await freshDb();
    const many = Array.from({ length: 450 }, (_, i) => article(`n${i}`, `Tin số ${i}`));
    await mergeArticles(db, many, 1);
    const steps: Array<{ indexed: number; total: number; found: number }> = [];
    const loaded = await loadIndex(db, {
      step: async ({ index, indexed, total }) => {
        steps.push({ indexed, total, found: index.search('tin so').total });
      },
    });
    expect(steps.map((s) => [s.indexed, s.total])).toEqual([[200, 450], [400, 450], [450, 450]]);
    expect(steps.map((s) => s.found)).toEqual([200, 400, 450]);
    expect(loaded.index.search('tin so').total).toBe(450);
  });

  it('answers between batches of a build without encoding the articles again, as a finished index over them would', async () => {
    const db = await freshDb();
    const places = ['Hà Giang', 'Sơn La', 'Mộc Châu', 'Tà Xùa', 'Đà Lạt'];
    await mergeArticles(db, Array.from({ length: 1_000 }, (_, i) => article(`n${i}`, `Tin số ${i} về ${places[i % 5]}, mùa mận ${i % 7}`)), 1);
    // Postings encoded into segments while answering: the answers' own cost, beyond the build's.
    let answering = false;
    let encodedByAnswers = 0;
    const fromLog = Segment.fromLog.bind(Segment);
    const spy = vi.spyOn(Segment, 'fromLog').mockImplementation((terms, log) => {
      if (answering) encodedByAnswers += log.length;
      return fromLog(terms, log);
    });
    const queries = ['son la', 'tin so 5', 'mua man 3', 'moc chau mua', 'ta xua'];
    const answered: string[] = [];
    try {
      await loadIndex(db, {
        step: async ({ index }) => {
          answering = true;
          const answers = await Promise.all(queries.map((q) => index.searchAsync(q, { limit: 5 })));
          answering = false;
          // Batches come in key order: the index holds the first ids so far.
          const ids = [...(await knownIds(db))].sort().slice(0, index.size);
          const settled = SearchIndex.build((await getArticles(db, ids)).map(toSearchDoc));
          expect(answers).toEqual(queries.map((q) => settled.search(q, { limit: 5 })));
          answered.push(...ids.slice(-1));
        },
      });
    } finally {
      spy.mockRestore();
    }
    expect(answered).toHaveLength(5);
    expect(encodedByAnswers).toBe(0);
  });

  it('keeps small positions in the snapshot, and stores big ones apart, read back for phrase order', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('x', 'Dân vận khéo')], 1);
    const small = await loadIndex(db);
    expect(await saveIndex(db, small.index, small.revision)).toBeUndefined();
    expect(await db.getAllKeys('search')).toEqual(['articles']);
    // Pages above 0 bytes: what an archive of more than about 20,000 articles does.
    await db.put('meta', 0, 'searchPagesAbove');
    await deleteArticles(db, ['x']);
    // The scattered words are newer: only the phrase puts the older article first.
    await mergeArticles(db, [{ ...article('a', 'Tin Sơn La'), contentHtml: '<p>Phong trào dân vận khéo ở bản.</p>', published: 1 }], 1);
    await mergeArticles(db, [{ ...article('b', 'Tin Sơn La'), contentHtml: '<p>Khéo léo, vận động người dân.</p>', published: 2 }], 2);
    const first = await loadIndex(db);
    const saved = await saveIndex(db, first.index, first.revision);
    const keys = (await db.getAllKeys('search')).filter((k) => k !== 'articles');
    expect(keys.length).toBe(1);
    const second = await loadIndex(db);
    expect(second.source).toBe('snapshot');
    for (const index of [saved, second.index]) {
      const result = await index?.searchAsync('dan van kheo');
      expect(result?.hits.map((h) => h.id)).toEqual(['a', 'b']);
    }
  });

  it('rebuilds when a page of the positions is gone, and keeps only the last save’s pages', async () => {
    const db = await freshDb();
    await db.put('meta', 0, 'searchPagesAbove');
    await mergeArticles(db, [article('a', 'Dân vận khéo ở Sơn La')], 1);
    const first = await loadIndex(db);
    await saveIndex(db, first.index, first.revision);
    // A snapshot deleted on its own (as a test may) leaves its pages: the next save drops them too.
    await db.delete('search', 'articles');
    await saveIndex(db, first.index, first.revision);
    const [page, ...others] = (await db.getAllKeys('search')).filter((k) => k !== 'articles');
    expect(others).toEqual([]);
    await db.delete('search', page as string);
    const second = await loadIndex(db);
    expect(second.source).toBe('rebuilt');
    expect(second.index.search('dan van kheo').hits.map((h) => h.id)).toEqual(['a']);
  });

  it('restores a snapshot with pages while the store counts them, not after', async () => {
    const db = await freshDb();
    await db.put('meta', 0, 'searchPagesAbove');
    await mergeArticles(db, [article('a', 'Dân vận khéo ở Sơn La')], 1);
    const first = await loadIndex(db);
    await saveIndex(db, first.index, first.revision);
    const events: string[] = [];
    const count = IDBObjectStore.prototype.count;
    vi.spyOn(IDBObjectStore.prototype, 'count').mockImplementation(function (this: IDBObjectStore, query?: IDBValidKey | IDBKeyRange) {
      const request = count.call(this, query);
      request.addEventListener('success', () => events.push('counted'));
      return request;
    });
    const fromBytes = SearchIndex.fromBytes.bind(SearchIndex);
    vi.spyOn(SearchIndex, 'fromBytes').mockImplementation((...args) => {
      events.push('restoring');
      return fromBytes(...args);
    });
    const second = await loadIndex(db);
    vi.restoreAllMocks();
    expect(second.source).toBe('snapshot');
    // Before, the restore waited for the count: reopening at 50,000 articles waited 13–48 ms (200 under load) more.
    expect(events).toEqual(['restoring', 'counted']);
  });

  it('saves a change to an index whose positions are in pages without reading the pages back or writing them again', async () => {
    const db = await freshDb();
    await db.put('meta', 0, 'searchPagesAbove');
    const body = (i: number) => `<p>Tin số ${i}. Phong trào dân vận khéo ở bản ${i % 9}, mùa mận hậu Mộc Châu.</p>`;
    await mergeArticles(db, Array.from({ length: 300 }, (_, i) => ({ ...article(`n${i}`, `Tin Sơn La ${i}`), contentHtml: body(i), published: i })), 1);
    const built = await loadIndex(db);
    await saveIndex(db, built.index, built.revision);
    const restored = await loadIndex(db);
    expect(restored.source).toBe('snapshot');
    const pagesBefore = await db.getAll('search', IDBKeyRange.bound('articles/pos/', 'articles/pos/\uffff'));
    // A refresh: an article added (the phrase only in it, the words scattered in a newer one), one changed, one removed.
    const added = [
      { ...article('new', 'Hạt điều rang muối Bình Phước'), contentHtml: '<p>Hạt điều rang muối.</p>', published: 1_000 },
      { ...article('scattered', 'Muối rang'), contentHtml: '<p>Điều hạt, muối và rang.</p>', published: 2_000 },
      { ...article('n5', 'Tin Sơn La 5 đã sửa'), contentHtml: '<p>Lúa gạo Điện Biên.</p>', published: 5 },
    ];
    await mergeArticles(db, added, 2);
    await deleteArticles(db, ['n7']);
    for (const a of added) restored.index.add(toSearchDoc(a));
    restored.index.remove('n7');
    const revision = (await db.get('meta', 'articlesRevision')) as number;
    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    const get = vi.spyOn(IDBObjectStore.prototype, 'get');
    let saved: SearchIndex | undefined;
    try {
      saved = await saveIndex(db, restored.index, revision);
      // Reads of the save: the page count it keeps referring to, and the backlog's revision; no page.
      expect(getAll).not.toHaveBeenCalled();
      expect(get.mock.calls.map(([key]) => String(key))).toEqual(['articlesRevision']);
    } finally {
      getAll.mockRestore();
      get.mockRestore();
    }
    // It answers on as it is: nothing to swap in.
    expect(saved).toBeUndefined();
    expect(await db.getAll('search', IDBKeyRange.bound('articles/pos/', 'articles/pos/\uffff'))).toEqual(pagesBefore);
    const again = await loadIndex(db);
    expect(again.source).toBe('snapshot');
    const live = (await getArticles(db, [...(await knownIds(db))].sort())).map(toSearchDoc);
    expect(live.map((d) => d.id)).not.toContain('n7');
    const settled = SearchIndex.build(live);
    for (const q of ['hat dieu rang muoi', 'dan van kheo', 'tin son la 7', 'lua gao dien bien', 'tin son la 5', 'man hau moc chau']) {
      const answers = [await restored.index.searchAsync(q), await again.index.searchAsync(q)];
      for (const a of answers) expect({ q, ...a }).toEqual({ q, ...settled.search(q) });
    }
    expect((await again.index.searchAsync('hat dieu rang muoi')).hits.map((h) => h.id)).toEqual(['new', 'scattered']);
  });

  it('keeps the snapshot small: once the articles added since weigh a sixteenth of the stored positions, it writes everything again', async () => {
    const db = await freshDb();
    await db.put('meta', 0, 'searchPagesAbove');
    const body = (i: number) => `<p>Tin số ${i}. Phong trào dân vận khéo ở bản ${i % 9}, mùa mận hậu Mộc Châu.</p>`;
    const news = (from: number, n: number) => Array.from({ length: n }, (_, k) => ({ ...article(`n${from + k}`, `Tin Sơn La ${from + k}`), contentHtml: body(from + k), published: from + k }));
    await mergeArticles(db, news(0, 320), 1);
    const built = await loadIndex(db);
    await saveIndex(db, built.index, built.revision);
    const pageKeys = async () => (await db.getAllKeys('search')).filter((k) => k !== 'articles');
    const stored = await pageKeys();
    const restored = await loadIndex(db);
    const size = async () => ((await db.get('search', 'articles')) as { data: Uint8Array }).data.length;
    const before = await size();
    // 15 articles like the 320 stored: under a sixteenth of their positions; the pages are kept, the snapshot grows.
    for (const a of news(320, 15)) restored.index.add(toSearchDoc(a));
    expect(await saveIndex(db, restored.index, 1)).toBeUndefined();
    expect(await pageKeys()).toEqual(stored);
    expect(await size()).toBeGreaterThan(before);
    // 10 more: past it.
    for (const a of news(335, 10)) restored.index.add(toSearchDoc(a));
    const rewritten = await saveIndex(db, restored.index, 1);
    expect(await pageKeys()).not.toEqual(stored);
    expect((await rewritten?.searchAsync('dan van kheo', { limit: 400 }))?.total).toBe(345);
  });

  it('writes everything again once the removed articles weigh, dropping the old pages; refers to no page that is gone', async () => {
    const db = await freshDb();
    await db.put('meta', 0, 'searchPagesAbove');
    await mergeArticles(db, Array.from({ length: 40 }, (_, i) => ({ ...article(`n${i}`, `Tin ${i}: dân vận khéo`), published: i })), 1);
    const built = await loadIndex(db);
    await saveIndex(db, built.index, built.revision);
    const pageKeys = async () => (await db.getAllKeys('search')).filter((k) => k !== 'articles');
    const first = await pageKeys();
    const restored = await loadIndex(db);
    for (let i = 0; i < 5; i++) restored.index.remove(`n${i}`);
    expect(await saveIndex(db, restored.index, 1)).toBeUndefined();
    expect(await pageKeys()).toEqual(first);
    // More than a quarter removed: the next save writes the live articles' positions anew.
    for (let i = 5; i < 15; i++) restored.index.remove(`n${i}`);
    const rewritten = await saveIndex(db, restored.index, 1);
    const second = await pageKeys();
    expect(second).toHaveLength(first.length);
    expect(second).not.toEqual(first);
    expect((await rewritten?.searchAsync('dan van kheo', { limit: 100 }))?.total).toBe(25);
    // Its pages gone (another tab saved, the browser dropped them): the change is not saved over them.
    const stored = await db.get('search', 'articles');
    const current = await loadIndex(db);
    current.index.remove('n20');
    for (const key of second) await db.delete('search', key);
    expect(await saveIndex(db, current.index, 1)).toBeUndefined();
    expect(await db.get('search', 'articles')).toEqual(stored);
    expect((await loadIndex(db)).source).toBe('rebuilt');
  });

  it.each(['a page', 'the snapshot'])('leaves the saved index usable when the store refuses %s of a full save (full storage)', async (refused) => {
    const db = await freshDb();
    await db.put('meta', 0, 'searchPagesAbove');
    const body = (i: number) => `<p>Tin số ${i}. ${'Phong trào dân vận khéo ở bản, mùa mận hậu Mộc Châu. '.repeat(120)}</p>`;
    await mergeArticles(db, Array.from({ length: 120 }, (_, i) => ({ ...article(`n${i}`, `Tin Sơn La ${i}`), contentHtml: body(i), published: i })), 1);
    const built = await loadIndex(db);
    await saveIndex(db, built.index, built.revision);
    const stored = { keys: await db.getAllKeys('search'), snapshot: await db.get('search', 'articles') };
    expect(stored.keys.length).toBeGreaterThan(2);
    // A refresh removes more than a quarter: the next save writes everything again.
    const restored = await loadIndex(db);
    const gone = Array.from({ length: 40 }, (_, i) => `n${i}`);
    await deleteArticles(db, gone);
    for (const id of gone) restored.index.remove(id);
    const put = IDBObjectStore.prototype.put;
    const refuse = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = put.apply(this, args);
      // As a full store does: the request fails and its transaction is aborted.
      if ((args[1] === 'articles') === (refused === 'the snapshot')) this.transaction.abort();
      return request;
    });
    try {
      expect(await saveIndex(db, restored.index, (await db.get('meta', 'articlesRevision')) as number)).toBeUndefined();
    } finally {
      refuse.mockRestore();
    }
    // The old snapshot and its pages as they were; the pages written before the refusal dropped.
    expect(await db.getAllKeys('search')).toEqual(stored.keys);
    expect(await db.get('search', 'articles')).toEqual(stored.snapshot);
    const reopened = await loadIndex(db);
    expect(reopened.source).toBe('caught-up');
    const found = async (q: string) => (await reopened.index.searchAsync(q, { limit: 200 })).hits.map((h) => h.id);
    expect(await found('tin son la 7')).toEqual([]);
    expect(await found('tin son la 77')).toEqual(['n77']);
    expect(await found('dan van kheo')).toHaveLength(80);
  });

  it('builds batch by batch the same index as one built from every article at once', async () => {
    const db = await freshDb();
    const places = ['Hà Giang', 'Sơn La', 'Mộc Châu', 'Tà Xùa', 'Đà Lạt'];
    await mergeArticles(db, Array.from({ length: 1_000 }, (_, i) => article(`n${i}`, `Tin số ${i} về ${places[i % 5]}`)), 1);
    const batched = await loadIndex(db, { step: async () => undefined });
    const ids = [...(await knownIds(db))].sort();
    const atOnce = SearchIndex.build((await getArticles(db, ids)).map(toSearchDoc));
    expect(batched.index.size).toBe(1_000);
    // Byte for byte, but for where skip entries fall: they depend on where batches ended (see withoutSkips).
    expect(withoutSkips(batched.index.toBytes())).toEqual(withoutSkips(atOnce.toBytes()));
  });

  /**
   * A first build over `db`, saving as it goes (a clock that moves 3 s a
   * batch makes every save due), which dies after `batches` batches as a tab
   * reloaded or killed does; returns the articles each step said were indexed.
   */
  async function cutShort(db: BaoDb, batches: number): Promise<number[]> {
    let clock = 0;
    const seen: number[] = [];
    await expect(
      loadIndex(db, {
        resumable: true,
        now: () => clock,
        step: async ({ indexed }) => {
          seen.push(indexed);
          clock += 3_000;
          if (seen.length === batches) throw new Error('tab closed');
        },
      }),
    ).rejects.toThrow('tab closed');
    return seen;
  }

  it.each([
    ['in the snapshot', undefined],
    ['in pages', 0],
  ])('goes on with a first build cut short from its last save, not from the first article (positions %s), and ends as a build from scratch', async (_, pagesAbove) => {
    const db = await freshDb();
    if (pagesAbove !== undefined) await db.put('meta', pagesAbove, 'searchPagesAbove');
    const places = ['Hà Giang', 'Sơn La', 'Mộc Châu', 'Tà Xùa', 'Đà Lạt'];
    await mergeArticles(db, Array.from({ length: 1_000 }, (_, i) => article(`n${String(i).padStart(4, '0')}`, `Tin số ${i} về ${places[i % 5]}`)), 1);
    expect(await cutShort(db, 3)).toEqual([200, 400, 600]);
    // Started again: answers at once from the 600 articles saved, then indexes the 400 after them only.
    const steps: Array<{ indexed: number; total: number; found: number }> = [];
    const again = await loadIndex(db, {
      resumable: true,
      step: async ({ index, indexed, total }) => {
        steps.push({ indexed, total, found: (await index.searchAsync('tin so', { limit: 1 })).total });
      },
    });
    expect(steps.map((s) => [s.indexed, s.total, s.found])).toEqual([
      [600, 1_000, 600],
      [800, 1_000, 800],
      [1_000, 1_000, 1_000],
    ]);
    expect(again.source).toBe('rebuilt');
    const ids = [...(await knownIds(db))].sort();
    const scratch = SearchIndex.build((await getArticles(db, ids)).map(toSearchDoc));
    for (const q of ['tin so 7', 'son la', 'ta xua tin', 'moc chau 55', 'ha giag']) {
      expect(await again.index.searchAsync(q, { limit: 30 })).toEqual(scratch.search(q, { limit: 30 }));
    }
    // Saved when done, it is a finished index: the next start takes it as it is.
    await saveIndex(db, again.index, again.revision);
    expect((await loadIndex(db)).source).toBe('snapshot');
  });

  it('saves a first build as finished when it ends: the next start restores it as it is', async () => {
    const db = await freshDb();
    await mergeArticles(db, Array.from({ length: 600 }, (_, i) => article(`n${String(i).padStart(4, '0')}`, `Tin số ${i} về Hà Giang`)), 1);
    const built = await loadIndex(db, { resumable: true, step: async () => undefined });
    expect(built.saved).toBe(true);
    const again = await loadIndex(db, { resumable: true });
    expect(again.source).toBe('snapshot');
    expect(again.index.search('ha giang', { limit: 1_000 }).total).toBe(600);
  });

  it('builds in one tab at a time: a second first build waits for the lock, then restores what the first saved instead of building again', async () => {
    const db = await freshDb();
    await mergeArticles(db, Array.from({ length: 1_000 }, (_, i) => article(`n${String(i).padStart(4, '0')}`, `Tin số ${i} về Hà Giang`)), 1);
    // Web Locks in one process: each task starts once the one before has ended.
    let held: Promise<unknown> = Promise.resolve();
    const lock = <T>(task: () => Promise<T>): Promise<T> => {
      const run = held.then(task);
      held = run.catch(() => undefined);
      return run;
    };
    // A clock that moves 3 s a batch: every partial save is due, as in a long build.
    const tab = () => {
      let clock = 0;
      const steps: number[] = [];
      const loaded = loadIndex(db, { resumable: true, lock, now: () => clock, step: async ({ indexed }) => void (steps.push(indexed), (clock += 3_000)) });
      return { loaded, steps };
    };
    const first = tab();
    const second = tab();
    const [a, b] = await Promise.all([first.loaded, second.loaded]);
    expect(a.source).toBe('rebuilt');
    expect(first.steps).toEqual([200, 400, 600, 800, 1_000]);
    expect(b.source).toBe('snapshot');
    expect(second.steps).toEqual([]);
    expect(b.index.search('ha giang', { limit: 1_000 }).total).toBe(1_000);
  });

  it('saves a build in parts: each save writes the pages of the articles indexed since the last one only, and a save cut short leaves the last one whole', async () => {
    const db = await freshDb();
    await db.put('meta', 0, 'searchPagesAbove');
    const places = ['Hà Giang', 'Sơn La', 'Mộc Châu', 'Tà Xùa', 'Đà Lạt'];
    const words = Array.from({ length: 400 }, (_, i) => `từ${i}`).join(' ');
    await mergeArticles(db, Array.from({ length: 1_000 }, (_, i) => ({ ...article(`n${String(i).padStart(4, '0')}`, `Tin số ${i} về ${places[i % 5]}`), contentHtml: `<p>${words} ${places[(i * 3) % 5]}</p>` })), 1);
    // Pages put in the store, and a store that refuses them from the third save on, as a tab closed mid-save.
    let pagesPut = 0;
    let snapshots = 0;
    const put = IDBObjectStore.prototype.put;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'search' && key === 'articles') snapshots++;
      else if (this.name === 'search' && snapshots >= 2) throw new DOMException('closed', 'AbortError');
      else if (this.name === 'search') pagesPut++;
      return put.call(this, value, key);
    });
    try {
      await cutShort(db, 4);
    } finally {
      spy.mockRestore();
    }
    const saved = (await db.get('search', 'articles')) as { pages: { count: number }; building: { after: string } };
    // Two saves, each page written once: as many as the last save refers to.
    expect(saved.building.after).toBe('n0599');
    expect(pagesPut).toBe(saved.pages.count);
    // The last save whole: the build goes on from it, and ends as one built from scratch.
    const again = await loadIndex(db, { resumable: true, step: async () => undefined });
    const ids = [...(await knownIds(db))].sort();
    const scratch = SearchIndex.build((await getArticles(db, ids)).map(toSearchDoc));
    for (const q of ['tin so 7', 'son la', 'ta xua tin', 'tu3 tu4', 'ha giag']) {
      expect(await again.index.searchAsync(q, { limit: 30 })).toEqual(scratch.search(q, { limit: 30 }));
    }
  });

  /** 1,000 articles of about 400 words each, so that positions go to pages (searchPagesAbove 0) and parts are many. */
  async function longArticles(db: BaoDb): Promise<void> {
    await db.put('meta', 0, 'searchPagesAbove');
    const places = ['Hà Giang', 'Sơn La', 'Mộc Châu', 'Tà Xùa', 'Đà Lạt'];
    const words = Array.from({ length: 400 }, (_, i) => `từ${i}`).join(' ');
    await mergeArticles(db, Array.from({ length: 1_000 }, (_, i) => ({ ...article(`n${String(i).padStart(4, '0')}`, `Tin số ${i} về ${places[i % 5]}`), contentHtml: `<p>${words} ${places[(i * 3) % 5]}</p>` })), 1);
  }
  const QUERIES = ['tin so 7', 'son la', 'ta xua tin', 'tu3 tu4', 'ha giag', 'tu399 moc chau'];
  async function scratchOf(db: BaoDb): Promise<SearchIndex> {
    const ids = [...(await knownIds(db))].sort();
    return SearchIndex.build((await getArticles(db, ids)).map(toSearchDoc));
  }

  it('saves a part whenever enough positions are in memory, even when the clock says no save is due: a tab closed then goes on from there', async () => {
    const db = await freshDb();
    await longArticles(db);
    // A clock that never moves: only the positions held can make a save due.
    await expect(
      loadIndex(db, {
        resumable: true,
        now: () => 0,
        partBytes: 100_000,
        step: async ({ indexed }) => {
          if (indexed === 800) throw new Error('tab closed');
        },
      }),
    ).rejects.toThrow('tab closed');
    const seen: number[] = [];
    const again = await loadIndex(db, { resumable: true, now: () => 0, partBytes: 100_000, step: async ({ indexed }) => void seen.push(indexed) });
    expect(seen[0]).toBe(800);
    const scratch = await scratchOf(db);
    for (const q of QUERIES) expect(await again.index.searchAsync(q, { limit: 30 })).toEqual(scratch.search(q, { limit: 30 }));
  });

  it('saves the positions of a build that will end with them in pages as parts from its first save, not in the snapshot until they pass the bound', async () => {
    const db = await freshDb();
    await longArticles(db);
    // About 800 bytes of positions an article: 800 KB in all, in pages once the build ends; past the bound after 600 articles.
    await db.put('meta', 500_000, 'searchPagesAbove');
    const snapshots: boolean[] = [];
    const put = IDBObjectStore.prototype.put;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'search' && key === 'articles') snapshots.push((value as { pages?: unknown }).pages !== undefined);
      return put.call(this, value, key);
    });
    let clock = 0;
    let built: Awaited<ReturnType<typeof loadIndex>>;
    try {
      built = await loadIndex(db, { resumable: true, now: () => clock, partBytes: 1 << 20, step: async () => void (clock += 3_000) });
    } finally {
      spy.mockRestore();
    }
    // A save due after each batch from the second on: each put its positions in pages.
    expect(snapshots).toEqual([true, true, true, true, true]);
    const scratch = await scratchOf(db);
    for (const q of QUERIES) expect(await built.index.searchAsync(q, { limit: 30 })).toEqual(scratch.search(q, { limit: 30 }));
  });

  it('writes what a build indexed once, however many times it saves: each save adds its part and a snapshot that refers to the parts before', async () => {
    const db = await freshDb();
    await longArticles(db);
    let written = 0;
    const put = IDBObjectStore.prototype.put;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'search') written += value instanceof Uint8Array ? value.byteLength : ((value as { data: Uint8Array }).data?.byteLength ?? 0);
      return put.call(this, value, key);
    });
    let clock = 0;
    let built: Awaited<ReturnType<typeof loadIndex>>;
    try {
      // Every batch's save due: four partial saves and the last.
      built = await loadIndex(db, { resumable: true, now: () => clock, step: async () => void (clock += 3_000) });
    } finally {
      spy.mockRestore();
    }
    expect(built.saved).toBe(true);
    const records = (await db.getAll('search')) as Array<Uint8Array | { data: Uint8Array }>;
    const stored = records.reduce((n, r) => n + (r instanceof Uint8Array ? r.byteLength : r.data.byteLength), 0);
    expect(written).toBeLessThan(1.25 * stored);
  });

  it('restores a build saved in parts as it was built, keeps its parts when saved again, and rebuilds when a part is gone', async () => {
    const db = await freshDb();
    await longArticles(db);
    let clock = 0;
    await loadIndex(db, { resumable: true, now: () => clock, step: async () => void (clock += 3_000) });
    const scratch = await scratchOf(db);
    const opened = await loadIndex(db);
    expect(opened.source).toBe('snapshot');
    for (const q of QUERIES) expect(await opened.index.searchAsync(q, { limit: 30 })).toEqual(scratch.search(q, { limit: 30 }));
    // A refresh adds an article: the save writes a snapshot only, the parts' pages stay as they are.
    const pagesBefore = ((await db.get('search', 'articles')) as { pages: { prefix: string; count: number } }).pages;
    await mergeArticles(db, [article('z1', 'Chè Tà Xùa mới')], 2);
    opened.index.add(toSearchDoc((await getArticles(db, ['z1']))[0] as Article));
    await saveIndex(db, opened.index, await db.get('meta', 'articlesRevision') as number);
    expect(((await db.get('search', 'articles')) as { pages: unknown }).pages).toEqual(pagesBefore);
    const reopened = await loadIndex(db);
    expect(reopened.source).toBe('snapshot');
    const now = await scratchOf(db);
    for (const q of [...QUERIES, 'che ta xua']) expect(await reopened.index.searchAsync(q, { limit: 30 })).toEqual(now.search(q, { limit: 30 }));
    // The page holding the first part's arrays evicted: of no use, rebuilt.
    const [first] = snapshotParts(((await db.get('search', 'articles')) as { data: Uint8Array }).data);
    await db.delete('search', `${pagesBefore.prefix}${String(first).padStart(6, '0')}`);
    expect((await loadIndex(db)).source).toBe('rebuilt');
  });

  it('goes on with a build cut short over the articles changed since its last save, caught up from the backlog', async () => {
    const db = await freshDb();
    await mergeArticles(db, Array.from({ length: 600 }, (_, i) => article(`n${String(i).padStart(4, '0')}`, `Tin số ${i} về Hà Giang`)), 1);
    await cutShort(db, 2);
    // While no worker ran: one article saved already changes, one goes, one after the save comes.
    await mergeArticles(db, [article('n0007', 'Mùa mận Mộc Châu'), article('n0555', 'Chè Tà Xùa')], 2);
    await deleteArticles(db, ['n0008']);
    const seen: number[] = [];
    const again = await loadIndex(db, { resumable: true, step: async ({ indexed }) => void seen.push(indexed) });
    expect(seen[0]).toBeGreaterThanOrEqual(399);
    const found = (q: string) => again.index.search(q, { limit: 1_000 }).hits.map((h) => h.id);
    expect(found('moc chau')).toEqual(['n0007']);
    expect(found('ta xua')).toEqual(['n0555']);
    expect(found('ha giang')).toHaveLength(597);
    expect(again.index.size).toBe(599);
  });

  it('builds from the first article when the backlog does not reach back to a build cut short', async () => {
    const db = await freshDb();
    await mergeArticles(db, Array.from({ length: 600 }, (_, i) => article(`n${String(i).padStart(4, '0')}`, `Tin số ${i} về Hà Giang`)), 1);
    await cutShort(db, 2);
    await mergeArticles(db, [article('n0007', 'Mùa mận Mộc Châu')], 2);
    await db.delete('meta', 'searchBacklog');
    const seen: number[] = [];
    const again = await loadIndex(db, { resumable: true, allowStale: true, step: async ({ indexed }) => void seen.push(indexed) });
    expect(seen[0]).toBe(200);
    expect(again.index.search('moc chau').hits.map((h) => h.id)).toEqual(['n0007']);
    expect(again.index.size).toBe(600);
  });

  it.each([true, false])('indexes each article once, in its newest version, while a refresh is visible but not folded in (folded during the build: %s)', async (foldDuring) => {
    const db = await freshDb();
    await mergeArticles(db, Array.from({ length: 600 }, (_, i) => article(`n${i}`, `Tin số ${i} về Hà Giang`)), 1);
    // A refresh committed (visible) but not yet folded into the store: new versions of n0…n299, and new articles.
    const gen = await nextGeneration(db);
    const refresh = [
      ...Array.from({ length: 300 }, (_, i) => article(`n${i}`, `Tin số ${i} về Sơn La`)),
      ...Array.from({ length: 300 }, (_, i) => article(`m${i}`, `Tin mới ${i} về Mộc Châu`)),
    ];
    const topics = {};
    await commitGeneration(db, gen, await stageItems(db, gen, refresh, 2, topics), topics);
    let folded = false;
    const loaded = await loadIndex(db, {
      step: async () => {
        // The refresh finishes folding between two batches, with staged records left to read.
        if (foldDuring && !folded) await foldOverlay(db);
        folded = true;
      },
    });
    const found = (q: string) => loaded.index.search(q, { limit: 1_000 }).hits.map((h) => h.id).sort();
    expect(loaded.index.size).toBe(900);
    expect(found('son la')).toEqual(Array.from({ length: 300 }, (_, i) => `n${i}`).sort());
    expect(found('ha giang')).toEqual(Array.from({ length: 300 }, (_, i) => `n${i + 300}`).sort());
    expect(found('moc chau')).toHaveLength(300);
  });
});
