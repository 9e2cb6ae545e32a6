import { describe, expect, it } from 'vitest';
import { SearchIndex, type SearchDoc } from '../../../src/shared/search';
import { cutPages, PAGE_BYTES, PagedPositions, type PageLoader } from '../../../src/shared/search/position-pages';
import { decodePositions } from '../../../src/shared/search/postings';

/** Articles of random common syllables (seeded), long enough that their positions fill several pages. */
const SYLLABLES =
  'dân vận khéo công tác người tỉnh huyện xã thôn bản nông nghiệp lúa gạo giá vàng học phí đại trường sinh viên mưa bão lũ quét đường cầu mới xây dựng kinh tế phát triển'.split(
    ' ',
  );
function corpus(n: number, words: number): SearchDoc[] {
  let seed = 7;
  const next = (k: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % k;
  };
  const sentence = (len: number): string => Array.from({ length: len }, () => SYLLABLES[next(SYLLABLES.length)]).join(' ');
  return Array.from({ length: n }, (_, i) => ({
    id: `a${i}`,
    title: sentence(6),
    summary: sentence(12),
    text: Array.from({ length: words / 10 }, () => `${sentence(10)}.`).join(' '),
    tags: [],
    published: 1_700_000_000_000 + i * 60_000,
  }));
}

const QUERIES = ['dân vận khéo', 'giá vàng', 'học phí đại học', 'lu quet', 'nong nghiep lua gao', 'dan vna kheo', 'cầu mới', 'sinh viên trường'];

function concat(pages: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pages.reduce((n, p) => n + p.length, 0));
  pages.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

/** A store of pages that reads them asynchronously, and counts the reads. */
function pageStore(positions: Uint8Array) {
  const pages: Array<Uint8Array | undefined> = cutPages(positions);
  let reads = 0;
  const load: PageLoader = async (wanted) => {
    reads++;
    await new Promise((resolve) => setTimeout(resolve, 0));
    return wanted.map((p) => pages[p]?.slice());
  };
  return { pages, load, reads: () => reads };
}

describe('positions kept out of memory, in pages', () => {
  const docs = corpus(600, 300);
  const built = SearchIndex.build(docs);
  const { snapshot, positions } = built.toParts();

  it('give the same results, with the same scores, as positions in memory', async () => {
    expect(positions.length).toBeGreaterThan(3 * PAGE_BYTES);
    const store = pageStore(positions);
    const paged = SearchIndex.fromBytes(snapshot, store.load);
    for (const q of QUERIES) {
      expect(await paged.searchAsync(q)).toEqual(built.search(q));
      expect(await paged.withPositions(() => paged.suggest(q))).toEqual(built.suggest(q));
    }
    expect(store.reads()).toBeGreaterThan(0);
    // Queries typed while another waits for its pages: each still gets its own answer.
    const fresh = SearchIndex.fromBytes(snapshot, pageStore(positions).load);
    const together = await Promise.all(QUERIES.map((q) => fresh.searchAsync(q)));
    expect(together).toEqual(QUERIES.map((q) => built.search(q)));
    // The snapshot itself holds no positions.
    expect(snapshot.length).toBeLessThan(built.toBytes().length - positions.length + 1024);
  });

  it('give the same results after articles are added and removed, and after saving again', async () => {
    const memory = SearchIndex.build(docs);
    const paged = SearchIndex.fromBytes(snapshot, pageStore(positions).load);
    const more = corpus(700, 100).slice(600);
    for (const index of [memory, paged]) {
      for (const d of more) index.add(d);
      for (let i = 0; i < 300; i++) index.remove(`a${i * 2}`);
      index.add({ ...(docs[1] as SearchDoc), title: 'dân vận khéo ở xã mới' });
    }
    for (const q of QUERIES) expect(await paged.searchAsync(q)).toEqual(memory.search(q));

    const written: Uint8Array[] = [];
    const again = await paged.toPages(async (pages) => void written.push(...pages));
    expect(again?.pages).toBe(written.length);
    const restored = SearchIndex.fromBytes(again?.snapshot, pageStore(concat(written)).load);
    for (const q of QUERIES) expect(await restored.searchAsync(q)).toEqual(memory.search(q));
  });

  it('are saved again a window at a time, never all read or written at once, as they would be all at once', async () => {
    const asked: number[] = [];
    const store = pageStore(positions);
    const paged = SearchIndex.fromBytes(snapshot, (wanted) => (asked.push(wanted.length), store.load(wanted)));
    for (const d of corpus(650, 100).slice(600)) paged.add(d);
    for (let i = 0; i < 200; i++) paged.remove(`a${i * 3}`);
    const batches: number[] = [];
    const windowed: Uint8Array[] = [];
    const saved = await paged.toPages(async (pages) => void (batches.push(pages.length), windowed.push(...pages)), PAGE_BYTES);
    // A window of one page's bytes spans two pages at most; the pages written come as they are cut.
    expect(asked.length).toBeGreaterThan(2);
    expect(Math.max(...asked)).toBeLessThanOrEqual(2);
    expect(Math.max(...batches)).toBeLessThanOrEqual(2);
    const whole: Uint8Array[] = [];
    const atOnce = await paged.toPages(async (pages) => void whole.push(...pages), Infinity);
    expect(saved?.snapshot).toEqual(atOnce?.snapshot);
    expect(concat(windowed)).toEqual(concat(whole));
  });

  it('answer without the phrase data of a page the store lost, and say so', async () => {
    const store = pageStore(positions);
    store.pages[1] = undefined;
    const paged = SearchIndex.fromBytes(snapshot, store.load);
    for (const q of QUERIES) {
      const result = await paged.searchAsync(q);
      // Every article holding the words is still found; only phrase order may differ.
      expect(result.total).toBe(built.search(q).total);
    }
    expect(paged.positionsLost).toBe(true);
    expect(await paged.toPages(async () => undefined)).toBeUndefined();
  });

  it('treat a page of the wrong size (another save) as lost, not as positions', async () => {
    const store = pageStore(positions);
    store.pages[0] = new Uint8Array(100);
    const paged = SearchIndex.fromBytes(snapshot, store.load);
    await paged.searchAsync('dân vận khéo');
    expect(paged.positionsLost).toBe(true);
  });

  it('need their pages to be restored', () => {
    expect(() => SearchIndex.fromBytes(snapshot)).toThrow();
  });
});

