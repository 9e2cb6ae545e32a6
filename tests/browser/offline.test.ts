import { describe, expect, it } from 'vitest';
import { listedTitles, waitForArticles, waitForServiceWorker } from './harness';
import { appUnderTest } from './app-under-test';

// The bundled sample feed, as a new reader gets it with no configuration.
const SEED_ID = 'son-la-dan-van-kheo-2023-02-06';

describe('offline-first reader', () => {
  const app = appUnderTest();

  it('keeps reading with the server gone: list, a never-opened article by its link, and unknown pages', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, 20);
    const online = await listedTitles(page);
    expect(online.length).toBeGreaterThanOrEqual(20);

    await app.server.stop();

    await page.reload();
    await waitForArticles(page, 20);
    expect(await listedTitles(page)).toEqual(online);

    await page.goto(`${app.server.url}/bai/${SEED_ID}`);
    await page.waitForSelector('h1.article-title');
    expect(await page.locator('h1.article-title').textContent()).toContain('Dân vận khéo');
    expect(await page.locator('.article-body').textContent()).toContain('Chỉ thị 11-CT/TU');
    expect(await page.locator('.meta time').first().textContent()).toBe('Thứ Hai, 6/2/2023');
    expect(await page.locator('.article-body figcaption').first().textContent()).toContain('Đồn Biên phòng Mường Lạn');
    expect(await page.locator('.related h2').textContent()).toBe('Các tin khác');

    await page.goto(`${app.server.url}/trang-chua-tung-mo`);
    await page.waitForSelector('main h1');
    expect(await page.locator('main h1').textContent()).toMatch(/Không tìm thấy/);
    // The shell around it is the app's own, not the browser's offline page.
    expect(await page.locator('.site-header .brand').textContent()).toBe('Báo Offline');
  });
});
