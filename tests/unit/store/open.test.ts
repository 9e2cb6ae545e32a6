import 'fake-indexeddb/auto';
import { openDB, type IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { getArticle, listArticles, mergeArticles } from '../../../src/shared/store/articles';
import { backfillDerived } from '../../../src/shared/store/backfill';
import { getMeta } from '../../../src/shared/store/meta';
import { relatedArticles } from '../../../src/shared/store/related';
import { openStore } from '../../../src/shared/store/open';
import { getReaderState } from '../../../src/shared/store/reader';
import { DB_VERSION } from '../../../src/shared/store/schema';

let counter = 0;
const uniqueName = () => `test-open-${counter++}`;

/** Exactly the first schema the app shipped, as an old install has it. */
function openVersion1(name: string, onVersionChange?: (db: IDBPDatabase) => void): Promise<IDBPDatabase> {
  return openDB(name, 1, {
    upgrade(db) {
      const articles = db.createObjectStore('articles', { keyPath: 'id' });
      articles.createIndex('by-published', ['published', 'id']);
      db.createObjectStore('meta');
      db.createObjectStore('reader', { keyPath: 'id' });
    },
    blocking() {
      if (onVersionChange) onVersionChange(v1);
    },
  }).then((db) => (v1 = db));
}
let v1: IDBPDatabase;

const article = (id: string, published: number) => ({
  id,
  title: `Bài ${id}`,
  contentHtml: `<p>${id}</p>`,
  published,
  authors: [],
  tags: ['Thời sự'],
  fetchedAt: 1,
});

async function fillVersion1(name: string, onVersionChange?: (db: IDBPDatabase) => void): Promise<IDBPDatabase> {
  const db = await openVersion1(name, onVersionChange);
  await db.put('articles', article('a', 100));
  await db.put('articles', article('b', 200));
  await db.put('reader', { id: 'a', savedAt: 5, readAt: 4 });
  await db.put('reader', { id: 'b', readAt: 6 });
  await db.put('meta', { feedUrl: 'https://bao.example/feed.json', etag: '"v1"', lastSuccess: 7 }, 'sync');
  await db.put('meta', 'https://khac.example/feed.json', 'feedUrl');
  return db;
}

describe('schema upgrades', () => {
  it('keeps every article, the saved and read marks and the settings from version 1', async () => {
    const name = uniqueName();
    (await fillVersion1(name)).close();

    const db = await openStore({ name });
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['articles', 'meta', 'reader', 'search', 'staging']);
    expect((await listArticles(db, 10)).map((a) => a.id)).toEqual(['b', 'a']);
    // Derived text is worked out for records stored before version 3, even before the backfill reaches them.
    expect(await getArticle(db, 'a')).toEqual({ ...article('a', 100), excerpt: 'a', wordCount: 1, topicKeys: [['Thời sự', 100, 'a']] });
    expect(await getReaderState(db, 'a')).toEqual({ id: 'a', savedAt: 5, readAt: 4 });
    expect(await getReaderState(db, 'b')).toEqual({ id: 'b', readAt: 6 });
    expect(await getMeta(db, 'sync')).toMatchObject({ etag: '"v1"', lastSuccess: 7 });
    expect(await getMeta(db, 'feedUrl')).toBe('https://khac.example/feed.json');
    // And it goes on working: a refresh merges into the upgraded store.
    await mergeArticles(db, [{ ...article('c', 300), fetchedAt: undefined } as never], 9);
    expect((await listArticles(db, 10)).map((a) => a.id)).toEqual(['c', 'b', 'a']);
    db.close();
  });

  it('is not wedged by a tab holding version 1 open: that tab is asked to close and does', async () => {
    const name = uniqueName();
    let asked = false;
    await fillVersion1(name, (old) => {
      asked = true;
      old.close();
    });
    const db = await openStore({ name });
    expect(asked).toBe(true);
    expect(await getReaderState(db, 'a')).toMatchObject({ savedAt: 5 });
    db.close();
  });

  it('reports a tab that does not let go, and completes the upgrade once it closes', async () => {
    const name = uniqueName();
    const stubborn = await fillVersion1(name, () => undefined);
    let blocked = false;
    const opening = openStore({ name, onBlocked: () => (blocked = true) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(blocked).toBe(true);
    stubborn.close();
    const db = await opening;
    expect(await getArticle(db, 'b')).toBeDefined();
    db.close();
  });

  it('steps aside for a newer version opened elsewhere, and tells the page', async () => {
    const name = uniqueName();
    let told = false;
    const current = await openStore({ name, onVersionChange: () => (told = true) });
    const newer = await openDB(name, DB_VERSION + 1, { upgrade: () => undefined });
    expect(told).toBe(true);
    expect(newer.version).toBe(DB_VERSION + 1);
    expect(() => current.transaction('articles')).toThrow();
    newer.close();
  });
});

describe('version 3: derived text for records stored before it', () => {
  it('is added to every old record in bounded steps, after which «Các tin khác» finds them by topic', async () => {
    const name = uniqueName();
    const old = await openVersion1(name);
    for (let i = 0; i < 120; i++) await old.put('articles', article(`a${String(i).padStart(3, '0')}`, i));
    old.close();

    const db = await openStore({ name });
    expect(await getMeta(db, 'derivedBackfill')).toEqual({});
    // Nothing is indexed by topic until the backfill has been.
    expect(await relatedArticles(db, { id: 'x', tags: ['Thời sự'] }, 3)).toHaveLength(3);
    expect(await db.countFromIndex('articles', 'by-topic')).toBe(0);

    expect(await backfillDerived(db)).toBe(120);
    const stored = await db.getAll('articles');
    expect(stored.every((r) => r.excerpt === r.id && r.wordCount === 1 && r.topicKeys.length === 1)).toBe(true);
    expect(await db.countFromIndex('articles', 'by-topic')).toBe(120);
    expect(await getMeta(db, 'derivedBackfill')).toBeUndefined();
    // Done once: a second run finds nothing to do.
    expect(await backfillDerived(db)).toBe(0);
    db.close();
  });

  it('resumes after the last record it finished', async () => {
    const name = uniqueName();
    const old = await openVersion1(name);
    for (const id of ['a', 'b', 'c']) await old.put('articles', article(id, 1));
    old.close();
    const db = await openStore({ name });
    // As if a run had stopped after "a" (the worker was stopped mid-way).
    await db.put('meta', { after: 'a' }, 'derivedBackfill');
    expect(await backfillDerived(db)).toBe(2);
    expect(Object.keys((await db.get('articles', 'a'))!)).not.toContain('excerpt');
    expect((await db.get('articles', 'c'))!.excerpt).toBe('c');
    db.close();
  });

  it('is not asked of a new install', async () => {
    const db = await openStore({ name: uniqueName() });
    expect(await getMeta(db, 'derivedBackfill')).toBeUndefined();
    db.close();
  });
});

describe('aborted transactions', () => {
  it('leave the reader state as it was', async () => {
    const db = await openStore({ name: uniqueName() });
    await db.put('reader', { id: 'a', savedAt: 1 });
    const tx = db.transaction('reader', 'readwrite');
    const writes = [tx.store.put({ id: 'a' }), tx.store.put({ id: 'b', savedAt: 2 })];
    tx.abort();
    await Promise.allSettled([...writes, tx.done]);
    expect(await db.getAll('reader')).toEqual([{ id: 'a', savedAt: 1 }]);
    db.close();
  });
});
