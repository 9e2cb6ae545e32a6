import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readInPage, waitForArticles } from './harness';
import { appUnderTest } from './app-under-test';

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
