import { describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { waitForArticles, waitForServiceWorker } from './harness';
import { FEED_PATH } from './network-helpers';

const feed = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Báo có video',
  items: [
    {
      id: 'dua-thuyen',
      title: 'Lễ hội đua thuyền',
      url: 'https://tin.example.vn/dua-thuyen',
      content_html:
        '<p>Trước.</p><iframe src="https://www.youtube.com/embed/abc" onload="window.__ran=1"></iframe>' +
        '<p>Giữa <video controls><source src="/v.mp4">Your browser does not support video.</video></p>' +
        '<audio src="https://tin.example.vn/a.mp3"></audio><iframe src="https://maps.example/x"></iframe><p>Sau.</p>',
      date_published: '2026-11-30T10:00:00Z',
    },
    {
      id: 'khong-bai-goc',
      title: 'Không có bài gốc',
      content_html: '<video src="javascript:window.__ran=1"></video><p>Hết.</p>',
      date_published: '2026-11-30T09:00:00Z',
    },
  ],
});

describe('an article with a video, a recording or an embedded page', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('shows where each was, with a link to see it at the source, and runs none of them', async () => {
    const { page } = app.browser;
    await app.server.route(FEED_PATH, { body: feed });
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, 2);
    await page.goto(`${app.server.url}/bai/dua-thuyen`);
    await page.locator('.article-body', { hasText: 'Sau.' }).waitFor();
    const notes = await page
      .locator('.article-body .embed-note a')
      .evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute('href'), (a as HTMLElement).offsetHeight > 0]));
    expect(notes).toEqual([
      ['Xem video ở bài gốc', 'https://tin.example.vn/dua-thuyen', true],
      ['Xem video ở bài gốc', 'https://tin.example.vn/dua-thuyen', true],
      ['Nghe âm thanh ở bài gốc', 'https://tin.example.vn/dua-thuyen', true],
      ['Xem phần này ở bài gốc', 'https://tin.example.vn/dua-thuyen', true],
    ]);
    expect(await page.locator('.article-body :is(iframe, video, audio, source)').count()).toBe(0);
    expect(await page.locator('.article-body').textContent()).not.toContain('Your browser');

    // Without an article page and with a player address that is no web address, the note says so without a link.
    await page.goto(`${app.server.url}/bai/khong-bai-goc`);
    await page.locator('.article-body', { hasText: 'Hết.' }).waitFor();
    expect(await page.locator('.article-body .embed-note').textContent()).toBe('Video ở đây không xem được trong ứng dụng.');
    expect(await page.locator('.article-body a').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __ran?: number }).__ran)).toBeUndefined();
  });
});
