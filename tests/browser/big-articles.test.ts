import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitForArticles, waitForServiceWorker } from './harness';
import { putMeta, refreshAndWaitFor } from './network-helpers';
import { appUnderTest } from './app-under-test';

const ARTICLES = 300;
const PER_PAGE = 15;
const TOPICS = ['Nông nghiệp', 'Giáo dục', 'Y tế'];

/** About 1 MB of HTML, no summary: what a card or «Các tin khác» must not convert on the page. */
function body(n: number): string {
  const paragraph = `<p>Bài ${n}: bà con bản Mường Lạn góp công làm đường liên thôn trước mùa mưa, <b>cán bộ</b> biên phòng cùng làm.</p>\n`;
  return paragraph.repeat(Math.ceil(1_000_000 / paragraph.length));
}

/** The 300 articles over 20 linked feed pages (one page may hold at most 40 MB). */
function feedPages(origin: string): Map<string, string> {
  const pages = new Map<string, string>();
  for (let page = 0; page * PER_PAGE < ARTICLES; page++) {
    const items = Array.from({ length: PER_PAGE }, (_, i) => {
      const n = page * PER_PAGE + i;
      return {
        id: `to-${n}`,
        title: `Bài dài số ${n}`,
        content_html: body(n),
        date_published: new Date(Date.UTC(2024, 0, 1) - n * 3_600_000).toISOString(),
        tags: [TOPICS[n % TOPICS.length]],
      };
    });
    const next = (page + 1) * PER_PAGE < ARTICLES ? { next_url: `${origin}/big/${page + 1}.json` } : {};
    const path = page === 0 ? '/sample/feed.json' : `/big/${page}.json`;
    pages.set(path, JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo dài', items, ...next }));
  }
  return pages;
}

/** One old, short article: the edition the app first settles on. */
function tinyEdition(): string {
  const item = { id: 'xua', title: 'Tin cũ', content_text: 'Tin cũ.', date_published: '2000-01-01T00:00:00Z' };
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo dài', items: [item] });
}

const storedCount = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('bao-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('articles').objectStore('articles').count();
          count.onsuccess = () => {
            resolve(count.result);
            open.result.close();
          };
        };
      }),
  );

describe('300 articles of 1 MB each', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  beforeAll(async () => {
    const { page } = app.browser;
    // A refresh spends a few MB at most on older pages; this test wants all 300 MB in one go, so the
    // app first settles on a one-article edition, then gets a budget override before the big one.
    await app.server.route('/sample/feed.json', { body: tinyEdition() });
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, 1);
    await page.waitForFunction(() => document.querySelector('.status-bar')?.textContent?.includes('Cập nhật lúc'));
    // Bytes and time: 300 MB may take longer than a refresh's usual minute on a loaded machine.
    await putMeta(page, 'syncTiming', { budgetBytes: 1_000_000_000, budgetMs: 240_000 });
    for (const [path, text] of feedPages(app.server.url)) await app.server.route(path, { body: text });
    await refreshAndWaitFor(page, 'Cập nhật lúc', { timeout: 240_000 });
    expect(await storedCount(page)).toBe(ARTICLES + 1);
  }, 300_000);

  it('quotes the excerpt stored with each article on its card, and finds «Các tin khác» on the same topic from the index', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForArticles(page, 20);
    expect(await page.locator('.card-summary').first().textContent()).toMatch(/^Bài 0: bà con bản Mường Lạn góp công/);

    await page.goto(`${app.server.url}/bai/to-1`);
    await page.locator('.related li').nth(4).waitFor();
    const related = await page.locator('.related a').allTextContents();
    // Same topic (every third article) first, newest first, then the latest others.
    expect(related).toEqual(['Bài dài số 4', 'Bài dài số 7', 'Bài dài số 10', 'Bài dài số 13', 'Bài dài số 16']);
  }, 120_000);
});