describe('the page cache', () => {
  it('keeps the page most queries need while pages one query needs come and go', async () => {
    const reads = new Map<number, number>();
    const load: PageLoader = async (wanted) => {
      for (const p of wanted) reads.set(p, (reads.get(p) ?? 0) + 1);
      return wanted.map(() => new Uint8Array(PAGE_BYTES));
    };
    // Room for four pages; page 0 holds a syllable every third query needs, each other page a rare one.
    const cache = new PagedPositions(60 * PAGE_BYTES, load, 4 * PAGE_BYTES);
    const ask = async (pages: number[]): Promise<void> => {
      cache.beginQuery();
      for (const p of pages) cache.want(p * PAGE_BYTES, p * PAGE_BYTES + 10);
      await cache.loadMissing();
      cache.endQuery();
    };
    let rare = 1;
    for (let round = 0; round < 8; round++) {
      await ask([0]);
      for (let q = 0; q < 2; q++) await ask([rare++, rare++, rare++]);
    }
    // Dropping the least recently used would read it again each time (8 reads).
    expect(reads.get(0)).toBeLessThanOrEqual(2);
    expect(cache.cached).toBeLessThanOrEqual(4 * PAGE_BYTES);
  });

  it('decodes each page as read, its memory reused for pages read later', async () => {
    // Page p's bytes all say p: a reused slot showing an older page would decode another number.
    const load: PageLoader = async (wanted) => wanted.map((p) => new Uint8Array(PAGE_BYTES).fill(p));
    const cache = new PagedPositions(60 * PAGE_BYTES, load, 4 * PAGE_BYTES);
    const out = new Int32Array(4);
    const expected = new Int32Array(4);
    for (let round = 0; round < 3; round++) {
      for (let p = 0; p < 60; p += 3) {
        cache.beginQuery();
        for (const q of [p, p + 1, p + 2]) cache.want(q * PAGE_BYTES, q * PAGE_BYTES + 1);
        await cache.loadMissing();
        for (const q of [p, p + 1, p + 2]) {
          expect(cache.decode(q * PAGE_BYTES, q * PAGE_BYTES + 1, out)).toBe(decodePositions(new Uint8Array([q]), 0, 1, expected));
          expect(out[0]).toBe(expected[0]);
        }
        cache.endQuery();
      }
    }
    expect(cache.cached).toBeLessThanOrEqual(4 * PAGE_BYTES);
  });

  it('keeps every page a query needs until it ends, however many', async () => {
    const load: PageLoader = async (wanted) => wanted.map(() => new Uint8Array(PAGE_BYTES));
    const cache = new PagedPositions(10 * PAGE_BYTES, load, 2 * PAGE_BYTES);
    cache.beginQuery();
    for (let p = 0; p < 5; p++) cache.want(p * PAGE_BYTES, p * PAGE_BYTES + 1);
    await cache.loadMissing();
    const out = new Int32Array(16);
    for (let p = 0; p < 5; p++) expect(cache.decode(p * PAGE_BYTES, p * PAGE_BYTES + 1, out)).toBe(1);
    cache.endQuery();
    expect(cache.cached).toBe(2 * PAGE_BYTES);
  });
});
