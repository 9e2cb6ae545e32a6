import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSearchHandlers, FIRST_ROWS } from '../../../src/search-worker/handlers';
import { loadIndex, saveIndex } from '../../../src/search-worker/index-store';
import { Practice } from '../../../src/search-worker/practice';
import { RowSources } from '../../../src/search-worker/row-sources';
import type { Article } from '../../../src/shared/feed/types';
import { SearchIndex } from '../../../src/shared/search/search-index';
import type { SearchMoreRows, SearchResponse, SearchWorkerMessage } from '../../../src/shared/search/protocol';
import { mergeArticles } from '../../../src/shared/store/articles';
import { listenArticlesChanged } from '../../../src/shared/store/changes';
import { deleteArticles, evictExpired } from '../../../src/shared/store/evict';
import { openStore, type BaoDb } from '../../../src/shared/store/open';

let n = 0;
const opened: BaoDb[] = [];
const stops: Array<() => void> = [];
async function freshDb(): Promise<BaoDb> {
  const db = await openStore({ name: `search-handlers-${n++}` });
  opened.push(db);
  return db;
}
afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
  opened.splice(0).forEach((db) => db.close());
});

const article = (id: string, title: string, body = title): Article => ({
  id,
  title,
  contentHtml: `<p>${body}</p>`,
  published: Date.parse('2023-02-06T08:00:00+07:00'),
  authors: [],
  tags: [],
});

/**
 * The handlers as the worker wires them: everything they post is kept, in
 * order, and the articles channel feeds them. No warm-up unless asked: it
 * goes on after a test ends, and its queries would be counted in the next.
 */
function startWorker(db: Promise<BaoDb>, beforeRebuild?: () => Promise<void>, betweenBatches?: () => Promise<void>, warmUp = false) {
  const posted: SearchWorkerMessage[] = [];
  const handlers = createSearchHandlers({ db, post: (message) => posted.push(message), onIndexChanged: () => undefined, beforeRebuild, betweenBatches, warmUp });
  stops.push(listenArticlesChanged((change) => void handlers.onChange(change)));
  /** Sends a query and waits until it is answered. */
  const ask = async (id: number, query: string) => {
    await handlers.onRequest({ id, type: 'search', query, limit: 30 });
    return answerTo(id);
  };
  /** The answer to query `id` as the page ends up showing it: the first screen's rows and the rest that followed. */
  const answerTo = (id: number): SearchResponse | undefined => {
    const first = posted.find((m): m is SearchResponse => 'id' in m && m.id === id && m.type !== 'more');
    const more = posted.find((m): m is SearchMoreRows => m.type === 'more' && m.id === id);
    return first?.type === 'results' && more ? { ...first, rows: [...first.rows, ...more.rows], looseRows: [...first.looseRows, ...more.looseRows] } : first;
  };
  const titles = (answer: SearchResponse | undefined) => (answer?.type === 'results' ? answer.rows.map((row) => row.title) : answer);
  return { posted, handlers, ask, answerTo, titles };
}

