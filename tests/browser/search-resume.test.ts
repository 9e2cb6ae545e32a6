import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readInPage, snapshotSaved, storedArticleCount } from './harness';
import { appUnderTest } from './app-under-test';
import { recordProgress } from './search-progress';
import { sentenceFeed } from './sentence-feed';

const ARTICLES = 5_000;

/** How many articles the build in progress has saved (those up to the last id it names); 0 when none is saved. */
function savedSoFar(page: Page): Promise<number> {
  return readInPage(page, async (db, _arg, request) => {
    const tx = db.transaction(['search', 'articles']);
    const snapshot = (await request(tx.objectStore('search').get('articles'))) as { building?: { after: string } } | undefined;
    const after = snapshot?.building?.after;
    return after === undefined ? 0 : request(tx.objectStore('articles').count(IDBKeyRange.upperBound(after)));
  });
}

describe('a reload while the first search index is being built', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('goes on from what the build had saved, answering from it meanwhile, rather than from the first article', async () => {
    await app.server.route('/sample/feed.json', { body: sentenceFeed({ count: ARTICLES, seed: 11, sentences: 12, id: (i) => `resume-${String(i).padStart(4, '0')}` }) });
    const { page } = app.browser;
    await page.goto(app.server.url);
    await expect.poll(() => storedArticleCount(page), { timeout: 60_000, interval: 500 }).toBe(ARTICLES);
    await expect.poll(() => page.evaluate(snapshotSaved), { timeout: 60_000, interval: 500 }).toBe(true);
    // The index dropped: the search worker started next builds it again from every stored article, as on a first visit.
    await readInPage(page, async (db, _arg, request) => {
      await request(db.transaction('search', 'readwrite').objectStore('search').clear());
    });
    await page.goto(`${app.server.url}/tim-kiem?q=tonghop`);

    // Part of the way: what the build saved so far, as the articles up to the one it names.
    let saved = 0;
    await expect.poll(async () => (saved = await savedSoFar(page)), { timeout: 60_000, interval: 100 }).toBeGreaterThan(0);
    expect(saved).toBeLessThan(ARTICLES);

    await page.addInitScript(recordProgress);
    await page.reload();
    // The screen says the index is still being built, from the articles saved on: never fewer.
    await page.waitForFunction(() => (window as unknown as { progressSeen: number[] }).progressSeen.length > 0, undefined, { timeout: 30_000 });
    const first = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen[0] as number);
    expect(first).toBeGreaterThanOrEqual(saved);
    // Once built, every article is found, the notice is gone, and the index is saved as finished.
    await page.waitForFunction((n) => document.querySelector('.search-count')?.textContent?.includes(`Tìm thấy ${n.toLocaleString('vi-VN')} bài`), ARTICLES, {
      timeout: 60_000,
    });
    expect(await page.locator('.notice', { hasText: 'Đang chuẩn bị tìm kiếm' }).count()).toBe(0);
    await expect.poll(() => page.evaluate(snapshotSaved), { timeout: 30_000, interval: 500 }).toBe(true);
  }, 240_000);
});
