import { beforeAll, describe, expect, it } from 'vitest';
import { badFeeds } from '../fixtures/bad-feeds';
import { dangerousMarkup } from './dom-checks';
import { waitForArticles, waitForServiceWorker } from './harness';
import { appUnderTest } from './app-under-test';

interface RawItem {
  id: string;
  [key: string]: unknown;
}

/** Every XSS case of the shared fixture, gathered into one feed with unique ids. */
function hostileFeed(): { body: string; ids: string[] } {
  const items: RawItem[] = [];
  for (const [n, testCase] of badFeeds.filter((c) => c.xss).entries()) {
    const parsed = JSON.parse(testCase.body()) as { items: RawItem[] };
    for (const [m, raw] of parsed.items.entries()) items.push({ ...raw, id: `xss-${n}-${m}` });
  }
  const body = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo độc hại', items });
  return { body, ids: items.map((i) => i.id) };
}

describe('a hostile feed', () => {
  const app = appUnderTest();
  const dialogs: string[] = [];

  beforeAll(async () => {
    app.browser.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  it('renders every article without running anything from it', async () => {
    const { page } = app.browser;
    const { body, ids } = hostileFeed();
    expect(ids.length).toBeGreaterThanOrEqual(25);
    await app.server.route('/sample/feed.json', { body });

    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, 25);
    expect(await page.evaluate(dangerousMarkup)).toEqual([]);
    // Titles are text: markup in them shows as characters, not elements.
    expect((await page.locator('.card-title').allTextContents()).some((t) => t.includes('<'))).toBe(true);

    for (const id of ids) {
      await page.goto(`${app.server.url}/bai/${encodeURIComponent(id)}`);
      await page.waitForSelector('h1.article-title');
      expect(await page.evaluate(dangerousMarkup), id).toEqual([]);
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss), id).toBeUndefined();
    }
    expect(dialogs).toEqual([]);
  });
});
