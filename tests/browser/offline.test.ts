import { describe, expect, it } from 'vitest';
import { listedTitles, saveOpenArticle, waitForArticles, waitForServiceWorker } from './harness';
import { appUnderTest } from './app-under-test';
import { FEED_PATH } from './network-helpers';

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

describe('an article saved while offline', () => {
  const app = appUnderTest({ hideInstallOffer: true });
  const PICTURE = '/anh/ruong-bac-thang.svg';
  /** A picture the site has taken down. */
  const GONE = '/anh/da-go.svg';

  // Before, its pictures were never fetched: read later without a network, it showed «Ảnh cần có mạng để xem».
  it('gets its pictures once the network is back, and shows them offline afterwards', async () => {
    const { page, context } = app.browser;
    const picture = app.server.url + PICTURE;
    await app.server.route(PICTURE, {
      body: '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="green"/></svg>',
      headers: { 'content-type': 'image/svg+xml' },
    });
    await app.server.route(GONE, { status: 404, body: 'Not Found' });
    await app.server.route(FEED_PATH, {
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Báo vùng cao',
        items: [
          {
            id: 'ruong-bac-thang',
            title: 'Mùa lúa chín trên ruộng bậc thang',
            content_html:
              `<p>Lúa đã chín vàng.</p><figure><img src="${picture}" alt="Ruộng bậc thang"><figcaption>Ruộng bậc thang</figcaption></figure>` +
              `<p><img src="${app.server.url + GONE}" alt="Ảnh đã gỡ"></p>`,
            date_published: '2026-11-30T08:00:00+07:00',
          },
        ],
      }),
    });
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, 1);
    const savedPicture = () =>
      page.evaluate(async (url) => (await (await caches.open('bao-saved-images')).match(url)) !== undefined, picture);

    await context.setOffline(true);
    await page.locator('.article-list .card-link').first().click();
    await page.locator('h1.article-title').waitFor();
    await saveOpenArticle(page);
    expect(await savedPicture()).toBe(false);

    await context.setOffline(false);
    await expect.poll(savedPicture, { timeout: 15_000 }).toBe(true);
    expect((await app.server.stats())[PICTURE]?.requests).toBe(1);
    await expect.poll(async () => (await app.server.stats())[GONE]?.requests).toBe(1);

    // Opened again online, the picture the site took down is not asked for again (before: at every opening, by the
    // article's own <img> and by the catch-up of saved pictures).
    await page.reload();
    const kept = page.locator('.article-body img[alt="Ruộng bậc thang"]');
    await page.getByRole('img', { name: 'Không tải được ảnh: Ảnh đã gỡ' }).waitFor();
    await expect.poll(() => kept.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(40);
    expect((await app.server.stats())[GONE]?.requests).toBe(1);

    await context.setOffline(true);
    await page.reload();
    await kept.waitFor();
    await expect.poll(() => kept.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(40);
    await context.setOffline(false);
  });
});
