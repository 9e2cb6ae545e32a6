import { describe, expect, it } from 'vitest';
import { readInPage, snapshotSaved, storedArticleCount } from './harness';
import { appUnderTest } from './app-under-test';
import { recordProgress } from './search-progress';
import { sentenceFeed } from './sentence-feed';

const ARTICLES = 5_000;

const allFound = (n: number) => document.querySelector('.search-count')?.textContent?.includes(`Tìm thấy ${n.toLocaleString('vi-VN')} bài`) === true;

describe('two tabs opening search while the first index is being built', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('builds it in one tab only: the other waits and answers from what the first saved, and no save goes back over a later one', async () => {
    await app.server.route('/sample/feed.json', { body: sentenceFeed({ count: ARTICLES, seed: 12, sentences: 12, id: (i) => `tabs-${String(i).padStart(4, '0')}` }) });
    const { page: first, context } = app.browser;
    await first.goto(app.server.url);
    await expect.poll(() => storedArticleCount(first), { timeout: 60_000, interval: 500 }).toBe(ARTICLES);
    await expect.poll(() => first.evaluate(snapshotSaved), { timeout: 60_000, interval: 500 }).toBe(true);
    // The index dropped: the next search worker builds it from every stored article, as on a first visit.
    await readInPage(first, async (db, _arg, request) => {
      await request(db.transaction('search', 'readwrite').objectStore('search').clear());
    });
    await first.goto(`${app.server.url}/tim-kiem?q=tonghop`);
    await first.locator('.notice', { hasText: 'Đang chuẩn bị tìm kiếm' }).waitFor({ timeout: 60_000 });

    const second = await context.newPage();
    await second.addInitScript(recordProgress);
    await second.goto(`${app.server.url}/tim-kiem?q=tonghop`);

    // The build's saves as they land, by the last article each names (ids sort as the articles are read).
    const saves: string[] = [];
    const done = async () => (await first.evaluate(allFound, ARTICLES)) && (await second.evaluate(allFound, ARTICLES));
    await expect
      .poll(
        async () => {
          const after = await readInPage(first, async (db, _arg, request) => {
            const snapshot = (await request(db.transaction('search').objectStore('search').get('articles'))) as { building?: { after: string } } | undefined;
            return snapshot?.building?.after ?? null;
          });
          if (after !== null && after !== saves[saves.length - 1]) saves.push(after);
          return done();
        },
        { timeout: 180_000, interval: 200 },
      )
      .toBe(true);

    // Only the first tab built: the second never said it was building, yet finds every article.
    expect(await second.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen)).toEqual([]);
    expect(saves).toEqual([...saves].sort());
    await expect.poll(() => first.evaluate(snapshotSaved), { timeout: 30_000, interval: 500 }).toBe(true);
    await second.close();
  }, 300_000);
});
