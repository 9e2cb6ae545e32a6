import { describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { waitForArticles } from './harness';
import { FEED_PATH } from './network-helpers';
import { tallyRequests } from './wire-tally';

const MB = 1024 * 1024;
const BIG = 5 * MB;

/** A camera original as a feed's `image`: 5 MB (an SVG padded with a comment, so that it still draws). */
function bigPicture(): string {
  const head = '<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="3000" viewBox="0 0 4 3"><rect width="4" height="3" fill="#a62"/><!--';
  const tail = '--></svg>';
  return head + 'x'.repeat(BIG - head.length - tail.length) + tail;
}

const SMALL = '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="192" viewBox="0 0 4 3"><rect width="4" height="3" fill="#2a7"/></svg>';

const item = (n: number, image: string) => ({
  id: `bai-${n}`,
  title: `Tin ảnh số ${n}`,
  content_html: `<p>Nội dung bài ${n}.</p>`,
  image,
  date_published: new Date(Date.UTC(2026, 10, 20, 12 - n)).toISOString(),
});

const bigPaths = (stats: Record<string, unknown>) => Object.keys(stats).filter((p) => p.startsWith('/anh/lon-'));

// A feed that gives each item its 5 MB original as `image` and no thumbnail: the list's first screen
// downloaded 25.8 MB to draw 96-px pictures.
describe('list pictures the feed does not declare small', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('stops a picture over the cap, shows its size, and loads it when the reader taps it', async () => {
    const { server } = app;
    const { page, context } = app.browser;
    // Another site's picture, which does not let its size be read (no CORS header): drawn by an <img> as before.
    const elsewhere = new URL(server.url);
    elsewhere.hostname = elsewhere.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const items = [
      item(0, '/anh/nho.svg'),
      item(1, new URL('/anh/noi-khac.svg', elsewhere).href),
      ...Array.from({ length: 8 }, (_, i) => item(i + 2, `/anh/lon-${i + 2}.svg`)),
    ];
    await server.route(FEED_PATH, { body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo ảnh lớn', items }) });
    const svg = { 'content-type': 'image/svg+xml' };
    await server.route('/anh/nho.svg', { body: SMALL, headers: svg });
    // A mobile line's pace: what is cut off early is not all sent already.
    for (let i = 2; i <= 9; i++) await server.route(`/anh/lon-${i}.svg`, { body: bigPicture(), headers: svg, bytesPerSecond: MB });
    await server.route('/anh/noi-khac.svg', { body: SMALL, headers: svg });
    const tally = tallyRequests(context);

    await page.goto(server.url);
    await waitForArticles(page, items.length);
    // The small picture is drawn as before.
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.card img.card-thumb');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    await tally.take();
    const stats = await server.stats();
    const bigBytes = bigPaths(stats).reduce((sum, p) => sum + stats[p]!.bodyBytes, 0);
    console.log(`first screen: ${bigPaths(stats).length} big pictures asked, ${bigBytes} body bytes of them`);
    // Before: every big picture near the screen came whole (5 MB each). Now each stops at its headers; what
    // was already on its way by then depends on the machine's load (24–216 KB each here), far from whole.
    for (const p of bigPaths(stats)) expect(stats[p]!.bodyBytes, p).toBeLessThan(BIG / 2);

    // The other site's picture is drawn, not hidden behind a button.
    await page.waitForFunction(() => {
      const card = [...document.querySelectorAll('.card')].find((c) => c.textContent?.includes('Tin ảnh số 1'));
      const img = card?.querySelector<HTMLImageElement>('img.card-thumb');
      return img !== undefined && img !== null && img.complete && img.naturalWidth > 0;
    });
    expect(await page.locator('.card', { hasText: 'Tin ảnh số 1' }).getByRole('button', { name: /^Tải ảnh/ }).count()).toBe(0);

    // Back on the list from an article, the pictures left out are not asked for again.
    const asked = (stats: Record<string, { requests: number }>) => bigPaths(stats).map((p) => `${p} ${stats[p]!.requests}`);
    const askedBefore = asked(await server.stats());
    await page.locator('.card-link', { hasText: 'Tin ảnh số 0' }).click();
    await page.locator('h1.article-title').waitFor();
    await page.goBack();
    await page.locator('.card', { hasText: 'Tin ảnh số 2' }).getByRole('button', { name: /^Tải ảnh 5,0 MB/ }).waitFor();
    await tally.take();
    expect(asked(await server.stats())).toEqual(askedBefore);

    // The first big one of the feed's own host says what it would cost; a tap loads it.
    const offer = page.locator('.card', { hasText: 'Tin ảnh số 2' }).getByRole('button', { name: 'Tải ảnh 5,0 MB: Tin ảnh số 2' });
    await offer.waitFor();
    await offer.click();
    await page.waitForFunction(() => {
      const card = [...document.querySelectorAll('.card')].find((c) => c.textContent?.includes('Tin ảnh số 2'));
      const img = card?.querySelector<HTMLImageElement>('img.card-thumb');
      return img !== undefined && img !== null && img.complete && img.naturalWidth > 0;
    }, undefined, { timeout: 30_000 });
    const after = await server.stats();
    expect(after['/anh/lon-2.svg']!.bodyBytes).toBeGreaterThanOrEqual(BIG);
    // Nothing else came whole.
    expect(bigPaths(after).filter((p) => p !== '/anh/lon-2.svg' && after[p]!.bodyBytes >= BIG)).toEqual([]);
    // The keyboard focus is on the card's link, not back at the page's start.
    expect(await page.evaluate(() => document.activeElement?.closest('.card')?.textContent?.includes('Tin ảnh số 2') ?? false)).toBe(true);
  });
});
