import { describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { waitForArticles } from './harness';
import { announcements, recordAnnouncements } from './live-regions';
import { FEED_PATH } from './network-helpers';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400" viewBox="0 0 16 10"><rect width="16" height="10" fill="#2a7"/></svg>';

/** What has the keyboard focus: its tag, and its accessible name where it is a button or a picture. */
const focused = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName ?? '', name: el?.getAttribute('aria-label') ?? el?.getAttribute('alt') ?? el?.textContent ?? '' };
  });

// «Tải lại ảnh» was removed as it was pressed: the keyboard focus fell back to the page's start, and nothing said
// whether the picture came.
describe('«Tải lại ảnh» from the keyboard', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('keeps the focus on the picture or its button, and says whether the picture came', async () => {
    const { server } = app;
    const { page, context } = app.browser;
    await server.route(FEED_PATH, {
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Báo ảnh',
        items: [
          {
            id: 'mu-cang-chai',
            title: 'Mùa nước đổ',
            content_html: '<p>Ruộng bậc thang mùa nước đổ.</p><figure><img src="/anh/mu-cang-chai.svg" alt="Ruộng bậc thang ở Mù Cang Chải"><figcaption>Mù Cang Chải</figcaption></figure><p>Cuối bài.</p>',
            date_published: '2026-11-20T08:00:00+07:00',
          },
        ],
      }),
    });
    // Busy (a mobile line's gateway) until the test says otherwise.
    await server.route('/anh/mu-cang-chai.svg', { status: 503, body: 'busy' });
    await recordAnnouncements(context);
    await page.goto(server.url);
    await waitForArticles(page, 1);
    await page.locator('.card-link').first().click();
    const retry = page.getByRole('button', { name: 'Tải lại ảnh: Ruộng bậc thang ở Mù Cang Chải' });
    await retry.waitFor();

    // Fails again: the focus is on the new «Tải lại ảnh», and the reader is told.
    await retry.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => announcements(page), { timeout: 20_000 }).toContain('Vẫn chưa tải được ảnh: Ruộng bậc thang ở Mù Cang Chải');
    await retry.waitFor();
    expect(await focused(page)).toEqual({ tag: 'BUTTON', name: 'Tải lại ảnh: Ruộng bậc thang ở Mù Cang Chải' });

    await server.route('/anh/mu-cang-chai.svg', { body: SVG, headers: { 'content-type': 'image/svg+xml' } });
    // Comes: the focus is on the picture, which names itself, and the reader is told.
    await page.keyboard.press('Enter');
    await expect.poll(() => announcements(page), { timeout: 20_000 }).toContain('Đã tải ảnh: Ruộng bậc thang ở Mù Cang Chải');
    expect(await focused(page)).toEqual({ tag: 'IMG', name: 'Ruộng bậc thang ở Mù Cang Chải' });
    // Tab goes on from the picture to what follows it, not from the page's start.
    expect(await page.evaluate(() => document.activeElement?.closest('.article-body') !== null)).toBe(true);
  });
});
