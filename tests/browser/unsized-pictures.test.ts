import { describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { waitForArticles } from './harness';
import { FEED_PATH } from './network-helpers';
import { tallyRequests } from './wire-tally';

const COUNT = 16;
/** Portrait, unlike the 3:2 box that holds its place: the box must not change shape under the reader. */
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="600" viewBox="0 0 2 3"><rect width="2" height="3" fill="#2a7"/></svg>';

/** A photo story whose pictures say no width or height, as most feeds' content_html does: a line of text under each. */
const body = Array.from(
  { length: COUNT },
  (_, n) => `<figure><img src="/anh/ruong-${n}.svg" alt="Ruộng bậc thang ${n}"><figcaption>Ảnh ${n}</figcaption></figure><p>Sau ảnh ${n}: bà con gặt lúa.</p>`,
).join('');

const after = (page: import('playwright-core').Page, n: number) => page.locator('.article-body p', { hasText: `Sau ảnh ${n}:` });

const picturesAsked = (stats: Record<string, unknown>) => Object.keys(stats).filter((p) => p.startsWith('/anh/ruong-'));

// Pictures without a size were 0×0 until loaded, all at the top of the article for the browser's lazy loading:
// opening a long article downloaded every picture in it.
describe('pictures of an article that give no size', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('come only as the reader gets near them, and the text being read does not move when one arrives', async () => {
    const { server } = app;
    const { page, context } = app.browser;
    await server.route(FEED_PATH, {
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Báo dài',
        items: [{ id: 'mua-gat', title: 'Mùa gặt ở Hua Pai', content_html: body, date_published: '2026-11-20T08:00:00+07:00' }],
      }),
    });
    const svg = { 'content-type': 'image/svg+xml' };
    for (let n = 0; n < COUNT; n++) await server.route(`/anh/ruong-${n}.svg`, { body: SVG, headers: svg, ...(n === 6 ? { delayMs: 4_000 } : {}) });
    const tally = tallyRequests(context);
    await page.goto(server.url);
    await waitForArticles(page, 1);
    await page.locator('.card-link').first().click();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.article-body img');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    await tally.take();
    const asked = picturesAsked(await server.stats());
    console.log(`opening the article asked ${asked.length} of ${COUNT} pictures`);
    // Before: all sixteen.
    expect(asked.length).toBeLessThanOrEqual(COUNT / 2);
    expect(asked).not.toContain(`/anh/ruong-${COUNT - 1}.svg`);

    // The reader reads the paragraph under picture 6 while that picture is still coming (a slow host):
    // when it arrives, the paragraph stays where it is.
    const reading = after(page, 6);
    await reading.evaluate((p) => p.scrollIntoView({ block: 'center' }));
    const before = (await reading.boundingBox())!.y;
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('img[src$="/anh/ruong-6.svg"]');
      return img !== null && img.complete && img.naturalWidth > 0;
    }, undefined, { timeout: 20_000 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect((await reading.boundingBox())!.y).toBeCloseTo(before, 0);

    // The last picture comes when the reader gets near it.
    await after(page, COUNT - 1).evaluate((p) => p.scrollIntoView({ block: 'center' }));
    await page.waitForFunction((n) => {
      const img = document.querySelector<HTMLImageElement>(`img[src$="/anh/ruong-${n}.svg"]`);
      return img !== null && img.complete && img.naturalWidth > 0;
    }, COUNT - 1, { timeout: 20_000 });
    expect(picturesAsked(await server.stats())).toContain(`/anh/ruong-${COUNT - 1}.svg`);
  });
});
