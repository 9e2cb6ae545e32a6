import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, startServer, suppressInstallOffer, type TestServer } from './harness';
import { emulateSlowPhone, firstVisitRecord, recordFirstVisit } from './slow-phone';
import { announcements, recordAnnouncements } from './live-regions';
import { FEED_PATH } from './network-helpers';
import { dailyItems, feed } from '../fixtures/feeds';

describe('a first visit on a slow phone (400 kbit/s, 400 ms, CPU 4× slower)', () => {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  // A time on a machine that may be busy with other work: a slow run is tried again, each time as a new phone.
  it('shows the first articles within 6 s, saying meanwhile that they are downloading, with progress', { retry: 2 }, async () => {
    const browser = await launch();
    try {
      const { page, context } = browser;
      await suppressInstallOffer(context);
      await recordFirstVisit(context);
      await emulateSlowPhone(context, page);
      await page.goto(server!.url);
      const { firstArticleAt, screens } = await firstVisitRecord(page);

      const waiting = screens.filter((s) => s.main.startsWith('Đang tải tin lần đầu…'));
      // Pages and bytes as they arrive, e.g. «Trang 1: 12 KB» (of «/ 44 KB» when the size is known).
      expect(waiting.some((s) => /Trang 1: [\d,]+ K?B/.test(s.main))).toBe(true);
      // Never the empty state that asks the reader to do something.
      expect(screens.filter((s) => s.main.includes('Hãy bấm'))).toEqual([]);
      // «Làm mới» shows it is busy (and cannot start a second download) while the first runs.
      expect(waiting.filter((s) => s.main.includes('Trang')).every((s) => s.button === 'Đang tải…')).toBe(true);
      expect(firstArticleAt).toBeLessThan(6_000);
    } finally {
      await browser.close();
    }
  });

  // Before, each percent was a new status for TalkBack: 70 announcements in 6 s for a 150-article feed,
  // each with the button's «Đang tải…» read after it, and the one that mattered queued behind them.
  it('tells a screen reader once that the news is downloading, then what came, without reading out each percent or the button', async () => {
    const items = dailyItems(150, 'lua').map((item) => ({ ...item, content_html: `<p>${'Giá lúa hôm nay tăng nhẹ. '.repeat(20)}</p>` }));
    await server!.route(FEED_PATH, { body: feed(items), bytesPerSecond: 40_000, chunkBytes: 4096 });
    const browser = await launch();
    try {
      const { page, context } = browser;
      await suppressInstallOffer(context);
      await recordAnnouncements(context);
      await emulateSlowPhone(context, page);
      await page.goto(server!.url);
      await page.locator('.status-bar', { hasText: 'Cập nhật lúc' }).waitFor({ timeout: 60_000 });
      // The bar still shows the progress to those who see it.
      const said = await announcements(page);
      expect(said.filter((text) => /^Cập nhật lúc .* · 150 bài mới$/.test(text))).toHaveLength(1);
      expect(said).toContain('Đã lưu 150 bài để đọc khi không có mạng');
      expect(said.filter((text) => /\d+ ?(%|KB)/.test(text))).toEqual([]);
      expect(said.filter((text) => text.includes('Làm mới') || text.endsWith('Đang tải…'))).toEqual([]);
      expect(said.length).toBeLessThanOrEqual(4);
    } finally {
      await browser.close();
      await server!.reset();
    }
  });

  // Reloading soon after a first visit, before the service worker has installed (it waits for the first articles,
  // then downloads the app's files over the same slow line), downloaded the whole feed again from a host that sends
  // no validators: 7,006 bytes twice for 50 articles. The articles stored seconds ago are fresh enough.
  it('does not download the feed again when reloaded before its service worker has taken over', async () => {
    await server!.route(FEED_PATH, { body: feed(dailyItems(50, 'ngo')) });
    // No worker ever takes over in this visit: the reload is again a page without one.
    await server!.route('/sw.js', { status: 503, body: 'Service Unavailable' });
    const browser = await launch();
    try {
      const { page, context } = browser;
      await suppressInstallOffer(context);
      await page.goto(server!.url);
      await page.locator('.status-bar', { hasText: 'Cập nhật lúc' }).waitFor({ timeout: 30_000 });
      const listed = await page.locator('.article-list .card-title').count();
      await page.reload();
      await page.locator('.status-bar', { hasText: 'Cập nhật lúc' }).waitFor({ timeout: 30_000 });
      await page.locator('.article-list .card-title').nth(listed - 1).waitFor();
      expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
      expect((await server!.stats())[FEED_PATH]?.requests).toBe(1);
      // «Làm mới» still downloads at once: only opening the app waits for the articles to get old.
      await page.getByRole('button', { name: 'Làm mới' }).click();
      await expect.poll(async () => (await server!.stats())[FEED_PATH]?.requests, { timeout: 20_000 }).toBe(2);
    } finally {
      await browser.close();
      await server!.reset();
    }
  });

  // Before, the screen stayed blank until the script had arrived and run: 2.3–2.6 s at 400 kbit/s,
  // 400 ms and a CPU 6× slower; with the placeholder, the first paint came at 1.5–1.6 s.
  it('paints the header’s bar and «Đang mở Báo Offline…» before its script has run, then the app in their place', async () => {
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(readFileSync('dist/index.html', 'utf8'))![1]!;
    await server!.route(script, {
      delayMs: 4_000,
      body: readFileSync(`dist${script}`, 'utf8'),
      headers: { 'content-type': 'text/javascript; charset=utf-8' },
    });
    const browser = await launch();
    try {
      const { page, context } = browser;
      await suppressInstallOffer(context);
      await page.goto(server!.url, { waitUntil: 'commit' });
      await page.getByText('Đang mở Báo Offline…').waitFor({ timeout: 3_000 });
      expect(await page.evaluate(() => document.querySelector('.site-header') === null)).toBe(true);
      const bar = await page.locator('.boot-header').evaluate((el) => {
        const { height, width } = el.getBoundingClientRect();
        return { height, width, colour: getComputedStyle(el).backgroundColor };
      });
      expect(bar).toEqual({ height: 51, width: 360, colour: 'rgb(11, 93, 59)' });
      await page.locator('.site-header').waitFor({ timeout: 20_000 });
      expect(await page.locator('.boot-header, .boot-notice').count()).toBe(0);
    } finally {
      await browser.close();
      await server!.reset();
    }
  });
});
