import { describe, expect, it } from 'vitest';
import { listedTitles, storedArticleCount } from './harness';
import { appUnderTest } from './app-under-test';
import { bigFeed, refreshRunning } from './big-merge';
import { FEED_PATH, refreshAndWaitFor } from './network-helpers';

const ITEMS = 2_000;
const isLoading = () => document.querySelector('.status-bar button')?.textContent === 'Đang tải…';

describe('two tabs open on a first visit', () => {
  const app = appUnderTest();

  it('the tab left open stops saying «Đang tải…» once the tab running the refresh is closed, and can refresh itself', async () => {
    const { context, page: first } = app.browser;
    // Slow enough that the second tab opens while the first tab's own worker still downloads.
    await app.server.route(FEED_PATH, { body: bigFeed(ITEMS), chunkBytes: 16_384, bytesPerSecond: 150_000 });
    await first.goto(app.server.url);
    await first.waitForFunction(isLoading);
    const second = await context.newPage();
    await second.goto(app.server.url);
    // The second tab hears of the first tab's refresh and says so.
    await second.waitForFunction(isLoading);
    await first.waitForFunction(() => document.querySelector('.status-bar progress')?.getAttribute('value') !== null);
    expect(await refreshRunning(second)).toBe(true);

    // The first tab goes, and its refresh with it: no «done» will ever come.
    await first.close();
    await second.waitForFunction(() => !document.querySelector('.status-bar')?.textContent?.includes('Đang tải'), undefined, {
      timeout: 30_000,
    });
    const shown = (await second.locator('.status-bar').textContent()) ?? '';
    // Not blamed on the server, which answered.
    expect(shown).not.toContain('Máy chủ không phản hồi');
    expect(await second.locator('.status-bar button').isEnabled()).toBe(true);

    // The reader's own refresh then brings every article.
    await app.server.route(FEED_PATH, { body: bigFeed(ITEMS) });
    await refreshAndWaitFor(second, 'Cập nhật lúc', { timeout: 60_000 });
    expect((await listedTitles(second)).length).toBeGreaterThan(0);
    const stored = await storedArticleCount(second);
    expect(stored).toBe(ITEMS);
  }, 120_000);
});
