import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../publisher/src/config';
import { publish } from '../../publisher/src/publish';
import { VIDEO_CAPTION } from '../fixtures/publisher/cms-markup';
import { FIRST_STORY_AT, startFixtureSites, type FixtureSites } from '../fixtures/publisher/sites';
import type { Story } from '../fixtures/publisher/stories';
import { appUnderTest } from './app-under-test';
import { listedTitles, waitForArticles, waitForServiceWorker } from './harness';
import { refreshAndWaitFor } from './network-helpers';

const out = mkdtempSync(join(tmpdir(), 'bao-published-'));
const NOW = FIRST_STORY_AT + 30 * 24 * 3600 * 1000;

async function waitForTitles(page: Page, titles: string[]): Promise<void> {
  await page.waitForFunction(
    (wanted) => {
      const shown = new Set(Array.from(document.querySelectorAll('.article-list .card-title')).map((el) => el.textContent));
      return wanted.every((title) => shown.has(title));
    },
    titles,
    { timeout: 30_000 },
  );
}

describe('a feed from the publisher, read in the app', () => {
  const app = appUnderTest({ hideInstallOffer: true, mount: { path: '/feed', dir: out } });
  let sites: FixtureSites;
  const edition = () =>
    publish(
      parseConfig({
        title: 'Tin tỉnh nhà',
        pageSize: 4,
        hostIntervalMs: 0,
        sources: (['vne', 'tt', 'tinh', 'lib'] as const).map((site) => ({ name: `Nguồn ${site}`, url: sites.feedUrl(site) })),
      }),
      out,
      { fetch: (url, init) => fetch(url, init), clock: { now: () => NOW, sleep: async () => undefined }, log: () => undefined },
    );

  beforeAll(async () => {
    sites = await startFixtureSites({ storiesPerSite: 3 });
    await edition();
  });

  afterAll(async () => {
    await sites.stop();
    await rm(out, { recursive: true, force: true });
  });

  const stories = () => (['vne', 'tt', 'tinh', 'lib'] as const).flatMap((site) => sites.stories(site));
  /** The story read online, to be read again offline. */
  let opened: Story;

  /** Opens a story from the list and waits for its text, captions and every picture to show. */
  async function openStory(page: Page, story: Story, by: 'click' | 'link' = 'click'): Promise<string[]> {
    const card = page.locator('.article-list .card-link', { hasText: story.title });
    // A click was once lost offline (the list redrawing as the failed refresh reports back?); the card's link is not.
    if (by === 'click') await card.click();
    else await page.goto(new URL((await card.getAttribute('href'))!, page.url()).href);
    await page.waitForSelector('h1.article-title');
    expect(await page.locator('h1.article-title').textContent()).toBe(story.title);
    const body = page.locator('.article-body');
    for (const paragraph of story.paragraphs) expect(await body.textContent()).toContain(paragraph);
    expect(await body.textContent()).not.toContain('Ý kiến');
    expect(await body.locator('figcaption').allTextContents()).toEqual(story.pictures.map((p) => p.picture.caption));
    // Article pictures load lazily: bring each into view as a reader scrolling down would.
    for (const img of await body.locator('figure img').all()) await img.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      (count) => {
        const images = Array.from(document.querySelectorAll<HTMLImageElement>('.article-body figure img'));
        return images.length === count && images.every((img) => img.complete && img.naturalWidth > 0);
      },
      story.pictures.length,
      { timeout: 20_000 },
    );
    return body.locator('figure img').evaluateAll((images) => images.map((img) => (img as HTMLImageElement).currentSrc));
  }

  it('downloads the published feed, lists every article and opens one with its resized pictures', async () => {
    const { page } = app.browser;
    const url = app.server.url;
    await page.goto(url);
    await waitForServiceWorker(page);
    await waitForArticles(page);

    await page.goto(`${url}/cai-dat`);
    await page.getByLabel('Địa chỉ nguồn tin').fill(`${url}/feed/feed.json`);
    await page.getByRole('button', { name: 'Lưu nguồn tin' }).click();
    // Leaving before the address is stored and the refresh asked for loses both (failed in a fresh clone).
    await page.getByText('Đã lưu. Đang tải tin từ nguồn mới…').waitFor();
    await page.goto(url);
    await waitForTitles(page, stories().map((s) => s.title));

    // A story with two pictures, from a site whose article page the publisher extracted.
    opened = [...sites.stories('vne'), ...sites.stories('tt')].find((s) => s.pictures.length === 2)!;
    // The list shows the publisher's small thumbnail, not the article-size picture.
    const card = page.locator('.article-list .card', { hasText: opened.title });
    const thumb = card.locator('img.card-thumb');
    expect(await thumb.getAttribute('src')).toMatch(/^.*\/feed\/pictures\/[0-9a-f]{16}-128\.webp$/);
    expect(await thumb.getAttribute('srcset')).toMatch(/-128\.webp 128w, .*-256\.webp 256w$/);
    const sources = await openStory(page, opened);
    for (const src of sources) expect(src).toMatch(new RegExp(`^${url}/feed/pictures/[0-9a-f]{16}-(480|960)\\.webp$`));
  });

  it("shows the note where a clip was, with the app's wording, linking the article at its source", async () => {
    const { page } = app.browser;
    const story = sites.stories('tt')[0]!;
    await page.goto(app.server.url);
    await page.locator('.article-list .card-link', { hasText: story.title }).click();
    const body = page.locator('.article-body');
    await body.getByText(VIDEO_CAPTION).waitFor();
    // Before: the caption alone, under nothing.
    const link = body.getByRole('link', { name: 'Xem video ở bài gốc' });
    expect(await link.getAttribute('href')).toBe(`${sites.origin('tt')}/tin/${story.slug}.html`);
    expect(await link.isVisible()).toBe(true);
    // The same dashed box as where the app itself replaced a player.
    expect(await link.evaluate((a) => getComputedStyle(a.parentElement!).borderStyle)).toBe('dashed');
    expect(await body.locator('iframe, video, audio').count()).toBe(0);
  });

  it('takes in a next edition with 3 new articles for the price of the head page', async () => {
    const { page } = app.browser;
    const added = [...sites.addStories('vne', 2), ...sites.addStories('tinh', 1)];
    await edition();
    await page.goto(app.server.url);
    await waitForArticles(page);
    await app.server.reset();
    await refreshAndWaitFor(page, 'Cập nhật lúc');
    await waitForTitles(page, added.map((s) => s.title));

    const stats = await app.server.stats();
    const head = await readFile(join(out, 'feed.json.gz'));
    expect(stats['/feed/feed.json']).toMatchObject({ requests: 1, bodyBytes: head.length, statuses: [200] });
    // Archive pages cost nothing: not asked for again, or answered 304 without a body.
    const archives = Object.entries(stats).filter(([path]) => path.startsWith('/feed/archive-'));
    expect(archives.filter(([, s]) => s.bodyBytes > 0)).toEqual([]);
  });

  it('keeps listing and opening the published articles, pictures included, with the server gone', async () => {
    const { page } = app.browser;
    await app.server.stop();
    await page.reload();
    await waitForTitles(page, stories().map((s) => s.title));
    expect((await listedTitles(page)).length).toBeGreaterThanOrEqual(stories().length);
    await openStory(page, opened, 'link');
  });
});
