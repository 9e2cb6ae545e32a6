import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readInPage, waitForArticles } from './harness';
import { appUnderTest } from './app-under-test';
import { DB_VERSION } from '../../src/shared/store/schema';

const OLD_ID = 'cau-treo-ban-lan-2022-09-10';

/**
 * The database as version 1 of the app left it: three stores, one article in
 * the shape it stored then (no derived text), saved and read by the reader.
 */
function createVersion1Database(id: string) {
  return new Promise<number>((resolve, reject) => {
    const open = indexedDB.open('bao-offline', 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      const articles = db.createObjectStore('articles', { keyPath: 'id' });
      articles.createIndex('by-published', ['published', 'id']);
      db.createObjectStore('meta');
      db.createObjectStore('reader', { keyPath: 'id' });
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['articles', 'reader'], 'readwrite');
      tx.objectStore('articles').put({
        id,
        title: 'Cầu treo mới nối đôi bờ bản Lạn',
        contentText: 'Chiếc cầu treo dài 120 mét giúp học sinh bản Lạn đến trường cả mùa mưa lũ.\n\nBà con góp công làm đường dẫn.',
        published: Date.parse('2022-09-10T08:00:00+07:00'),
        authors: [{ name: 'Lò Văn Thắng' }],
        tags: ['Xã hội'],
        fetchedAt: Date.parse('2022-09-10T09:00:00+07:00'),
      });
      tx.objectStore('reader').put({ id, readAt: 1, savedAt: 2 });
      tx.oncomplete = () => {
        db.close();
        resolve(db.version);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** Whether the record the list reads still holds the body, and the body kept apart. */
const storedShape = (page: Page, id: string) =>
  readInPage(
    page,
    async (db, id, request) => {
      const tx = db.transaction(['articles', 'bodies']);
      const [card, body] = await Promise.all([request(tx.objectStore('articles').get(id)), request(tx.objectStore('bodies').get(id))]);
      return { cardHasBody: 'contentText' in (card as object), body: (body as { contentText?: string } | undefined)?.contentText };
    },
    id,
  );

describe('a phone that last ran version 1 of the database', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('upgrades it in the real browser, keeping the article, its saved mark, and finding it in search', async () => {
    const { page } = app.browser;
    // A page of the same origin that does not start the app, so the old database is made first.
    await page.goto(`${app.server.url}/robots.txt`);
    expect(await page.evaluate(createVersion1Database, OLD_ID)).toBe(1);

    await page.goto(app.server.url);
    await waitForArticles(page, 1);
    // The sample's articles are all newer: once they are stored, the old one is on the list's second page.
    await page.waitForFunction(() => document.querySelector('.status-bar')?.textContent?.includes('Cập nhật lúc'));
    await page.goto(app.server.url);
    await page.getByRole('button', { name: 'Xem thêm tin cũ hơn' }).click();
    await page.locator('.article-list .card-title', { hasText: 'Cầu treo mới nối đôi bờ bản Lạn' }).waitFor({ timeout: 20_000 });

    const after = await readInPage(page, (db) => ({ version: db.version, stores: [...db.objectStoreNames].sort() }));
    expect(after.version).toBeGreaterThan(1);
    expect(after.stores).toEqual(expect.arrayContaining(['articles', 'bodies', 'meta', 'reader', 'search']));

    // The first refresh has moved the old record's body out of the record the list reads (version 5).
    expect(await storedShape(page, OLD_ID)).toEqual({ cardHasBody: false, body: expect.stringContaining('giúp học sinh bản Lạn') });

    await page.goto(`${app.server.url}/da-luu`);
    await page.locator('.article-list .card-title', { hasText: 'Cầu treo mới' }).waitFor();

    await page.goto(`${app.server.url}/bai/${OLD_ID}`);
    await page.locator('.article-body', { hasText: 'giúp học sinh bản Lạn đến trường' }).waitFor();
    await page.getByRole('button', { name: 'Đã lưu' }).waitFor();

    await page.goto(`${app.server.url}/tim-kiem?q=${encodeURIComponent('cau treo ban lan')}`);
    await page.locator('.search-results .card-title', { hasText: 'Cầu treo mới nối đôi bờ bản Lạn' }).waitFor({ timeout: 20_000 });
  });
});

const SAVED_ID = 'ban-lan-luu-tu-truoc';

/**
 * The database as version 5 of the app left it: a saved article whose copy,
 * body included, is in the reader's record, and a newer version of it stored
 * since; another article only read.
 */
function createVersion5Database(id: string) {
  return new Promise<number>((resolve, reject) => {
    const open = indexedDB.open('bao-offline', 5);
    open.onupgradeneeded = () => {
      const db = open.result;
      const articles = db.createObjectStore('articles', { keyPath: 'id' });
      articles.createIndex('by-published', ['published', 'id']);
      articles.createIndex('by-topic', 'topicKeys', { multiEntry: true });
      db.createObjectStore('meta');
      db.createObjectStore('reader', { keyPath: 'id' });
      db.createObjectStore('search');
      const staging = db.createObjectStore('staging', { keyPath: ['gen', 'id'] });
      staging.createIndex('by-published', ['gen', 'published', 'id']);
      db.createObjectStore('bodies', { keyPath: 'id' });
      db.createObjectStore('stagingBodies', { keyPath: ['gen', 'id'] });
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const published = Date.parse('2022-10-01T08:00:00+07:00');
      const card = (title: string, excerpt: string) => ({
        id,
        title,
        published,
        authors: [],
        tags: ['Xã hội'],
        fetchedAt: published,
        excerpt,
        wordCount: 300_000,
        topicKeys: [['Xã hội', published, id]],
      });
      // About 1 MB saved: the copy the reader kept, all of it.
      const saved = '<p>Bản đã lưu: bà con bản Lạn góp công làm đường.</p>'.repeat(20_000) + '<p>Hết bản đã lưu.</p>';
      const tx = db.transaction(['articles', 'bodies', 'reader'], 'readwrite');
      tx.objectStore('articles').put(card('Đường bản Lạn (bản mới)', 'Bản mới'));
      tx.objectStore('bodies').put({ id, contentHtml: '<p>Bản mới của bài, sửa sau khi lưu.</p>' });
      tx.objectStore('reader').put({ id, readAt: 1, savedAt: 2, savedCopy: { ...card('Đường bản Lạn', 'Bản đã lưu'), contentHtml: saved } });
      tx.objectStore('reader').put({ id: 'chi-doc', readAt: 3 });
      tx.oncomplete = () => {
        db.close();
        resolve(db.version);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** Where the saved copy is kept: whether the reader's record still holds its body, the body kept apart, and the read index. */
const savedShape = (page: Page, id: string) =>
  readInPage(
    page,
    async (db, id, request) => {
      const tx = db.transaction(['reader', 'savedBodies']);
      const [state, body, read] = await Promise.all([
        request(tx.objectStore('reader').get(id)),
        request(tx.objectStore('savedBodies').get(id)),
        request(tx.objectStore('reader').index('by-read').getAllKeys()),
      ]);
      return {
        version: db.version,
        recordHasBody: 'contentHtml' in ((state as { savedCopy?: object }).savedCopy ?? {}),
        savedBody: (body as { contentHtml?: string } | undefined)?.contentHtml?.length,
        readIndexed: (read as string[]).sort(),
      };
    },
    id,
  );

describe('a phone that last ran version 5 of the database, with a saved article', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('moves the saved copy’s body apart in the real browser, and the saved article reads exactly as it was saved', async () => {
    const { page } = app.browser;
    await page.goto(`${app.server.url}/robots.txt`);
    expect(await page.evaluate(createVersion5Database, SAVED_ID)).toBe(5);

    await page.goto(`${app.server.url}/da-luu`);
    await page.locator('.article-list .card-title', { hasText: 'Đường bản Lạn' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.article-list .card-title').allTextContents()).toEqual(['Đường bản Lạn']);
    const shape = await savedShape(page, SAVED_ID);
    expect(shape).toEqual({ version: DB_VERSION, recordHasBody: false, savedBody: expect.any(Number), readIndexed: [SAVED_ID, 'chi-doc'] });
    expect(shape.savedBody).toBeGreaterThan(1_000_000);

    await page.locator('.article-list .card-title', { hasText: 'Đường bản Lạn' }).click();
    await page.locator('h1.article-title', { hasText: 'Đường bản Lạn' }).waitFor();
    await page.getByText('Bài đã được cập nhật.').waitFor();
    await page.locator('.article-body:not([aria-busy])').waitFor({ timeout: 60_000 });
    expect(await page.locator('.article-body p').first().textContent()).toBe('Bản đã lưu: bà con bản Lạn góp công làm đường.');
    expect(await page.locator('.article-body p').last().textContent()).toBe('Hết bản đã lưu.');
    expect(await page.locator('.article-body p').count()).toBe(20_001);
    await page.getByRole('button', { name: 'Đã lưu' }).waitFor();
  }, 120_000);
});
