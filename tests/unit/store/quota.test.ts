import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { knownIds, mergeArticles } from '../../../src/shared/store/articles';
import { IMAGE_CACHE } from '../../../src/shared/cache-names';
import { openStore, type BaoDb } from '../../../src/shared/store/open';
import { getReaderState, markRead, setSaved } from '../../../src/shared/store/reader';
import { DEFAULT_TIMING, runSync } from '../../../src/shared/sync/run-sync';
import type { Article } from '../../../src/shared/feed/types';
import { feed, item } from '../../fixtures/feeds';
import { expectAnnounced, recordAnnouncements } from '../helpers/announcements';

const FEED = 'https://bao.example/feed.json';
const DAY = 86_400_000;
const NOW = Date.parse('2024-06-01T00:00:00Z');

const LIMITED = new Set(['articles', 'reader', 'staging']);

/**
 * A disk with room for `capacity` records (articles, staged ones and reader state): a put
 * beyond it throws QuotaExceededError, as a full browser store does. Counts
 * only committed writes, so an aborted transaction frees what it had taken.
 */
async function limitStorage(db: BaoDb, capacity: number): Promise<() => void> {
  const proto = IDBObjectStore.prototype;
  const { put, delete: remove } = proto;
  let stored = (await db.count('articles')) + (await db.count('reader'));
  const pending = new WeakMap<IDBTransaction, number>();
  const change = (store: IDBObjectStore, by: number) => {
    const tx = store.transaction;
    if (!pending.has(tx)) tx.addEventListener('complete', () => (stored += pending.get(tx) ?? 0));
    pending.set(tx, (pending.get(tx) ?? 0) + by);
  };
  proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (LIMITED.has(this.name)) {
      if (stored + (pending.get(this.transaction) ?? 0) + 1 > capacity) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      change(this, 1);
    }
    return put.apply(this, args);
  } as typeof proto.put;
  proto.delete = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['delete']>) {
    if (LIMITED.has(this.name)) change(this, -1);
    return remove.apply(this, args);
  } as typeof proto.delete;
  return () => {
    proto.put = put;
    proto.delete = remove;
  };
}

/** The Cache API, as far as the picture clean-up uses it. */
function fakeCaches(urls: string[]) {
  const entries = new Set(urls);
  (globalThis as { caches?: unknown }).caches = {
    open: async (name: string) => {
      expect(name).toBe(IMAGE_CACHE);
      return { delete: async (url: string) => entries.delete(url) };
    },
  };
  return entries;
}

function article(id: string, daysOld: number): Article {
  return {
    id,
    title: `Bài ${id}`,
    contentHtml: `<p><img src="https://anh.example/${id}-trong-bai.jpg"></p>`,
    image: `https://anh.example/${id}.jpg`,
    published: NOW - daysOld * DAY,
    authors: [],
    tags: [],
  };
}

let restore: (() => void) | undefined;
let counter = 0;
let db: BaoDb;
beforeEach(async () => {
  db = await openStore({ name: `test-quota-${counter++}` });
});
afterEach(() => {
  restore?.();
  restore = undefined;
  db.close();
  delete (globalThis as { caches?: unknown }).caches;
});

describe('a refresh on a full disk', () => {
  it('evicts the oldest unsaved articles and their pictures, never saved ones, then stores the new ones', async () => {
    // Eight articles, a day apart; the two oldest are saved, one is read.
    await mergeArticles(db, Array.from({ length: 8 }, (_, i) => article(`a${i}`, 10 + i)), NOW - 5 * DAY);
    await setSaved(db, 'a7', true, NOW);
    await setSaved(db, 'a6', true, NOW);
    await markRead(db, 'a5', NOW);
    const cached = fakeCaches(['https://anh.example/a5.jpg', 'https://anh.example/a5-trong-bai.jpg', 'https://anh.example/a0.jpg']);
    restore = await limitStorage(db, 12);
    const announced = recordAnnouncements();

    const network = (async () =>
      new Response(feed([item('moi-1'), item('moi-2'), item('moi-3')]), {
        headers: { 'content-type': 'application/feed+json' },
      })) as typeof fetch;
    const outcome = await runSync({ db, feedUrl: FEED, fetch: network, now: () => NOW, emit: () => undefined, timing: DEFAULT_TIMING });

    expect(outcome).toMatchObject({ status: 'updated', added: 3 });
    // Oldest unsaved first: a5, a4, a3 (a quarter of six unsaved is two, but three are needed).
    await expectAnnounced(announced, { removed: ['a5', 'a4', 'a3'], changed: ['moi-1', 'moi-2', 'moi-3'] });
    expect(await knownIds(db)).toEqual(new Set(['a0', 'a1', 'a2', 'a6', 'a7', 'moi-1', 'moi-2', 'moi-3']));
    expect(await getReaderState(db, 'a7')).toMatchObject({ savedAt: NOW });
    expect(await getReaderState(db, 'a5')).toEqual({ id: 'a5' });
    expect([...cached]).toEqual(['https://anh.example/a0.jpg']);
  });

  it('fails as «full» leaving the store exactly as it was when even eviction cannot make room, however often it is tried', async () => {
    await mergeArticles(db, [article('da-luu', 30), article('cu', 40), article('cu-nua', 50)], NOW - DAY);
    await setSaved(db, 'da-luu', true, NOW);
    await markRead(db, 'cu', NOW);
    const before = { articles: await db.getAll('articles'), reader: await db.getAll('reader') };
    restore = await limitStorage(db, 0);
    const network = (async () =>
      new Response(feed([item('moi-1'), item('moi-2')]), { headers: { 'content-type': 'application/feed+json' } })) as typeof fetch;
    for (let attempt = 0; attempt < 4; attempt++) {
      const outcome = await runSync({ db, feedUrl: FEED, fetch: network, now: () => NOW, emit: () => undefined, timing: DEFAULT_TIMING });
      expect(outcome).toMatchObject({ status: 'failed', kind: 'quota' });
    }
    // Before, each failing refresh evicted a quarter of the unsaved articles, and the next one more.
    expect({ articles: await db.getAll('articles'), reader: await db.getAll('reader') }).toEqual(before);
    expect(await db.count('staging')).toBe(0);
  });
});

describe('saving an article on a full disk', () => {
  it('makes room from the oldest unsaved articles and keeps the save', async () => {
    await mergeArticles(db, Array.from({ length: 4 }, (_, i) => article(`a${i}`, 10 + i)), NOW - DAY);
    await setSaved(db, 'a3', true, NOW);
    fakeCaches([]);
    restore = await limitStorage(db, 5);
    const announced = recordAnnouncements();

    await setSaved(db, 'a0', true, NOW + 1);

    expect(await knownIds(db)).toEqual(new Set(['a0', 'a1', 'a3']));
    // Lists and the live search index hear of it like any other removal.
    await expectAnnounced(announced, { removed: ['a2'] });
    expect((await db.getAll('reader')).map((s) => s.id).sort()).toEqual(['a0', 'a3']);
  });
});
