import { beforeAll, describe, expect, it } from 'vitest';
import { waitForArticles, waitForServiceWorker } from './harness';
import { appUnderTest } from './app-under-test';
import { LARGEST_TEXT, contentTop, pinnedElements, useTextSize, waitForHeader } from './screen-helpers';

const SEED = '/bai/son-la-dan-van-kheo-2023-02-06';
const SCREEN = { width: 360, height: 740 };

describe('a reading screen that fits a small phone (360×740)', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  beforeAll(async () => {
    await app.browser.page.goto(app.server.url);
    await waitForServiceWorker(app.browser.page);
    await waitForArticles(app.browser.page, 20);
    await app.browser.page.waitForFunction(() => document.querySelector('.status-text')?.textContent?.includes('Cập nhật lúc'));
  });

  it('gives at least 70 % of the screen to the list and to an article, and pins nothing but the header', async () => {
    const { page } = app.browser;
    expect(page.viewportSize()).toEqual(SCREEN);
    await page.goto(app.server.url);
    await waitForArticles(page, 20);
    expect(await contentTop(page)).toBeLessThanOrEqual(0.3 * SCREEN.height);
    expect(await pinnedElements(page)).toEqual(['header.site-header']);

    await page.goto(app.server.url + SEED);
    await page.locator('h1.article-title').waitFor();
    expect(await contentTop(page)).toBeLessThanOrEqual(0.3 * SCREEN.height);
    expect(await pinnedElements(page)).toEqual(['header.site-header']);
  });

  it('hides the header while reading down and brings it back on the first move up', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url + SEED);
    await page.locator('h1.article-title').waitFor();
    await waitForHeader(page, true);
    await page.mouse.wheel(0, 600);
    await waitForHeader(page, false);
    await page.mouse.wheel(0, 600);
    await waitForHeader(page, false);
    await page.mouse.wheel(0, -60);
    await waitForHeader(page, true);
  });

  it('says nothing on an article while all is well, and says so when offline', async () => {
    const { page, context } = app.browser;
    await page.goto(app.server.url + SEED);
    await page.locator('h1.article-title').waitFor();
    expect(await page.locator('.status-bar').innerText()).toBe('');
    expect(await page.locator('.status-bar').evaluate((el) => el.getBoundingClientRect().height)).toBe(0);
    await context.setOffline(true);
    try {
      await page.locator('.status-bar .net-off').waitFor();
      expect(await page.locator('.status-bar').innerText()).toContain('Ngoại tuyến');
      // Still one slim line: the article starts within the top quarter.
      expect(await contentTop(page)).toBeLessThanOrEqual(0.25 * SCREEN.height);
    } finally {
      await context.setOffline(false);
    }
  });

  it('at «Cực lớn» keeps the header on one row, nothing cut, and shows the title and three lines of text', async () => {
    const { page } = app.browser;
    await useTextSize(page, LARGEST_TEXT);
    try {
      await page.goto(app.server.url + SEED);
      const title = page.locator('h1.article-title');
      await title.waitFor();
      const header = await page.evaluate(() => {
        const row = document.querySelector('.header-row')!.getBoundingClientRect();
        const controls = [...document.querySelectorAll<HTMLElement>('.site-header a, .site-header input')].map((el) => {
          const box = el.getBoundingClientRect();
          return { left: box.left, right: box.right, top: box.top, bottom: box.bottom, clipped: el.scrollWidth > el.clientWidth };
        });
        const labels = [...document.querySelectorAll<HTMLElement>('.nav-label')].map(
          (el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight),
        );
        return { row, controls, labels };
      });
      const tallest = Math.max(...header.controls.map((c) => c.bottom - c.top));
      expect(header.row.height).toBeLessThan(tallest * 1.5);
      for (const c of header.controls) {
        expect(c.left).toBeGreaterThanOrEqual(0);
        expect(c.right).toBeLessThanOrEqual(SCREEN.width);
        expect(c.clipped).toBe(false);
      }
      for (const lines of header.labels) expect(lines).toBeCloseTo(1, 0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SCREEN.width);

      const titleBox = (await title.boundingBox())!;
      expect(titleBox.y + titleBox.height).toBeLessThan(SCREEN.height);
      // The first text under the title (the lead, else the body): three of its lines are on screen.
      const text = await page.evaluate(() => {
        const first = document.querySelector<HTMLElement>('article .lead, .article-body p')!;
        return { top: first.getBoundingClientRect().top, line: parseFloat(getComputedStyle(first).lineHeight) };
      });
      expect(text.top + 3 * text.line).toBeLessThanOrEqual(SCREEN.height);
    } finally {
      await useTextSize(page, 1);
    }
  });
});
