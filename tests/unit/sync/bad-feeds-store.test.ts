import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeArticles } from '../../../src/shared/store/articles';
import { openStore, type BaoDb } from '../../../src/shared/store/open';
import { setSaved } from '../../../src/shared/store/reader';
import { DEFAULT_TIMING, runSync } from '../../../src/shared/sync/run-sync';
import { badFeeds, FIXTURE_FEED_URL } from '../../fixtures/bad-feeds';

const NOW = Date.parse('2024-06-01T00:00:00Z');
const CACHED = ['da-co-1', 'da-co-2'].map((id) => ({
  id,
  title: `Bài đã có ${id}`,
  contentHtml: '<p>Đã tải từ trước.</p>',
  published: NOW - 86_400_000,
  authors: [],
  tags: [],
}));

let counter = 0;

/** A store that already holds two articles, one of them saved, as a reader's phone does. */
async function storeWithArticles(): Promise<BaoDb> {
  const db = await openStore({ name: `test-bad-feed-store-${counter++}` });
  await mergeArticles(db, CACHED, NOW - 1000);
  await setSaved(db, 'da-co-1', true, NOW - 500);
  return db;
}

async function cachedState(db: BaoDb) {
  return {
    articles: await Promise.all(CACHED.map((a) => db.get('articles', a.id))),
    reader: await db.getAll('reader'),
  };
}

/** Every bad feed of the shared fixture, through the whole refresh: fetch → parse → IndexedDB. */
describe('bad feeds through a refresh into the store', () => {
  for (const testCase of badFeeds) {
    it(testCase.name, async () => {
      const db = await storeWithArticles();
      const before = await cachedState(db);
      const body = testCase.body();
      const network = (async () =>
        new Response(body, { headers: { 'content-type': 'application/feed+json' } })) as typeof fetch;
      const outcome = await runSync({ db, feedUrl: FIXTURE_FEED_URL, fetch: network, now: () => NOW, emit: () => undefined, timing: DEFAULT_TIMING });
      const expected = testCase.expect;
      if ('error' in expected) {
        const kind = expected.error === 'html' ? 'captive-portal' : expected.error === 'too-large' ? 'too-large' : 'invalid-feed';
        expect(outcome).toEqual({ status: 'failed', kind, at: NOW });
        expect(await db.count('articles')).toBe(CACHED.length);
      } else {
        expect(outcome).toMatchObject({ status: 'updated', added: expected.items });
        expect(await db.count('articles')).toBe(CACHED.length + expected.items);
      }
      // Refused or accepted, what the reader already had is exactly as it was.
      expect(await cachedState(db)).toEqual(before);
      db.close();
      // A hang's guard, not a speed test: 50,000 items into fake-indexeddb took 50–57 s on a loaded 2-core machine.
    }, 180_000);
  }

  afterAll(() => {
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
