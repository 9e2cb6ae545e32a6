import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { openSettled } from './network-helpers';

const ARTICLE_ID = 'son-la-dan-van-kheo-2023-02-06';
/** The origin's quota: the app and the sample feed take about 1.3 MB of it. */
const QUOTA_BYTES = 3 * 1024 * 1024;

/**
 * Fills what is left of the origin's quota, as other data on a phone does:
 * random bytes (IndexedDB compresses what it stores) in a database of its
 * own, in halving pieces until not even 1 KB more fits.
 */
function fillStorage(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('filler');
      open.onupgradeneeded = () => open.result.createObjectStore('x');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    let pieces = 0;
    for (let size = 256 * 1024; size >= 1024; ) {
      const bytes = new Uint8Array(size);
      for (let at = 0; at < size; at += 65_536) crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65_536)));
      const fitted = await new Promise<boolean>((resolve) => {
        const tx = db.transaction('x', 'readwrite');
        tx.objectStore('x').put(new Blob([bytes]), pieces);
        tx.oncomplete = () => resolve(true);
        tx.onabort = () => resolve(false);
      });
      if (fitted) pieces++;
      else size /= 2;
    }
    db.close();
    return pieces;
  });
}

describe('a reader whose phone storage fills up after the news is downloaded', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('is told why «Lưu bài» did not keep the article, and the app still offers its update', async () => {
    const { page, context } = app.browser;
    const cdp = await context.newCDPSession(page);
    // Set before the app first stores anything: Chromium applies it only to storage opened afterwards.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: app.server.url, quotaSize: QUOTA_BYTES });
    await openSettled(page, app.server.url);
    await page.goto(`${app.server.url}/bai/${ARTICLE_ID}`);
    await page.locator('.article-title').waitFor();
    expect(await fillStorage(page)).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Lưu bài' }).click();
    await expect
      .poll(() => page.locator('[role=alert]').allTextContents())
      .toEqual(['Không lưu được bài này: bộ nhớ điện thoại đã đầy. Có thể xoá ảnh đã lưu tạm trong «Cài đặt» › «Bộ nhớ».']);
    await expect.poll(() => page.locator('.article-actions button[aria-pressed]').textContent()).toBe('Lưu bài');
    await page.goto(`${app.server.url}/da-luu`);
    await page.getByText('Chưa lưu bài nào').waitFor();

    // A new version is published while the disk is full: the list still opens and offers it.
    const newWorker = `${readFileSync('dist/sw.js', 'utf8')}\n// phiên bản 2\n`;
    await app.server.route('/sw.js', { body: newWorker, headers: { 'content-type': 'text/javascript; charset=utf-8' } });
    await page.goto(app.server.url);
    await page.locator('.update-banner').getByText('Có phiên bản mới').waitFor({ timeout: 20_000 });
  });
});