describe('the search worker’s handlers', () => {
  it('answers a query with the stored articles that hold its words, highlighted', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Dân vận khéo ở Sơn La', 'Cán bộ dân vận bám bản.'), article('b', 'Mùa mận hậu')], 1);
    const worker = startWorker(Promise.resolve(db));
    const answer = await worker.ask(1, 'dan van');
    expect(answer).toMatchObject({ type: 'results', query: 'dan van', total: 1 });
    if (answer?.type !== 'results') return;
    const [row] = answer.rows;
    expect(row?.title).toBe('Dân vận khéo ở Sơn La');
    expect(row?.titleHighlights.map(([from, to]) => row.title.slice(from, to))).toEqual(['Dân vận']);
    expect(row?.snippet.text).toContain('Cán bộ dân vận bám bản.');
    // The page learnt how many articles can be searched.
    expect(worker.posted[0]).toMatchObject({ type: 'ready', articles: 2, source: 'rebuilt' });
  });

  it('answers with the first screen’s rows, then sends the others, unless the reader has typed on', async () => {
    const db = await freshDb();
    await mergeArticles(db, Array.from({ length: 25 }, (_, i) => article(`h${i}`, `Hội An số ${i}`, `Phố cổ Hội An, bài ${i}.`)), 1);
    const posted: SearchWorkerMessage[] = [];
    const handlers = createSearchHandlers({
      db: Promise.resolve(db),
      onIndexChanged: () => undefined,
      post: (message) => {
        posted.push(message);
        // The reader types on as soon as the second query's first rows show.
        if (message.type === 'results' && message.id === 2) void handlers.onRequest({ id: 3, type: 'search', query: 'hoi an so 1', limit: 30 });
      },
      warmUp: false,
    });
    await handlers.onRequest({ id: 1, type: 'search', query: 'hoi an', limit: 30 });
    const [first, rest] = posted.filter((m) => 'id' in m);
    expect(first).toMatchObject({ id: 1, type: 'results', total: 25, more: true });
    expect(first?.type === 'results' && first.rows).toHaveLength(FIRST_ROWS);
    expect(rest).toMatchObject({ id: 1, type: 'more' });
    const ids = [...(first?.type === 'results' ? first.rows : []), ...(rest?.type === 'more' ? rest.rows : [])].map((r) => r.id);
    expect(new Set(ids).size).toBe(25);

    await handlers.onRequest({ id: 2, type: 'search', query: 'pho co', limit: 30 });
    await vi.waitFor(() => expect(posted.some((m) => m.type === 'results' && m.id === 3)).toBe(true));
    expect(posted.filter((m) => m.type === 'more' && m.id === 2)).toEqual([]);
  });

  it('suggests other words only when they find something', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Phố cổ Hội An', 'Đèn lồng phố cổ.'), article('b', 'Cầu Rồng Đà Nẵng', 'Cầu phun lửa.')], 1);
    const worker = startWorker(Promise.resolve(db));
    // Each word has a close one, «hội» and «nẵng», but no article holds both.
    expect(await worker.ask(1, 'hoii nangg')).toMatchObject({ total: 0, suggestion: undefined });
    expect(await worker.ask(2, 'den rongg')).toMatchObject({ total: 0, suggestion: 'đèn rồng' });
  });

  it('answers only the newest of the queries that came while the index was loading', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Đà Lạt mù sương'), article('b', 'Dân vận khéo')], 1);
    let open: (db: BaoDb) => void = () => undefined;
    const worker = startWorker(new Promise<BaoDb>((resolve) => (open = resolve)));
    const older = worker.handlers.onRequest({ id: 1, type: 'search', query: 'da', limit: 30 });
    const newer = worker.handlers.onRequest({ id: 2, type: 'search', query: 'dan van', limit: 30 });
    open(db);
    await Promise.all([older, newer]);
    expect(worker.answerTo(1)).toBeUndefined();
    expect(worker.titles(worker.answerTo(2))).toEqual(['Dân vận khéo']);
  });

  /** Every query an index runs, the worker's warm-up queries included, in order, with the index asked; `warmingUp` resolves at the first warm-up query. */
  function watchQueries(answered: string) {
    const original = SearchIndex.prototype.search;
    const queries: Array<{ query: string; index: SearchIndex }> = [];
    let warmUpStarted: () => void = () => undefined;
    const warmingUp = new Promise<void>((resolve) => (warmUpStarted = resolve));
    const spy = vi.spyOn(SearchIndex.prototype, 'search').mockImplementation(function (this: SearchIndex, query, options) {
      queries.push({ query, index: this });
      if (query !== answered) warmUpStarted();
      return original.call(this, query, options);
    });
    return { queries, warmingUp, restore: () => spy.mockRestore() };
  }
  const titles = ['Dân vận khéo ở Sơn La', 'Đà Lạt mù sương', 'Mùa mận hậu Mộc Châu', 'Chợ phiên Bắc Hà'];

  it('warms the ranking up once loaded, only after answering the query asked while it loaded, and never on the reader’s index', async () => {
    const db = await freshDb();
    await mergeArticles(db, titles.map((title, i) => article(String(i), title)), 1);
    let open: (db: BaoDb) => void = () => undefined;
    let warmUpEnded = false;
    const next = Practice.prototype.next;
    const practising = vi.spyOn(Practice.prototype, 'next').mockImplementation(async function (this: Practice) {
      const more = await next.call(this);
      if (!more) warmUpEnded = true;
      return more;
    });
    const worker = startWorker(new Promise<BaoDb>((resolve) => (open = resolve)), undefined, undefined, true);
    const watched = watchQueries('dan van');
    try {
      const asked = worker.handlers.onRequest({ id: 1, type: 'search', query: 'dan van', limit: 30 });
      open(db);
      await asked;
      expect(worker.titles(worker.answerTo(1))).toEqual(['Dân vận khéo ở Sơn La']);
      await watched.warmingUp;
      expect(watched.queries[0]?.query).toBe('dan van');
      await vi.waitFor(() => expect(watched.queries.length).toBeGreaterThan(titles.length));
      // Over 50,000 articles a warm-up query on the reader's index took up to
      // 138 ms, and a query typed meanwhile waited for it: the warm-up runs
      // on a small index of its own, whatever the archive's size.
      const readers = watched.queries[0]?.index;
      expect(watched.queries.slice(1).filter((q) => q.index === readers)).toEqual([]);
      // It ends (and runs into the next test no more).
      await vi.waitFor(() => expect(warmUpEnded).toBe(true), { timeout: 20_000 });
      expect(watched.queries.slice(1).filter((q) => q.index === readers)).toEqual([]);
    } finally {
      watched.restore();
      practising.mockRestore();
    }
  });

  it('answers a query asked during the warm-up after one warm-up query at most, then goes on warming up', async () => {
    const db = await freshDb();
    await mergeArticles(db, titles.map((title, i) => article(String(i), title)), 1);
    const watched = watchQueries('dan van');
    try {
      const worker = startWorker(Promise.resolve(db), undefined, undefined, true);
      await watched.warmingUp;
      const before = watched.queries.length;
      const answer = await worker.ask(1, 'dan van');
      expect(worker.titles(answer)).toEqual(['Dân vận khéo ở Sơn La']);
      expect(watched.queries.findIndex((q) => q.query === 'dan van')).toBeLessThanOrEqual(before);
      await vi.waitFor(() => expect(watched.queries.length).toBeGreaterThan(before + 10));
    } finally {
      watched.restore();
    }
  });

  it('shows an article again without reading it from the store, and reads it afresh after every change to the store: a refresh, a removal, clearing old articles', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Chè Tà Xùa', 'Chè ngon.'), article('c', 'Đường lên Tà Xùa', 'Đường xa.')], 1);
    // Articles read whole (bodies) from the store.
    let reads = 0;
    const get = IDBObjectStore.prototype.get;
    vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['get']>) {
      if (this.name === 'bodies') reads++;
      return get.apply(this, args);
    });
    const worker = startWorker(Promise.resolve(db));
    /** The rows shown for «ta xua», and how many articles the answer read from the store. */
    const shown = async (id: number) => {
      const before = reads;
      const answer = await worker.ask(id, 'ta xua');
      return { rows: answer?.type === 'results' ? answer.rows.map((row) => `${row.title}: ${row.snippet.text}`).sort() : answer, read: reads - before };
    };
    const updates = (n: number) => vi.waitFor(() => expect(worker.posted.filter((m) => m.type === 'ready' && m.source === 'updated')).toHaveLength(n));
    expect(await shown(1)).toEqual({ rows: ['Chè Tà Xùa: Chè ngon.', 'Đường lên Tà Xùa: Đường xa.'], read: 2 });
    // Typed again, or key by key: the same rows, no read (5–7 ms an answer at 5,000 articles).
    expect(await shown(2)).toEqual({ rows: ['Chè Tà Xùa: Chè ngon.', 'Đường lên Tà Xùa: Đường xa.'], read: 0 });

    // A refresh brought a new version of «a».
    await mergeArticles(db, [article('a', 'Chè Tà Xùa mùa mới', 'Chè mới hái.')], 2);
    await updates(1);
    expect(await shown(3)).toEqual({ rows: ['Chè Tà Xùa mùa mới: Chè mới hái.', 'Đường lên Tà Xùa: Đường xa.'], read: 2 });

    // «c» removed, then a new article under its id: its new text, not the one shown before.
    await deleteArticles(db, ['c']);
    await updates(2);
    expect(await shown(4)).toEqual({ rows: ['Chè Tà Xùa mùa mới: Chè mới hái.'], read: 1 });
    await mergeArticles(db, [article('c', 'Về Tà Xùa', 'Bài khác.')], 3);
    await updates(3);
    expect(await shown(5)).toEqual({ rows: ['Chè Tà Xùa mùa mới: Chè mới hái.', 'Về Tà Xùa: Bài khác.'], read: 2 });

    // Articles older than the months kept are cleared.
    await db.put('meta', 1, 'keepMonths');
    expect(await evictExpired(db, Date.parse('2024-01-01T00:00:00Z'))).toHaveLength(2);
    await updates(4);
    expect(await shown(6)).toEqual({ rows: [], read: 0 });
    vi.restoreAllMocks();
  });

  it('adds and drops articles as the store announces them, without waiting for a restart', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Chè Tà Xùa'), article('c', 'Đường lên Tà Xùa')], 1);
    const worker = startWorker(Promise.resolve(db));
    expect(worker.titles(await worker.ask(1, 'ta xua'))).toEqual(expect.arrayContaining(['Chè Tà Xùa', 'Đường lên Tà Xùa']));

    await mergeArticles(db, [article('b', 'Săn mây Tà Xùa')], 2);
    await deleteArticles(db, ['c']);
    await vi.waitFor(() => expect(worker.posted.filter((m) => m.type === 'ready' && m.source === 'updated')).toHaveLength(2));
    expect(worker.posted.at(-1)).toMatchObject({ type: 'ready', articles: 2, source: 'updated' });
    const answer = await worker.ask(2, 'ta xua');
    expect(worker.titles(answer)).toEqual(expect.arrayContaining(['Chè Tà Xùa', 'Săn mây Tà Xùa']));
    expect(answer).toMatchObject({ total: 2 });
  });

  it('rebuilds from the store when a change is too large to read article by article', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Mùa mận hậu')], 1);
    const worker = startWorker(Promise.resolve(db));
    expect(await worker.ask(1, 'tin so')).toMatchObject({ total: 0 });

    const many = Array.from({ length: 501 }, (_, i) => article(`n${i}`, `Tin số ${i} về Hà Giang`));
    await mergeArticles(db, many, 2);
    await vi.waitFor(() => expect(worker.posted.at(-1)).toMatchObject({ type: 'ready', source: 'updated', articles: 502 }));
    expect(await worker.ask(2, 'ha giang')).toMatchObject({ total: 501 });
    expect(await worker.ask(3, 'man hau')).toMatchObject({ total: 1 });
  }, 30_000);

  it('answers from the index it has until the refresh that brought a large change has ended, then rebuilds', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Mùa mận hậu')], 1);
    let refreshEnds!: () => void;
    const ended = new Promise<void>((resolve) => (refreshEnds = resolve));
    const waited = vi.fn(() => ended);
    const worker = startWorker(Promise.resolve(db), waited);
    expect(await worker.ask(1, 'man hau')).toMatchObject({ total: 1 });

    await mergeArticles(db, Array.from({ length: 501 }, (_, i) => article(`n${i}`, `Tin số ${i} về Hà Giang`)), 2);
    await vi.waitFor(() => expect(waited).toHaveBeenCalledOnce());
    // Still the index from before, and nothing read for a rebuild yet.
    expect(await worker.ask(2, 'ha giang')).toMatchObject({ total: 0 });
    expect(await worker.ask(3, 'man hau')).toMatchObject({ total: 1 });
    refreshEnds();
    await vi.waitFor(() => expect(worker.posted.at(-1)).toMatchObject({ type: 'ready', source: 'updated', articles: 502 }));
    expect(await worker.ask(4, 'ha giang')).toMatchObject({ total: 501 });
  }, 30_000);

  it('answers at once from a snapshot a large refresh left behind, and rebuilds it once the refresh has ended', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Mùa mận hậu')], 1);
    const before = await loadIndex(db);
    await saveIndex(db, before.index, before.revision);
    // A refresh larger than the backlog keeps, while no page (no worker) was open; it may still be folding.
    await mergeArticles(db, Array.from({ length: 2_001 }, (_, i) => article(`n${i}`, `Tin số ${i} về Hà Giang`)), 2);
    await mergeArticles(db, [article('b', 'Chè Tà Xùa')], 3);
    let refreshEnds!: () => void;
    const ended = new Promise<void>((resolve) => (refreshEnds = resolve));
    const waited = vi.fn(() => ended);
    const worker = startWorker(Promise.resolve(db), waited);

    expect(await worker.ask(1, 'man hau')).toMatchObject({ total: 1 });
    expect(worker.posted[0]).toMatchObject({ type: 'ready', source: 'stale', articles: 1 });
    await vi.waitFor(() => expect(waited).toHaveBeenCalledOnce());
    expect(await worker.ask(2, 'che ta xua')).toMatchObject({ total: 0 });
    refreshEnds();
    await vi.waitFor(() => expect(worker.posted.at(-1)).toMatchObject({ type: 'ready', source: 'updated', articles: 2_003 }));
    expect(await worker.ask(3, 'che ta xua')).toMatchObject({ total: 1 });
    expect(await worker.ask(4, 'ha giang')).toMatchObject({ total: 2_001 });
  }, 30_000);

  /** A build held after its first batch until `release()`. */
  function heldBuild() {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let batches = 0;
    return { betweenBatches: () => (batches++ === 0 ? released : Promise.resolve()), release };
  }

  it('indexes no batch of a build while it reads a query’s rows: the answer does not wait for the build', async () => {
    const db = await freshDb();
    await mergeArticles(db, Array.from({ length: 1_000 }, (_, i) => article(`n${i}`, `Tin số ${i} về Hà Giang`)), 1);
    const events: string[] = [];
    const addMany = SearchIndex.prototype.addMany;
    vi.spyOn(SearchIndex.prototype, 'addMany').mockImplementation(function (this: SearchIndex, ...args: Parameters<SearchIndex['addMany']>) {
      events.push('batch');
      return addMany.apply(this, args);
    });
    const read = RowSources.prototype.read;
    vi.spyOn(RowSources.prototype, 'read').mockImplementation(async function (this: RowSources, ...args: Parameters<RowSources['read']>) {
      events.push('rows');
      // Reads that take a while, as they do beside a build on a busy phone.
      await new Promise((resolve) => setTimeout(resolve, 30));
      const rows = await read.apply(this, args);
      events.push('rows read');
      return rows;
    });
    const posted: SearchWorkerMessage[] = [];
    const handlers = createSearchHandlers({ db: Promise.resolve(db), post: (m) => posted.push(m), onIndexChanged: () => undefined, warmUp: false });
    await handlers.onRequest({ id: 1, type: 'search', query: 'ha giang', limit: 30 });
    await vi.waitFor(() => expect(posted).toContainEqual(expect.objectContaining({ type: 'ready', source: 'rebuilt', articles: 1_000 })), { timeout: 20_000 });
    vi.restoreAllMocks();
    const first = events.indexOf('rows');
    const lastRead = events.lastIndexOf('rows read');
    expect(first).toBeGreaterThan(0);
    expect(events.slice(first, lastRead)).not.toContain('batch');
  }, 30_000);

  it('answers the first query once the first batch of articles is read, not after all of them, and says it is still building', async () => {
    const db = await freshDb();
    await mergeArticles(db, Array.from({ length: 2_000 }, (_, i) => article(`n${i}`, `Tin số ${i} về Hà Giang`)), 1);
    // Reading every article takes one read of the articles store per batch (at most 200 articles).
    let reads = 0;
    const getAll = IDBObjectStore.prototype.getAll;
    vi.spyOn(IDBObjectStore.prototype, 'getAll').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['getAll']>) {
      if (this.name === 'articles') reads++;
      return getAll.apply(this, args);
    });
    const build = heldBuild();
    const posted: SearchWorkerMessage[] = [];
    const handlers = createSearchHandlers({ db: Promise.resolve(db), post: (m) => posted.push(m), onIndexChanged: () => undefined, betweenBatches: build.betweenBatches });
    await handlers.onRequest({ id: 1, type: 'search', query: 'ha giang', limit: 30 });
    // Answered from part of the archive, with the page told how far the build got, after reading the first batch (and the next, ahead).
    expect(posted).toMatchObject([
      { type: 'ready', source: 'building', articles: 200, total: 2_000 },
      { id: 1, type: 'results', total: 200, indexed: 200 },
      // The rows beyond the first screen.
      { id: 1, type: 'more' },
    ]);
    expect(reads).toBeLessThanOrEqual(2);

    build.release();
    await vi.waitFor(() => expect(posted.at(-1)).toMatchObject({ type: 'ready', source: 'rebuilt', articles: 2_000 }), { timeout: 20_000 });
    expect(reads).toBeGreaterThanOrEqual(10);
    await handlers.onRequest({ id: 2, type: 'search', query: 'ha giang', limit: 30 });
    expect(posted.find((m) => m.type === 'results' && m.id === 2)).toMatchObject({ id: 2, total: 2_000, indexed: 2_000 });
    vi.restoreAllMocks();
  }, 30_000);

  it('tells the page how far the build got from its first batch, however soon, then every 0.5 s, and every 2 s in a long build', async () => {
    // The articles announced as indexed, when each batch takes the worker's clock `first` ms for the first, then 0.3 s.
    // A store each: a build saves itself as it goes, and a second over the same store would go on from there.
    const announced = async (first: number) => {
      const db = await freshDb();
      await mergeArticles(db, Array.from({ length: 2_000 }, (_, i) => article(`n${i}`, `Tin số ${i} về Hà Giang`)), 1);
      let clock = 0;
      let batches = 0;
      const posted: SearchWorkerMessage[] = [];
      createSearchHandlers({
        db: Promise.resolve(db),
        post: (m) => posted.push(m),
        onIndexChanged: () => undefined,
        now: () => clock,
        betweenBatches: async () => {
          clock += batches++ === 0 ? first : 300;
        },
      });
      await vi.waitFor(() => expect(posted.at(-1)).toMatchObject({ type: 'ready', source: 'rebuilt' }), { timeout: 20_000 });
      return posted.flatMap((m) => (m.type === 'ready' && m.source === 'building' ? [m.articles] : []));
    };
    // The page asks again at each message: fewer are cheaper, once the reader has seen the first answers.
    expect(await announced(300)).toEqual([200, 600, 1_000, 1_400, 1_800]);
    expect(await announced(20_000)).toEqual([200, 400, 1_800]);
  }, 30_000);

  it('once built, holds exactly what articles changed while it was being built, as an index built afterwards would', async () => {
    const db = await freshDb();
    await mergeArticles(db, Array.from({ length: 2_000 }, (_, i) => article(`n${i}`, `Tin số ${i} về Hà Giang`)), 1);
    const build = heldBuild();
    const worker = startWorker(Promise.resolve(db), undefined, build.betweenBatches);
    await vi.waitFor(() => expect(worker.posted[0]).toMatchObject({ type: 'ready', source: 'building' }));
    // Read and indexed already: n0 (changed) and n1 (removed); read last: n999 (changed) and n998 (removed); x is new.
    await mergeArticles(db, [article('n0', 'Chè Tà Xùa'), article('n999', 'Săn mây Tà Xùa'), article('x', 'Đường lên Tà Xùa')], 2);
    await deleteArticles(db, ['n1', 'n998']);
    build.release();

    await vi.waitFor(() => expect(worker.posted.filter((m) => m.type === 'ready' && m.source === 'updated')).toHaveLength(2), { timeout: 20_000 });
    const answer = await worker.ask(1, 'ta xua');
    expect(answer).toMatchObject({ total: 3 });
    expect(worker.titles(answer)).toEqual(expect.arrayContaining(['Chè Tà Xùa', 'Săn mây Tà Xùa', 'Đường lên Tà Xùa']));
    expect(await worker.ask(2, 'ha giang')).toMatchObject({ total: 1_996 });
    const afterwards = await loadIndex(db);
    for (const [i, query] of ['ha giang', 'tin so 0', 'tin so 1', 'tin so 998', 'tin so 999', 'che ta xua', 'san may'].entries()) {
      const found = afterwards.index.search(query, { limit: 30 });
      const asked = await worker.ask(i + 3, query);
      expect(asked).toMatchObject({ total: found.total });
      expect(asked?.type === 'results' && asked.rows.map((row) => row.id).sort()).toEqual(found.hits.map((hit) => hit.id).sort());
    }
  }, 30_000);

  it('reports an error for the query, rather than no answer, when the store cannot be opened', async () => {
    const worker = startWorker(Promise.reject(new Error('The database could not be opened')));
    expect(await worker.ask(1, 'dan van')).toEqual({ id: 1, type: 'error', message: 'The database could not be opened' });
    // And again for the next query: the page never waits for an answer that will not come.
    expect(await worker.ask(2, 'dan')).toMatchObject({ id: 2, type: 'error' });
  });

  it('reports an error for the query when the store fails while answering', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', 'Dân vận khéo'), article('b', 'Mùa mận hậu')], 1);
    const worker = startWorker(Promise.resolve(db));
    expect(await worker.ask(1, 'dan van')).toMatchObject({ type: 'results', total: 1 });
    db.close();
    // An article no answer has shown yet: it must be read from the store.
    expect(await worker.ask(2, 'mua man')).toMatchObject({ id: 2, type: 'error' });
  });

  it('answers when a page of the saved positions is gone, then loads the index again', async () => {
    const db = await freshDb();
    await db.put('meta', 0, 'searchPagesAbove');
    await mergeArticles(db, [{ ...article('a', 'Tin Sơn La', 'Phong trào dân vận khéo ở bản.'), published: 1 }], 1);
    await mergeArticles(db, [{ ...article('b', 'Tin Sơn La', 'Khéo léo, vận động người dân.'), published: 2 }], 2);
    const before = await loadIndex(db);
    await saveIndex(db, before.index, before.revision);
    const worker = startWorker(Promise.resolve(db));
    await vi.waitFor(() => expect(worker.posted[0]).toMatchObject({ type: 'ready', source: 'snapshot' }));
    // Another tab saved over it, or the browser dropped part of the store.
    for (const key of await db.getAllKeys('search')) if (key !== 'articles') await db.delete('search', key);
    expect(await worker.ask(1, 'dan van kheo')).toMatchObject({ type: 'results', total: 2 });
    await vi.waitFor(() => expect(worker.posted.filter((m) => m.type === 'ready')).toHaveLength(2));
    const again = await worker.ask(3, 'dan van kheo');
    expect(again).toMatchObject({ type: 'results', total: 2 });
    if (again?.type === 'results') expect(again.rows.map((r) => r.id)).toEqual(['a', 'b']);
  });
});
