import 'fake-indexeddb/auto';
import { openDB, type IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { getArticle, listArticles, mergeArticles } from '../../../src/shared/store/articles';
import { backfillDerived } from '../../../src/shared/store/backfill';
import { splitRecord } from '../../../src/shared/store/body';
import { getMeta } from '../../../src/shared/store/meta';
import { relatedArticles } from '../../../src/shared/store/related';
import { openStore } from '../../../src/shared/store/open';
import { readIds } from '../../../src/shared/store/read-ids';
import { getReaderState, getReaderStateWithCopy, savedStates, setSaved } from '../../../src/shared/store/reader';
import { DB_VERSION, type TopicKey } from '../../../src/shared/store/schema';

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
    expect([...db.objectStoreNames].sort()).toEqual(['articles', 'bodies', 'meta', 'reader', 'savedBodies', 'search', 'staging', 'stagingBodies']);
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

/**
 * The schema of an older install: version 4, from before bodies were kept
 * apart, version 5, from before saved copies' bodies were, or version 6,
 * from before articles were indexed by url.
 */
function openOlderSchema(name: string, version: 4 | 5 | 6): Promise<IDBPDatabase> {
  return openDB(name, version, {
    upgrade(db) {
      const articles = db.createObjectStore('articles', { keyPath: 'id' });
      articles.createIndex('by-published', ['published', 'id']);
      articles.createIndex('by-topic', 'topicKeys', { multiEntry: true });
      db.createObjectStore('meta');
      db.createObjectStore('reader', { keyPath: 'id' });
      db.createObjectStore('search');
      const staging = db.createObjectStore('staging', { keyPath: ['gen', 'id'] });
      staging.createIndex('by-published', ['gen', 'published', 'id']);
      if (version >= 5) {
        db.createObjectStore('bodies', { keyPath: 'id' });
        db.createObjectStore('stagingBodies', { keyPath: ['gen', 'id'] });
      }
      if (version === 6) {
        db.createObjectStore('savedBodies', { keyPath: 'id' });
      }
    },
  });
}

/** A version-4 record: complete, its body inline. */
const whole = (id: string, published: number, html = `<p>${id}</p>`) => ({
  ...article(id, published),
  contentHtml: html,
  excerpt: id,
  wordCount: 1,
  topicKeys: [['Thời sự', published, id] as TopicKey],
});

describe('version 5: bodies kept apart from the records the list reads', () => {
  it('shows version-4 records at once, then moves their bodies out in bounded steps, the list never holding a body', async () => {
    const name = uniqueName();
    const old = await openOlderSchema(name, 4);
    const big = '<p>' + 'Bà con góp công làm đường. '.repeat(40_000) + '</p>';
    for (let i = 0; i < 6; i++) await old.put('articles', whole(`a${i}`, i, big));
    old.close();

    const db = await openStore({ name });
    expect(await getMeta(db, 'derivedBackfill')).toEqual({});
    // Before the move: cards come without their body, an opened article with it.
    const before = await listArticles(db, 10);
    expect(before.map((a) => a.id)).toEqual(['a5', 'a4', 'a3', 'a2', 'a1', 'a0']);
    expect(before.some((a) => 'contentHtml' in a)).toBe(false);
    expect((await getArticle(db, 'a3'))?.contentHtml).toBe(big);

    // About 1 MB each: the move takes several short transactions, not one.
    const writes: string[][] = [];
    const transaction = db.transaction.bind(db);
    db.transaction = ((stores: string | string[], mode?: IDBTransactionMode) => {
      if (mode === 'readwrite') writes.push([stores].flat());
      return transaction(stores as never, mode);
    }) as typeof db.transaction;
    expect(await backfillDerived(db)).toBe(6);
    expect(writes.filter((stores) => stores.includes('bodies')).length).toBeGreaterThanOrEqual(3);

    expect((await db.getAll('articles')).some((r) => 'contentHtml' in r)).toBe(false);
    expect((await db.get('bodies', 'a3'))?.contentHtml).toBe(big);
    expect(await getArticle(db, 'a3')).toEqual(whole('a3', 3, big));
    expect((await listArticles(db, 10)).map((a) => a.id)).toEqual(['a5', 'a4', 'a3', 'a2', 'a1', 'a0']);
    expect(await getMeta(db, 'derivedBackfill')).toBeUndefined();
    db.close();
  });

  it('folds a generation a version-4 refresh committed but had not folded, bodies apart', async () => {
    const name = uniqueName();
    const old = await openOlderSchema(name, 4);
    await old.put('articles', whole('a', 1));
    await old.put('staging', { ...whole('a', 1, '<p>a sửa</p>'), title: 'Bài a (sửa)', gen: 3, isNew: false });
    await old.put('staging', { ...whole('n', 2), gen: 3, isNew: true });
    await old.put('meta', { gen: 3, added: 1 }, 'overlay');
    old.close();

    const db = await openStore({ name });
    expect((await getArticle(db, 'a'))?.contentHtml).toBe('<p>a sửa</p>');
    await mergeArticles(db, [], 5);
    expect(await db.count('staging')).toBe(0);
    expect((await db.get('articles', 'a'))?.title).toBe('Bài a (sửa)');
    expect('contentHtml' in (await db.get('articles', 'a'))!).toBe(false);
    expect((await db.get('bodies', 'a'))?.contentHtml).toBe('<p>a sửa</p>');
    expect((await getArticle(db, 'n'))?.contentHtml).toBe('<p>n</p>');
    db.close();
  });

  it('stores what a refresh brings as a card and a body', async () => {
    const db = await openStore({ name: uniqueName() });
    await mergeArticles(db, [{ id: 'x', title: 'X', contentHtml: '<p>x</p>', published: 1, authors: [], tags: [] }], 2);
    expect('contentHtml' in (await db.get('articles', 'x'))!).toBe(false);
    expect(await db.get('bodies', 'x')).toEqual({ id: 'x', contentHtml: '<p>x</p>' });
    expect((await getArticle(db, 'x'))?.contentHtml).toBe('<p>x</p>');
    db.close();
  });
});

describe('version 6: saved copies without their bodies, read marks by index', () => {
  it('moves every saved copy’s body apart in the upgrade, each saved article still opening as it was saved', async () => {
    const name = uniqueName();
    const old = await openOlderSchema(name, 5);
    const big = '<p>' + 'Bản lưu của bạn đọc. '.repeat(50_000) + '</p>';
    // Stored now in a newer version than the one saved.
    await old.put('articles', { ...splitRecord(whole('a', 1)).card, title: 'Bài a (sửa)' });
    await old.put('bodies', { id: 'a', contentHtml: '<p>bản mới</p>' });
    await old.put('reader', { id: 'a', savedAt: 5, readAt: 4, savedCopy: whole('a', 1, big) });
    await old.put('reader', { id: 'b', savedAt: 6, savedCopy: { ...splitRecord(whole('b', 2)).card, contentText: 'Chỉ có chữ.' } });
    // Saved before copies were kept: no copy to move.
    await old.put('reader', { id: 'c', savedAt: 7 });
    await old.put('reader', { id: 'd', readAt: 8 });
    old.close();

    const db = await openStore({ name });
    expect(db.version).toBe(DB_VERSION);
    const states = await db.getAll('reader');
    expect(states).toHaveLength(4);
    expect(states.some((s) => s.savedCopy && ('contentHtml' in s.savedCopy || 'contentText' in s.savedCopy))).toBe(false);
    expect(await db.get('savedBodies', 'a')).toEqual({ id: 'a', contentHtml: big });
    expect(await db.count('savedBodies')).toBe(2);

    const a = await getReaderStateWithCopy(db, 'a');
    expect(a.state).toMatchObject({ savedAt: 5, readAt: 4 });
    expect(a.copy).toEqual(whole('a', 1, big));
    expect((await getReaderStateWithCopy(db, 'b')).copy?.contentText).toBe('Chỉ có chữ.');
    expect((await savedStates(db)).map((s) => s.id)).toEqual(['c', 'b', 'a']);
    expect((await readIds(db)).sort()).toEqual(['a', 'd']);
    db.close();
  });

  it('keeps a copy saved after the upgrade apart too, and drops its body when the article is unsaved', async () => {
    const db = await openStore({ name: uniqueName() });
    await setSaved(db, 'x', true, 1, whole('x', 1, '<p>đã lưu</p>'));
    expect('contentHtml' in (await getReaderState(db, 'x')).savedCopy!).toBe(false);
    expect((await getReaderStateWithCopy(db, 'x')).copy?.contentHtml).toBe('<p>đã lưu</p>');
    // Saving again keeps the copy first saved.
    await setSaved(db, 'x', true, 2, whole('x', 1, '<p>khác</p>'));
    expect((await getReaderStateWithCopy(db, 'x')).copy?.contentHtml).toBe('<p>đã lưu</p>');
    await setSaved(db, 'x', false, 3);
    expect(await db.count('savedBodies')).toBe(0);
    expect(await getReaderState(db, 'x')).toEqual({ id: 'x' });
    db.close();
  });
});

describe('version 7: articles found by url, for a feed that changes ids', () => {
  it('gives version-6 cards their url keys in the backfill, bodies untouched, and a story under a new id merges into its stored one', async () => {
    const name = uniqueName();
    const old = await openOlderSchema(name, 6);
    const url = (slug: string) => `https://tin.example.vn/${slug}`;
    await old.put('articles', { ...splitRecord(whole('a', 1)).card, url: url('bai-a') });
    await old.put('bodies', { id: 'a', contentHtml: '<p>a</p>' });
    await old.put('articles', { ...splitRecord(whole('home', 2)).card, url: 'https://tin.example.vn/' });
    await old.put('bodies', { id: 'home', contentHtml: '<p>home</p>' });
    old.close();

    const db = await openStore({ name });
    expect(await getMeta(db, 'derivedBackfill')).toEqual({});
    expect(await backfillDerived(db)).toBe(1);
    expect(await db.getAllKeysFromIndex('articles', 'by-url')).toEqual(['a']);
    expect(await db.get('bodies', 'a')).toEqual({ id: 'a', contentHtml: '<p>a</p>' });

    const result = await mergeArticles(db, [{ ...article('wp-1', 1), url: `${url('bai-a')}/?utm_source=rss`, contentHtml: '<p>a sửa</p>' }], 5);
    expect(result.changedIds).toEqual(['a']);
    expect((await getArticle(db, 'a'))?.contentHtml).toBe('<p>a sửa</p>');
    expect(await db.count('articles')).toBe(2);
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
