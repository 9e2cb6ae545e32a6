import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { snapshotSaved, waitForArticles, waitForServiceWorker } from './harness';
import { appUnderTest } from './app-under-test';
import { sentenceFeed } from './sentence-feed';

const ARTICLES = 5_000;

/**
 * Types (pastes) `query` into the search box and waits for its answer;
 * returns how long the search worker was busy answering, in ms.
 */
async function answerTime(page: Page, query: string): Promise<number> {
  // From an empty box, so the same query is asked again.
  await page.fill('#search-input', '');
  await page.waitForSelector('.search-count:empty');
  await page.evaluate(() => performance.clearMeasures('search-answer'));
  await page.fill('#search-input', query);
  await page.waitForFunction(() => performance.getEntriesByName('search-answer').length > 0, undefined, { timeout: 20_000 });
  return page.evaluate(() => ((performance.getEntriesByName('search-answer')[0] as PerformanceMeasure).detail as { workerMs: number }).workerMs);
}

/** In the page: deletes the saved search index. */
function clearSnapshot(): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('bao-offline');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('search', 'readwrite');
      tx.objectStore('search').clear();
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

describe('search over 5,000 articles', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  beforeAll(async () => {
    await app.server.route('/sample/feed.json', { body: sentenceFeed({ count: ARTICLES, seed: 7, sentences: 8, id: (i) => `scale-${i}` }) });
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, 20);
    // Every article is in the index once the word all of them hold finds them all.
    await page.goto(`${app.server.url}/tim-kiem?q=tonghop`);
    await page.waitForFunction(
      (n) => document.querySelector('.search-count')?.textContent?.includes(`Tìm thấy ${n.toLocaleString('vi-VN')} bài`),
      ARTICLES,
      { timeout: 60_000 },
    );
  }, 90_000);

  it.each([
    ['an unbroken 5,000-letter word', 'a'.repeat(5_000)],
    ['5,000 accented letters', 'ệ'.repeat(5_000)],
    ['a pasted page of common words', 'của các và là người được trong những có cho '.repeat(100)],
    ['5,000 Telex keystrokes', 'aasf'.repeat(1_250)],
  ])('answers %s within 50 ms', async (_, query) => {
    const { page } = app.browser;
    // The worker's own time (the issue: one long word kept it busy 12–16 s), best
    // of three tries: the test machine is shared, and a query that stalls the worker
    // is slow every time.
    const times: number[] = [];
    for (let i = 0; i < 3; i++) times.push(await answerTime(page, query));
    expect(Math.min(...times)).toBeLessThan(50);
    await page.waitForSelector('.no-results, .search-results li');
    // The long word wraps instead of widening the page past the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it('says the index is still being built while it answers from the articles indexed so far', async () => {
    const { page } = app.browser;
    // Without its saved snapshot, a newly started search worker rebuilds the index from every stored article.
    // Polled from here: snapshotSaved returns a promise, which waitForFunction takes for a yes at once.
    await expect.poll(() => page.evaluate(snapshotSaved), { timeout: 30_000, interval: 500 }).toBe(true);
    await page.evaluate(clearSnapshot);
    await page.goto(`${app.server.url}/tim-kiem?q=tonghop`);
    // At one moment: the notice, and a count of the articles found so far.
    const seen = await page.waitForFunction(
      (n) => {
        const notice = [...document.querySelectorAll('.notice')].find((e) => e.textContent?.includes('Đang chuẩn bị tìm kiếm'));
        const found = /Tìm thấy ([\d.]+) bài/.exec(document.querySelector('.search-count')?.textContent ?? '');
        const soFar = Number(found?.[1]?.replaceAll('.', '') ?? 0);
        return notice?.textContent?.includes(`trên ${n.toLocaleString('vi-VN')} bài`) && soFar > 0 && soFar < n ? { notice: notice.textContent, soFar } : false;
      },
      ARTICLES,
      { timeout: 60_000 },
    );
    // It says the results come from part of the archive, and from how much.
    expect(((await seen.jsonValue()) as { notice: string }).notice).toMatch(/Kết quả dưới đây mới chỉ tìm trong [\d.]+ trên 5\.000 bài đã lưu/);
    // Once built, every article is found and the notice is gone.
    await page.waitForFunction((n) => document.querySelector('.search-count')?.textContent?.includes(`Tìm thấy ${n.toLocaleString('vi-VN')} bài`), ARTICLES, {
      timeout: 60_000,
    });
    expect(await page.locator('.notice', { hasText: 'Đang chuẩn bị tìm kiếm' }).count()).toBe(0);
  });

  it('answers a shared link with a 5,000-letter word', async () => {
    const { page } = app.browser;
    await page.goto(`${app.server.url}/tim-kiem?q=${'b'.repeat(5_000)}`);
    await page.waitForSelector('.no-results', { timeout: 10_000 });
    expect(await page.locator('.no-results').textContent()).toContain('Không tìm thấy kết quả');
  });
});
