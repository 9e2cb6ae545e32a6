import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appUnderTest } from './app-under-test';
import { listedTitles, saveOpenArticle, snapshotSaved, waitForArticles, waitForServiceWorker } from './harness';
import { FEED_PATH, refreshAndWaitFor } from './network-helpers';
import { searchTitles } from './screen-helpers';

const SITE = 'https://tin.example.vn';

interface Story {
  slug: string;
  title: string;
  text: string;
}

const STORIES: Story[] = [
  { slug: 'thoi-su/cau-moi-qua-song-da', title: 'Cầu mới qua sông Đà', text: 'Cây cầu nối hai bờ thị trấn Mường La.' },
  { slug: 'kinh-te/gia-lua-dong-thap', title: 'Giá lúa Đồng Tháp tăng', text: 'Thương lái thu mua lúa thơm tại ruộng.' },
  { slug: 'van-hoa/le-hoi-hoa-ban', title: 'Lễ hội hoa ban Điện Biên', text: 'Du khách ngắm hoa ban trắng núi rừng.' },
];

/** The feed as one generator writes it: ids of its own, urls as it links them. */
function feed(stories: readonly Story[], idOf: (i: number) => string, urlOf: (story: Story) => string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Báo mẫu',
    items: stories.map((story, i) => ({
      id: idOf(i),
      url: urlOf(story),
      title: story.title,
      content_html: `<p>${story.text}</p>`,
      date_published: new Date(Date.UTC(2026, 10, 30, 8 - i)).toISOString(),
    })),
  });
}

/** Search, typed again until the worker's index has the latest refresh (it learns of it by message). */
function pollSearch(page: Page, query: string): Promise<string[]> {
  return page.fill('#search-input', '').then(() => searchTitles(page, query));
}

describe('a feed that gives its stories new ids (another CMS)', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('lists each story once after the refresh, keeps the save and the read marks, offers the newer version, and search finds it once', async () => {
    const { page } = app.browser;
    await app.server.route(FEED_PATH, { body: feed(STORIES, (i) => `cms-${i + 1}`, (s) => `${SITE}/${s.slug}`) });
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, 3);

    // The reader saves the first story and reads the second.
    await page.locator('.article-list .card-title', { hasText: STORIES[0]!.title }).click();
    await page.locator('h1.article-title').waitFor();
    await saveOpenArticle(page);
    await page.goto(app.server.url);
    await page.locator('.article-list .card-title', { hasText: STORIES[1]!.title }).click();
    await page.locator('h1.article-title', { hasText: STORIES[1]!.title }).waitFor();

    // The site moves to another CMS: every id changes, links carry tracking parameters, the first story is rewritten.
    const moved = [{ ...STORIES[0]!, title: 'Cầu mới qua sông Đà đã thông xe', text: 'Cây cầu thông xe sau hai năm thi công.' }, ...STORIES.slice(1)];
    await app.server.route(FEED_PATH, { body: feed(moved, (i) => `wp-${101 + i}`, (s) => `http://tin.example.vn/${s.slug}/?utm_source=rss&utm_medium=feed`) });
    await page.goto(app.server.url);
    await refreshAndWaitFor(page, 'Cập nhật lúc');
    await page.locator('.article-list .card-title', { hasText: 'đã thông xe' }).waitFor();

    expect((await listedTitles(page)).sort()).toEqual(moved.map((s) => s.title).sort());
    await expect.poll(() => page.locator('.list-end').textContent()).toMatch(/^Máy đang giữ 3 bài,/);
    await page.locator('.section-row a', { hasText: 'Chưa đọc' }).click();
    await page.waitForURL(/\?chua-doc=1$/);
    await expect.poll(() => listedTitles(page)).toEqual([STORIES[2]!.title]);

    // The saved story is saved once, as the reader saved it, with the rewrite offered.
    await page.goto(`${app.server.url}/da-luu`);
    await page.locator('.article-list .card-title').first().waitFor();
    expect(await listedTitles(page)).toEqual([STORIES[0]!.title]);
    await page.locator('.article-list .card-title').first().click();
    await page.getByText('Bài đã được cập nhật').waitFor();
    expect(await page.locator('h1.article-title').textContent()).toBe(STORIES[0]!.title);

    // A link that names the saved story by its new id (a friend's, a notification's) opens it as saved,
    // under the address of the stored story.
    await page.goto(`${app.server.url}/bai/wp-101`);
    await page.getByText('Bài đã được cập nhật').waitFor();
    expect(await page.locator('h1.article-title').textContent()).toBe(STORIES[0]!.title);
    await page.getByRole('button', { name: 'Đã lưu' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/bai/cms-1');

    // Search has each story once: the saved one under its new text, the others as before.
    await expect.poll(() => page.evaluate(snapshotSaved), { timeout: 30_000, interval: 250 }).toBe(true);
    await page.goto(`${app.server.url}/tim-kiem`);
    await page.waitForSelector('#search-input');
    await expect.poll(() => pollSearch(page, 'thong xe'), { timeout: 20_000 }).toEqual(['Cầu mới qua sông Đà đã thông xe']);
    expect(await pollSearch(page, 'gia lua dong thap')).toEqual([STORIES[1]!.title]);
    expect(await pollSearch(page, 'hoa ban')).toEqual([STORIES[2]!.title]);

    // Offline, the saved story still opens as saved, the newer version still offered.
    await app.server.stop();
    await page.goto(`${app.server.url}/da-luu`);
    await page.locator('.article-list .card-title').first().click();
    await page.getByText('Bài đã được cập nhật').waitFor();
    expect(await page.locator('h1.article-title').textContent()).toBe(STORIES[0]!.title);
    expect(await page.locator('.article-body').textContent()).toContain(STORIES[0]!.text);
  });
});
