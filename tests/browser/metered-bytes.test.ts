import { beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { waitForArticles } from './harness';
import { FEED_PATH, nextEdition, openSettled, refreshAndWaitFor } from './network-helpers';
import { tallyRequests, type Tally } from './wire-tally';

const KB = 1024;
const paths = (tally: Tally) => tally.requests.map((r) => new URL(r.url).pathname);
const pictures = (tally: Tally) => paths(tally).filter((p) => p.startsWith('/sample/img/'));

describe('bytes on a metered line', () => {
  const app = appUnderTest({ hideInstallOffer: true });
  let tally: ReturnType<typeof tallyRequests>;
  let firstVisit: Tally;

  beforeAll(async () => {
    tally = tallyRequests(app.browser.context);
    await openSettled(app.browser.page, app.server.url);
    firstVisit = await tally.take();
  });

  it('a first visit with the sample feed costs at most 150 KB, without the icons only installation needs', () => {
    expect(firstVisit.bytes).toBeLessThanOrEqual(150 * KB);
    expect(paths(firstVisit).filter((p) => /icon-512|maskable-512|apple-touch-icon/.test(p))).toEqual([]);
  });

  it('fetches list pictures as thumbnails, and only for the rows near the screen', async () => {
    const { page } = app.browser;
    const shown = pictures(firstVisit);
    expect(shown.length).toBeGreaterThan(0);
    // 96 CSS px at this screen's density: the 128 px candidate of the feed's thumbnail.
    expect(shown.every((p) => p.endsWith('-128.webp'))).toBe(true);
    const withPicture = await page.locator('.article-list .card-thumb').count();
    expect(new Set(shown).size).toBeLessThan(withPicture);

    // The last row's picture comes when the reader gets near it.
    const last = page.locator('.article-list .card-thumb').last();
    const lastSrc = new URL((await last.getAttribute('src'))!, app.server.url).pathname;
    expect(shown).not.toContain(lastSrc);
    await last.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const imgs = document.querySelectorAll<HTMLImageElement>('.article-list .card-thumb');
      const img = imgs[imgs.length - 1];
      return img?.complete && img.naturalWidth > 0;
    });
    expect(pictures(await tally.take())).toContain(lastSrc);
  });

  it('opens an article picture at the size it is shown', async () => {
    const { page } = app.browser;
    await page.goto(`${app.server.url}/bai/son-la-dan-van-kheo-2023-02-06`);
    const picture = page.locator('.article-body img').first();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.article-body img');
      return img?.complete && img.naturalWidth > 0;
    });
    expect(await picture.getAttribute('srcset')).toContain('640w');
    // The feed's lead picture is already in the text: it is not shown a second time above it.
    expect(await page.locator('img.banner').count()).toBe(0);
    // A 360 px wide screen at 1×: the 480 px candidate, not the 640 px one.
    expect(await picture.evaluate((img: HTMLImageElement) => new URL(img.currentSrc).pathname)).toBe('/sample/img/stilt-village-480.webp');
    await tally.take();
    await page.goto(app.server.url);
    await waitForArticles(page, 20);
  });

  it('an unchanged refresh costs at most 2 KB', async () => {
    const { page } = app.browser;
    await tally.take();
    await app.server.reset();
    await refreshAndWaitFor(page, 'Cập nhật lúc');
    const refresh = await tally.take();
    expect(refresh.bytes).toBeLessThanOrEqual(2 * KB);
    expect((await app.server.stats())[FEED_PATH]).toMatchObject({ statuses: [304], conditional: 1 });
  });

  it('a refresh bringing 3 new articles asks the first page conditionally and no page that holds nothing new', async () => {
    const { page } = app.browser;
    await app.server.reset();
    await app.server.route(FEED_PATH, { body: nextEdition('Tin mới một', 'Tin mới hai', 'Tin mới ba'), gzip: true, etag: '"ban-3"' });
    await refreshAndWaitFor(page, '3 bài mới');
    const stats = await app.server.stats();
    expect(stats[FEED_PATH]).toMatchObject({ statuses: [200], conditional: 1 });
    expect(stats['/sample/feed-2.json']).toBeUndefined();
  });
});
