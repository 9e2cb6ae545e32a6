import { beforeAll, describe, expect, it } from 'vitest';
import { waitForArticles, waitForServiceWorker, waitForSteadyPosition } from './harness';
import { appUnderTest } from './app-under-test';

const COUNT = 1200;

function bigFeed(): string {
  const items = Array.from({ length: COUNT }, (_, n) => ({
    id: `tin-${n}`,
    title: `Tin số ${n}: bà con bản Mường Lạn góp công làm đường`,
    content_text: 'Bà con trong bản cùng nhau làm đường liên thôn trước mùa mưa. '.repeat(8),
    date_published: new Date(Date.UTC(2024, 0, 1) - n * 3_600_000).toISOString(),
    tags: ['Xã hội'],
  }));
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo lớn', items });
}

describe('a list of more than a thousand articles', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  beforeAll(async () => {
    await app.server.route('/sample/feed.json', { body: bigFeed() });
  });

  it('counts them as Vietnamese write numbers, «1.200», wherever it says how many', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, 30);
    await page.locator('.saved-note').waitFor({ timeout: 20_000 });
    expect(await page.locator('.saved-note').textContent()).toBe('Đã lưu 1.200 bài để đọc khi không có mạng');
    await expect.poll(() => page.locator('.status-bar .status-text').textContent()).toContain('· 1.200 bài mới');
    expect(await page.locator('.list-end').textContent()).toContain('Máy đang giữ 1.200 bài');
  });

  it('stays quick to page through, and Back returns to the row the reader left', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, 30);

    const more = page.getByRole('button', { name: 'Xem thêm tin cũ hơn' });
    const slowest = { ms: 0 };
    let largestJump = 0;
    for (let shown = 60; shown <= COUNT; shown += 30) {
      // Where the reader sees the button is where it stays while the rows above it take their real height.
      await more.evaluate((button) => button.scrollIntoView({ block: 'center' }));
      const seen = await more.evaluate((button) => button.getBoundingClientRect().top);
      const settled = await waitForSteadyPosition(page, '.article-list + button');
      largestJump = Math.max(largestJump, Math.abs(settled - seen));
      const started = Date.now();
      await more.click();
      await waitForArticles(page, shown);
      slowest.ms = Math.max(slowest.ms, Date.now() - started);
    }
    // The last full page cannot know it was the last; one more tap finds nothing and the button goes.
    await more.click();
    await more.waitFor({ state: 'detached' });
    expect(await page.locator('.card').count()).toBe(COUNT);
    // Generous for a loaded CI machine; typically under 300 ms even at 1,200 rows.
    expect(slowest.ms).toBeLessThan(1500);
    // It jumped by about a screen (952 px) while the rows above it grew from their estimated height.
    expect(largestJump).toBeLessThan(1);

    const row = page.locator('[data-scroll-anchor="tin-1100"]');
    await row.scrollIntoViewIfNeeded();
    // The rows brought on screen take their real height, as a reader would see them.
    const topBefore = await waitForSteadyPosition(page, '[data-scroll-anchor="tin-1100"]');
    await row.locator('.card-link').click();
    await page.waitForSelector('h1.article-title');
    await page.goBack();
    await waitForArticles(page, COUNT);
    const topAfter = await waitForSteadyPosition(page, '[data-scroll-anchor="tin-1100"]');
    expect(Math.abs(topAfter - topBefore)).toBeLessThan(2);
  });
});
