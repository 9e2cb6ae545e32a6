import { describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { waitForArticles } from './harness';
import { openSettled, putMeta } from './network-helpers';

const NEVER = 'Chưa tải tin lần nào';

/**
 * A full disk refuses even the record of a refresh's failure: seen with a 2 MB
 * quota, a first download stored 40 of 600 articles and left no record, and a
 * page opened afterwards said «Chưa tải tin lần nào» above those 40 articles.
 * The record is emptied here as that disk left it; offline, the reopened page
 * has only the record and the articles to go by.
 */
describe('a phone holding articles whose download left no record of how it ended', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('never says nothing was downloaded: it says the download did not finish, or that the disk is full', async () => {
    const { page, context } = app.browser;
    await openSettled(page, app.server.url);
    await putMeta(page, 'sync', { feedUrl: `${app.server.url}/sample/feed.json` });
    await context.setOffline(true);
    await page.reload();
    await waitForArticles(page, 20);
    const text = page.locator('.status-bar .status-text');
    await page.waitForFunction(() => (document.querySelector('.status-bar .status-text')?.textContent ?? '').length > 'Ngoại tuyến'.length);
    expect(await text.textContent()).not.toContain(NEVER);
    expect(await text.textContent()).toMatch(/Lần tải tin lúc \d{1,2}:\d{2}( hôm nay| hôm qua|, .+) chưa xong\. Các bài đã tải vẫn đọc được\./);

    // Where the browser says the storage is full, as Chromium does on a phone whose disk is.
    await page.addInitScript(() => {
      StorageManager.prototype.estimate = async () => ({ usage: 2_090_000, quota: 2_097_152 });
    });
    await page.reload();
    await waitForArticles(page, 20);
    await page.waitForFunction(() => (document.querySelector('.status-bar .status-text')?.textContent ?? '').length > 'Ngoại tuyến'.length);
    expect(await text.textContent()).toContain('Bộ nhớ điện thoại đã đầy, không lưu thêm được tin mới. Các bài đã tải vẫn đọc được.');
    await context.setOffline(false);
  }, 120_000);
});
