import { describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { waitForArticles, waitForServiceWorker } from './harness';
import { FEED_PATH } from './network-helpers';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400" viewBox="0 0 16 10"><rect width="16" height="10" fill="#2a7"/></svg>';

const item = (id: string, title: string, picture: string) => ({
  id,
  title,
  content_html: `<p>Ruộng bậc thang mùa nước đổ.</p><figure><img src="${picture}" alt="Ruộng bậc thang ở Mù Cang Chải"><figcaption>Mù Cang Chải</figcaption></figure>`,
  date_published: new Date(Date.UTC(2026, 10, 20)).toISOString(),
});

/** Whether the article shows its picture, drawn. */
const pictureShown = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const img = document.querySelector<HTMLImageElement>('.article-body figure img');
    return img !== null && img.complete && img.naturalWidth > 0;
  });

// A picture that failed to load stayed «Không tải được ảnh» (or «Ảnh cần có mạng để xem») for as long as the
// article was open: the network back, the reader still had to leave the article and come back to see it.
describe('a picture that could not be loaded, while the article stays open', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('loads again when the reader taps «Tải lại ảnh», and comes by itself when the phone is back online', async () => {
    const { server } = app;
    const { page, context } = app.browser;
    await server.route(FEED_PATH, {
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Báo ảnh',
        items: [item('mu-cang-chai', 'Mùa nước đổ', '/anh/mu-cang-chai.svg'), item('y-ty', 'Mây ở Y Tý', '/anh/y-ty.svg')],
      }),
    });
    // The host fails once (a mobile line's gateway), then serves the picture.
    await server.route('/anh/mu-cang-chai.svg', { status: 503, body: 'busy' }, { body: SVG, headers: { 'content-type': 'image/svg+xml' } });
    await server.route('/anh/y-ty.svg', { body: SVG, headers: { 'content-type': 'image/svg+xml' } });
    await page.goto(server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, 2);

    await page.locator('.card-link', { hasText: 'Mùa nước đổ' }).click();
    const missing = page.locator('.article-body .picture-missing');
    await missing.waitFor();
    expect(await missing.textContent()).toBe('Không tải được ảnh');
    await page.getByRole('button', { name: 'Tải lại ảnh' }).click();
    await page.waitForFunction(() => document.querySelector('.article-body figure img') !== null);
    await expect.poll(() => pictureShown(page), { timeout: 20_000 }).toBe(true);
    expect(await missing.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Tải lại ảnh' }).count()).toBe(0);

    // Offline, an article never opened: its picture needs the network. The network back, it comes untouched.
    await page.goto(server.url);
    await waitForArticles(page, 2);
    await context.setOffline(true);
    try {
      await page.locator('.card-link', { hasText: 'Mây ở Y Tý' }).click();
      await missing.waitFor();
      expect(await missing.textContent()).toBe('Ảnh cần có mạng để xem');
    } finally {
      await context.setOffline(false);
    }
    await expect.poll(() => pictureShown(page), { timeout: 20_000 }).toBe(true);
    expect(await missing.count()).toBe(0);
  });
});
