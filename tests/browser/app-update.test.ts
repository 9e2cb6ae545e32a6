import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listedTitles, waitForArticles, waitForServiceWorker } from './harness';
import { appUnderTest } from './app-under-test';

const SAVED_ID = 'son-la-dan-van-kheo-2023-02-06';

/** What must survive an update: articles, reader state, and the pictures already cached. */
function storedState() {
  return new Promise<{ articles: number; reader: unknown[]; images: number }>((resolve, reject) => {
    const open = indexedDB.open('bao-offline');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(['articles', 'reader']);
      const count = tx.objectStore('articles').count();
      const reader = tx.objectStore('reader').getAll();
      tx.oncomplete = async () => {
        open.result.close();
        const images = (await (await caches.open('bao-images')).keys()).length;
        resolve({ articles: count.result, reader: reader.result, images });
      };
    };
  });
}

const workerState = () =>
  navigator.serviceWorker.getRegistration().then((r) => ({ waiting: Boolean(r?.waiting), active: Boolean(r?.active) }));

describe('an app update', () => {
  const app = appUnderTest();

  it('waits for the reader’s «Cập nhật», then reloads into the new version losing nothing', async () => {
    const { page } = app.browser;
    await page.goto(`${app.server.url}/bai/${SAVED_ID}`);
    await waitForServiceWorker(page);
    await page.getByRole('button', { name: 'Lưu bài' }).click();
    await page.getByRole('button', { name: 'Đã lưu' }).waitFor();
    // The button answers at once; the write lands a moment later.
    await expect.poll(async () => (await page.evaluate(storedState)).reader.some((r) => (r as { savedAt?: number }).savedAt)).toBe(true);
    await page.goto(app.server.url);
    await waitForArticles(page, 20);
    const titles = await listedTitles(page);
    const before = await page.evaluate(storedState);
    expect(before.reader).toEqual([expect.objectContaining({ id: SAVED_ID, savedAt: expect.any(Number) })]);

    // A new build: the same worker with one more line, so the browser sees a changed sw.js.
    const newWorker = `${readFileSync('dist/sw.js', 'utf8')}\n// phiên bản 2\n`;
    await app.server.route('/sw.js', { body: newWorker, headers: { 'content-type': 'text/javascript; charset=utf-8' } });
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));

    const banner = page.locator('.update-banner');
    await banner.getByText('Có phiên bản mới').waitFor({ timeout: 20_000 });
    await page.evaluate(() => ((window as { __oldPage?: boolean }).__oldPage = true));
    // Nothing happens until the reader agrees. The one fixed wait left in these tests, on purpose: it
    // proves an absence (no reload on its own), which no state can signal; a reload would follow the
    // «waiting» event within milliseconds.
    await page.waitForTimeout(1_500);
    expect(await page.evaluate(() => (window as { __oldPage?: boolean }).__oldPage)).toBe(true);
    expect(await page.evaluate(workerState)).toEqual({ waiting: true, active: true });

    await Promise.all([page.waitForEvent('load', { timeout: 20_000 }), banner.getByRole('button', { name: 'Cập nhật' }).click()]);
    expect(await page.evaluate(() => (window as { __oldPage?: boolean }).__oldPage)).toBeUndefined();
    await waitForArticles(page, 20);
    expect(await page.evaluate(workerState)).toEqual({ waiting: false, active: true });
    expect(await banner.count()).toBe(0);
    expect((await app.server.stats())['/sw.js']?.requests).toBeGreaterThanOrEqual(1);

    expect(await listedTitles(page)).toEqual(titles);
    const after = await page.evaluate(storedState);
    expect(after.articles).toBe(before.articles);
    expect(after.reader).toEqual(before.reader);
    expect(after.images).toBeGreaterThanOrEqual(before.images);
    await page.goto(`${app.server.url}/da-luu`);
    await page.waitForSelector('.article-list .card-title');
    expect(await listedTitles(page)).toEqual([expect.stringContaining('Dân vận khéo')]);
  });
});
