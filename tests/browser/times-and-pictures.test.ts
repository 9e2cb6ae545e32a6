import { describe, expect, it } from 'vitest';
import { storedArticleCount, waitForArticles, waitForServiceWorker } from './harness';
import { appUnderTest } from './app-under-test';
import { FEED_PATH, nextEdition, refreshAndWaitFor } from './network-helpers';

const HOUR = 3_600_000;
/** A Vietnamese afternoon before the real clock, so every date below is in the past for the service worker too. */
function lastAfternoonInVietnam(): number {
  const today = new Date(Date.now() + 7 * HOUR).toISOString().slice(0, 10);
  const at = Date.parse(`${today}T15:00:00+07:00`);
  return at <= Date.now() ? at : at - 24 * HOUR;
}

function words(n: number): string {
  return Array.from({ length: n }, (_, i) => `chữ${i}`).join(' ');
}

describe('times that speak (360×740)', () => {
  const app = appUnderTest({ hideInstallOffer: true });
  const now = lastAfternoonInVietnam();
  const yesterday = new Date(now + 7 * HOUR - 24 * HOUR).toISOString().slice(0, 10);
  const item = (id: string, published: number | string, wordCount = 40) => ({
    id,
    title: `Bài ${id}`,
    content_html: `<p>${words(wordCount)}</p>`,
    date_published: typeof published === 'number' ? new Date(published).toISOString() : published,
  });
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Giờ',
    items: [
      item('vua-xong', now - 20_000, 600),
      item('muoi-lam-phut', now - 15 * 60_000),
      item('hai-gio', now - 2 * HOUR - 5 * 60_000),
      item('hom-qua', `${yesterday}T14:30:00+07:00`),
      item('nam-2023', '2023-02-06T08:00:00+07:00'),
    ],
  };

  it('says «Vừa xong», «15 phút trước», «2 giờ trước», «Hôm qua, 14:30», then the date; and the reading time', async () => {
    const { page } = app.browser;
    await app.server.route(FEED_PATH, { body: JSON.stringify(feed), headers: { 'content-type': 'application/feed+json' } });
    await page.clock.setFixedTime(now);
    await page.goto(app.server.url);
    await waitForArticles(page, 5);
    expect(await page.locator('.card .meta time').allTextContents()).toEqual([
      'Vừa xong',
      '15 phút trước',
      '2 giờ trước',
      'Hôm qua, 14:30',
      'Thứ Hai, 6/2/2023',
    ]);
    await page.locator('.card-link').first().click();
    await page.locator('h1.article-title').waitFor();
    expect(await page.locator('article header .meta').textContent()).toMatch(/^Vừa xong · 3 phút đọc/);
  });

  it('says once, after the first download, how many articles are kept, and ends the list with how far back', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForArticles(page, 5);
    // Told once: the first test's visit already heard it.
    expect(await page.locator('.saved-note').count()).toBe(0);
    expect(await page.locator('.list-end').textContent()).toContain('Máy đang giữ 5 bài, tin cũ nhất từ Thứ Hai, 6/2/2023');
  });
});

