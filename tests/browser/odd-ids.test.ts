import { describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { waitForArticles, waitForServiceWorker } from './harness';
import { FEED_PATH } from './network-helpers';

/** Ids a feed may use: JSON Feed allows any string, and generators do write paths, queries and dots. */
const IDS = ['.', '..', '~.', 'tin/2026/12', 'bai?id=7&p=2', 'muc#3', '100%', 'tiếng việt 🐃'];

const feed = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Báo mã lạ',
  items: IDS.map((id, i) => ({
    id,
    title: `Bài số ${i + 1}`,
    content_html: `<p>Nội dung bài số ${i + 1}.</p>`,
    date_published: new Date(Date.UTC(2026, 10, 30, 10, 0 - i)).toISOString(),
    tags: [i === 0 ? '.' : 'Thời sự'],
  })),
});

describe('articles whose ids are odd but valid', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('each opens from the list, and again from its own address after a reload', async () => {
    const { page } = app.browser;
    await app.server.route(FEED_PATH, { body: feed });
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, IDS.length);
    for (let i = 0; i < IDS.length; i++) {
      const title = `Bài số ${i + 1}`;
      await page.goto(app.server.url);
      await page.locator('.article-list .card-title', { hasText: title }).click();
      await expect.poll(() => page.locator('h1').textContent(), { message: `id ${IDS[i]}` }).toBe(title);
      await page.reload();
      await expect.poll(() => page.locator('h1').textContent(), { message: `id ${IDS[i]}, reloaded` }).toBe(title);
    }
  });

  it('a section named «.» opens with its article', async () => {
    const { page } = app.browser;
    await page.goto(`${app.server.url}/bai/~.`);
    await page.locator('.tags a', { hasText: '.' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('.');
    await expect.poll(() => page.locator('.article-list .card-title').allTextContents()).toEqual(['Bài số 1']);
  });

  it('a link cut off in the middle of a letter, as a message app may trim it, says the address is wrong and leads back to the news', async () => {
    const { page } = app.browser;
    const thrown: string[] = [];
    page.on('pageerror', (error) => thrown.push(error.message));
    // «tiếng việt 🐃» and «Thời sự» cut inside their percent-encoded letters.
    for (const cut of ['/bai/ti%E1%BA%BFng%20vi%E1%BB', '/chuyen-muc/Th%E1%BB%9Di%20s%E1%BB', '/bai/100%']) {
      await page.goto(app.server.url + cut);
      await page.getByRole('heading', { name: 'Không tìm thấy trang này' }).waitFor({ timeout: 5_000 });
      // As on any page that is not there: no «Cập nhật lúc … Làm mới» line above it, as if a list were shown.
      expect(await page.locator('.status-bar .status-refresh').count(), cut).toBe(0);
      await page.getByRole('link', { name: 'Về trang tin mới' }).click();
      await waitForArticles(page, IDS.length);
    }
    expect(thrown).toEqual([]);
  });
});
