import { beforeAll, describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/shared/feed/parse';
import { badFeeds } from '../fixtures/bad-feeds';
import { dangerousMarkup } from './dom-checks';
import { waitForArticles } from './harness';
import { appUnderTest } from './app-under-test';
import { FEED_PATH, openSettled, refreshAndWaitFor } from './network-helpers';

/** Too big to be worth a browser round trip; the unit suites run them through parse and store. */
const UNIT_ONLY = new Set(['over 40 MB', '50,000 items', 'content of 5 MB (capped)']);
const refused = badFeeds.filter((c) => 'error' in c.expect && !UNIT_ONLY.has(c.name));
// Login pages last: their failure is retried by Background Sync, which must not race a different case.
refused.sort((a, b) => Number('error' in a.expect && a.expect.error === 'html') - Number('error' in b.expect && b.expect.error === 'html'));
const accepted = badFeeds.filter((c) => !('error' in c.expect) && !c.xss && !UNIT_ONLY.has(c.name));

/** Every stored article, by id, straight from IndexedDB. */
function storedArticles() {
  return new Promise<Record<string, unknown>>((resolve, reject) => {
    const open = indexedDB.open('bao-offline');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction('articles').objectStore('articles').getAll();
      request.onsuccess = () => {
        open.result.close();
        resolve(Object.fromEntries((request.result as { id: string }[]).map((a) => [a.id, a])));
      };
    };
  });
}

const ran = () => (window as { __xss?: number }).__xss;

describe('bad feeds, from the network to the screen', () => {
  const app = appUnderTest();
  let cached: Record<string, unknown>;

  beforeAll(async () => {
    const { page } = app.browser;
    await openSettled(page, app.server.url);
    cached = await page.evaluate(storedArticles);
  });

  it(`refuses ${refused.length} broken or foreign responses, names why, and keeps every article`, async () => {
    const { page } = app.browser;
    expect(refused.length).toBeGreaterThanOrEqual(35);
    for (const testCase of refused) {
      const expected = 'error' in testCase.expect && testCase.expect.error === 'html' ? 'Mạng yêu cầu đăng nhập hoặc đã hết dung lượng' : 'Dữ liệu tin bị lỗi';
      await app.server.route(FEED_PATH, { body: testCase.body() });
      const text = await refreshAndWaitFor(page, expected);
      expect(text, testCase.name).toContain('Các bài đã tải vẫn đọc được.');
    }
    expect(await page.evaluate(storedArticles)).toEqual(cached);
    expect(await page.evaluate(dangerousMarkup)).toEqual([]);
    expect(await page.evaluate(ran)).toBeUndefined();
  });

  it(`stores and shows what is usable in ${accepted.length} odd but acceptable feeds, as text, running nothing`, async () => {
    const { page } = app.browser;
    for (const testCase of accepted) {
      const body = testCase.body();
      await app.server.route(FEED_PATH, { body });
      await refreshAndWaitFor(page, 'Cập nhật lúc');
      for (const { id, title } of parseFeed(body, `${app.server.url}${FEED_PATH}`).items) {
        await page.goto(`${app.server.url}/bai/${encodeURIComponent(id)}`);
        await page.waitForSelector('h1.article-title');
        const shown = await page.locator('h1.article-title').textContent();
        expect(shown, `${testCase.name}: ${id}`).toBe(title || 'Bài không có tiêu đề');
        expect(await page.evaluate(dangerousMarkup), `${testCase.name}: ${id}`).toEqual([]);
        // Links out leave no way back into the app's window.
        for (const rel of await page.locator('.article-body a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('rel')))) {
          expect(rel).toBe('noopener noreferrer');
        }
      }
      await page.goto(app.server.url);
      await waitForArticles(page, 20);
    }
    const after = await page.evaluate(storedArticles);
    for (const [id, article] of Object.entries(cached)) expect(after[id], id).toEqual(article);
    expect(await page.evaluate(ran)).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
