import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launch, startServer, suppressInstallOffer, type TestBrowser, type TestServer } from './harness';
import { FEED_PATH } from './network-helpers';

/** An article on the sample feed's second page: a first visit has it only once that page is in. */
const SECOND_PAGE_ID = 'moc-chau-mua-hoa-man-2023-02-02';
const SECOND_PAGE_TITLE = 'Mộc Châu trắng hoa mận, du khách nườm nượp lên cao nguyên';
const SECOND_PAGE_PATH = '/sample/feed-2.json';

/** Keeps, from the next navigation, each distinct text of the main area until an article's title shows. */
async function recordScreens(context: BrowserContext): Promise<void> {
  // A string, so that nothing the test runner adds to functions reaches the page.
  await context.addInitScript(`
    window.__screens = [];
    new MutationObserver(() => {
      const main = document.querySelector('main')?.textContent ?? '';
      if (main && window.__screens.at(-1) !== main && !document.querySelector('h1.article-title')) window.__screens.push(main);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  `);
}

const screensSeen = (page: Page) => page.evaluate(() => (window as { __screens?: string[] }).__screens ?? []);

describe('a shared link opened on a phone that never had the app', () => {
  let server: TestServer | undefined;
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    server = await startServer();
  });
  beforeEach(async () => {
    await server!.reset();
    browser = await launch();
    await suppressInstallOffer(browser.context);
    await recordScreens(browser.context);
    return () => browser?.close();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('says the article is downloading, with progress, until it comes; never «Không tìm thấy bài viết»', async () => {
    // The second page comes seconds after the first: the article is in the feed, not yet on the phone.
    await server!.route(SECOND_PAGE_PATH, { body: readFileSync(`public${SECOND_PAGE_PATH}`, 'utf8'), delayMs: 5_000 });
    const { page } = browser!;
    await page.goto(`${server!.url}/bai/${SECOND_PAGE_ID}`);
    await page.getByRole('heading', { name: 'Đang tải bài viết…' }).waitFor({ timeout: 15_000 });
    await page.locator('h1.article-title').waitFor({ timeout: 30_000 });
    expect(await page.locator('h1.article-title').textContent()).toBe(SECOND_PAGE_TITLE);

    const screens = await screensSeen(page);
    expect(screens.filter((main) => main.includes('Không tìm thấy') || main.includes('chưa được tải'))).toEqual([]);
    // How far the download is, e.g. «Trang 2: 44 KB».
    expect(screens.some((main) => /^Đang tải bài viết….*Trang \d: [\d,]+ K?B/.test(main))).toBe(true);
  });

  it('once the feed is in without it, says the source does not have it, and offers no download that cannot help', async () => {
    const { page } = browser!;
    await page.goto(`${server!.url}/bai/bai-khong-co-trong-nguon`);
    await page.getByText('Nguồn tin hiện không có bài này').waitFor({ timeout: 30_000 });
    expect(await page.locator('main h1').textContent()).toBe('Không tìm thấy bài viết');
    expect(await page.getByRole('button', { name: 'Tải tin mới để tìm bài này' }).count()).toBe(0);
    // While the feed downloaded it was not yet «not found».
    const screens = await screensSeen(page);
    expect(screens.slice(0, -1).filter((main) => main.includes('Không tìm thấy'))).toEqual([]);
    // Both pages were read: the answer rests on the whole feed.
    const stats = await server!.stats();
    expect(stats[FEED_PATH]?.statuses).toEqual([200]);
    expect(stats[SECOND_PAGE_PATH]?.statuses).toEqual([200]);
  });

  it('says why a download that failed did not bring it, and brings it on «Tải tin mới để tìm bài này»', async () => {
    await server!.route(FEED_PATH, { status: 503, body: 'Service Unavailable', headers: { 'content-type': 'text/html' } });
    const { page } = browser!;
    await page.goto(`${server!.url}/bai/${SECOND_PAGE_ID}`);
    await page.getByText('Chưa tải được tin: Máy chủ tin tức đang gặp lỗi.').waitFor({ timeout: 60_000 });
    expect(await page.getByText('Bài này chưa được tải về máy.').count()).toBe(1);

    await server!.reset();
    await page.getByRole('button', { name: 'Tải tin mới để tìm bài này' }).click();
    await page.locator('h1.article-title').waitFor({ timeout: 30_000 });
    expect(await page.locator('h1.article-title').textContent()).toBe(SECOND_PAGE_TITLE);
  });
});