describe('the first download and new articles', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('tells the real count once, and marks what arrived since the last visit «Mới»', async () => {
    const { page } = app.browser;
    // Every move of the list under the reader's eyes (layout shift) while the first download lands.
    await page.addInitScript(() => {
      const w = window as { __listShifts?: number };
      w.__listShifts = 0;
      new PerformanceObserver((entries) => {
        for (const entry of entries.getEntries() as unknown as { value: number; sources: { node?: Node }[] }[]) {
          if (entry.sources.some((s) => s.node instanceof Element && s.node.matches('.article-list'))) w.__listShifts! += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    const note = page.locator('.saved-note');
    await note.waitFor({ timeout: 20_000 });
    // The note took the place its pending line held from the first rows on: no row moved.
    expect(await page.evaluate(() => (window as { __listShifts?: number }).__listShifts)).toBeLessThan(0.005);
    const stored = await storedArticleCount(page);
    expect(stored).toBeGreaterThan(20);
    expect(await note.textContent()).toBe(`Đã lưu ${stored} bài để đọc khi không có mạng`);
    // First visit: nothing is «Mới» (everything would be).
    expect(await page.locator('.new-mark').count()).toBe(0);

    // The reader comes back later; a refresh brings one article.
    await page.reload();
    await waitForArticles(page, 20);
    expect(await note.count()).toBe(0);
    await app.server.route(FEED_PATH, { body: nextEdition('Tin nóng sau lần mở trước') });
    await refreshAndWaitFor(page, 'Cập nhật lúc');
    await page.locator('.card-title', { hasText: 'Tin nóng sau lần mở trước' }).waitFor();
    const marked = await page.locator('.card:has(.new-mark) .card-title').allTextContents();
    expect(marked).toEqual(['Tin nóng sau lần mở trước']);
  });
});

describe('a list left open over Vietnam’s midnight (360×740)', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('says the news came «hôm qua» once the day has turned, in the status line as on the cards', async () => {
    const { page } = app.browser;
    await app.server.route(FEED_PATH, { body: nextEdition('Tin tối qua') });
    // The page's own clock, running, so it can be moved on as a night passes.
    await page.clock.install();
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await page.locator('.card-title', { hasText: 'Tin tối qua' }).waitFor({ timeout: 20_000 });
    const status = page.locator('.status-bar .status-text');
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/Cập nhật lúc \d\d:\d\d hôm nay/);
    const card = page.locator('.card', { hasText: 'Tin tối qua' }).locator('.meta time');
    expect(await card.textContent()).toBe('Vừa xong');

    // To a minute past the next midnight in Vietnam (UTC+7, no summer time).
    const now = await page.evaluate(() => Date.now());
    const day = 24 * HOUR;
    const nextMidnight = Math.floor((now + 7 * HOUR) / day) * day + day - 7 * HOUR;
    await page.clock.fastForward(nextMidnight + 60_000 - now);

    await expect.poll(() => card.textContent()).toMatch(/^Hôm qua, \d\d:\d\d$/);
    await expect.poll(() => status.textContent()).toMatch(/Cập nhật lúc \d\d:\d\d hôm qua/);
  });
});

describe('the app brought back to the screen the next morning (360×740)', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('downloads the news by itself, as when it is opened anew', async () => {
    const { page } = app.browser;
    await page.clock.install();
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, 20);
    const status = page.locator('.status-bar .status-text');
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/Cập nhật lúc \d\d:\d\d hôm nay/);
    await app.server.route(FEED_PATH, { body: nextEdition('Tin sáng nay') });

    // The phone kept the app in memory behind other apps for a night. Headless Chromium never
    // hides a page, so the page is told what a phone's browser tells it: hidden, then visible.
    const setVisibility = (state: 'hidden' | 'visible') =>
      page.evaluate((state) => {
        Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await setVisibility('hidden');
    await page.clock.fastForward(11 * HOUR);
    await setVisibility('visible');

    await page.locator('.card-title', { hasText: 'Tin sáng nay' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain('· 1 bài mới');
  });
});

describe('pictures offline', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('shows «Ảnh cần có mạng để xem», the picture’s size, instead of a broken picture', async () => {
    const { page, context } = app.browser;
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, 20);
    await context.setOffline(true);
    try {
      await page.reload();
      await waitForArticles(page, 20);
      // Every thumbnail comes on screen, so each one loads from the cache or fails.
      // (By the rows, not the pictures: a picture that fails is replaced while the page scrolls.)
      // A frame per row, or 100 ms where no frame comes: in one full run this step never ended, and an evaluate has no time-out.
      await page.evaluate(async () => {
        for (const card of document.querySelectorAll('.card')) {
          card.scrollIntoView();
          await new Promise((resolve) => {
            requestAnimationFrame(resolve);
            setTimeout(resolve, 100);
          });
        }
      });
      await page.waitForFunction(
        () => [...document.querySelectorAll('.card-thumb')].every((el) => !(el instanceof HTMLImageElement) || el.complete),
        undefined,
        { timeout: 30_000 },
      );
      const thumbs = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.card-thumb')].map((el) => ({
          broken: el instanceof HTMLImageElement && el.naturalWidth === 0,
          placeholder: el.classList.contains('picture-missing') ? el.textContent : undefined,
          size: `${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`,
        })),
      );
      expect(thumbs.filter((t) => t.broken)).toEqual([]);
      const placeholders = thumbs.filter((t) => t.placeholder);
      expect(placeholders.length).toBeGreaterThan(0);
      for (const p of placeholders) expect(p.placeholder).toBe('Ảnh cần có mạng để xem');
      // Same box as a picture: nothing in the card moves when it fails.
      expect(new Set(thumbs.map((t) => t.size)).size).toBe(1);

      // An article never opened: its picture never came. The placeholder keeps the picture's shape (640×400).
      await page.goto(`${app.server.url}/bai/moc-chau-mua-hoa-man-2023-02-02`);
      const missing = page.locator('.article-body .picture-missing');
      await missing.waitFor();
      const box = (await missing.boundingBox())!;
      expect(box.width / box.height).toBeCloseTo(640 / 400, 1);
      expect(await missing.textContent()).toBe('Ảnh cần có mạng để xem');
      expect(await missing.getAttribute('aria-label')).toContain('cành mận nở hoa trắng');
      expect(await page.locator('.article-body img').count()).toBe(0);
    } finally {
      await context.setOffline(false);
    }
  });
});
