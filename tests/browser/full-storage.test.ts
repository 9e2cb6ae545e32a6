import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { listedTitles, saveOpenArticle, waitForArticles } from './harness';
import { FEED_PATH, openSettled, refreshAndWaitFor } from './network-helpers';

const FULL = 'Bộ nhớ điện thoại đã đầy, không lưu thêm được tin mới';
/** Saved before the disk fills: it must stay saved. */
const SAVED_ID = 'son-la-dan-van-kheo-2023-02-06';
/** The oldest article of the sample: the first an eviction would take. */
const OLDEST_ID = 'ca-phe-mai-son-vao-vu-thu-hoach-2022-11-03';
/** The origin's quota: the app and the sample feed take about 1.3 MB of it. */
const QUOTA_BYTES = 3 * 1024 * 1024;

/**
 * The next edition of the feed: 12 new articles, each 400 KB of random text
 * (IndexedDB compresses what it stores, so only text that does not compress
 * really fills a disk). It no longer lists the sample's articles, so an
 * eviction could take any unsaved one of them.
 */
function heavyEdition(): string {
  const items = Array.from({ length: 12 }, (_, i) => ({
    id: `tin-nang-${i}`,
    title: `Tin nặng số ${i}`,
    content_text: randomBytes(300 * 1024).toString('base64'),
    date_published: new Date(Date.UTC(2030, 0, 1 + i)).toISOString(),
  }));
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo mẫu', items });
}

/** What the reader can see of the store: how many articles, the list, the saved list and the oldest article. */
async function whatTheReaderSees(page: Page, url: string) {
  await page.goto(`${url}/cai-dat`);
  const count = await page.locator('.storage-usage', { hasText: 'bài trên máy' }).textContent();
  await page.goto(url);
  await waitForArticles(page, 20);
  const list = await listedTitles(page);
  await page.goto(`${url}/da-luu`);
  await page.locator('#saved-title').waitFor();
  await waitForArticles(page, 1);
  const saved = await listedTitles(page);
  await page.goto(`${url}/bai/${OLDEST_ID}`);
  const oldest = await page.locator('h1.article-title, h1:text-is("Không tìm thấy bài viết")').first().textContent();
  const oldestBody = await page.locator('.article-body p').allTextContents();
  return { count: count?.match(/^[\d.]+ bài trên máy/)?.[0], list, saved, oldest, oldestBody };
}

describe('a phone whose storage is full', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('leaves the store exactly as it was, however often a refresh with new articles fails, and says why', async () => {
    const { page, context } = app.browser;
    // A phone with little room: Chromium's quota for this origin, set before the app first stores
    // anything (Chromium takes an origin's quota into account only for storage opened after it is set).
    // It holds the app and the sample feed, not 12 new articles of 400 KB. It applies to every write of
    // the origin, the service worker's included; the app's own estimate still reports the real disk.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: app.server.url, quotaSize: QUOTA_BYTES });
    await openSettled(page, app.server.url);
    await page.goto(`${app.server.url}/bai/${SAVED_ID}`);
    await saveOpenArticle(page);
    const before = await whatTheReaderSees(page, app.server.url);
    expect(before.count).toBe('39 bài trên máy');
    expect(before.saved).toHaveLength(1);
    expect(before.oldest).not.toBe('Không tìm thấy bài viết');

    await app.server.route(FEED_PATH, { body: heavyEdition() });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await page.goto(app.server.url);
      await waitForArticles(page, 20);
      expect(await refreshAndWaitFor(page, FULL, { timeout: 60_000 })).toContain(FULL);
      // Nothing evicted, nothing half-written, saved articles kept: before, each such refresh deleted
      // a quarter of the unsaved articles (39 → 29 → 22 …) and still stored nothing new.
      expect(await whatTheReaderSees(page, app.server.url), `after failing refresh ${attempt}`).toEqual(before);
    }
  }, 240_000);
});
