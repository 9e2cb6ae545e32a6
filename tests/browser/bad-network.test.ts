import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { listedTitles } from './harness';
import { appUnderTest } from './app-under-test';
import { FEED_PATH, nextEdition, openSettled, refreshAndWaitFor, shortenSyncTiming } from './network-helpers';

const KEPT = 'Các bài đã tải vẫn đọc được.';
const CAPTIVE_PORTAL =
  '<!doctype html><html><head><title>Đăng nhập Wi-Fi</title></head><body><form action="/login">' +
  '<input name="phone"><button>Kết nối</button></form><script>window.__xss=1</script></body></html>';

describe('refreshing over a bad network', () => {
  const app = appUnderTest();
  let original: string[];

  beforeAll(async () => {
    const { page } = app.browser;
    await openSettled(page, app.server.url);
    original = await listedTitles(page);
    await shortenSyncTiming(page, { stallMs: 1_500, timeoutMs: 10_000, attempts: 2, baseDelayMs: 200 });
  });

  it('keeps the previous articles when the connection drops mid-download, and says why', async () => {
    const { page } = app.browser;
    await app.server.reset();
    // Slow enough that the feed has visibly started before the cut (a reset in the
    // same packet as the headers reaches fetch() as no connection at all).
    await app.server.route(FEED_PATH, { body: nextEdition('Tin bị cắt giữa chừng'), chunkBytes: 4096, bytesPerSecond: 40_960, dropAfterBytes: 8192 });
    const text = await refreshAndWaitFor(page, 'Mất kết nối khi đang tải tin');
    expect(text).toContain(KEPT);
    expect(await listedTitles(page)).toEqual(original);
    const stats = await app.server.stats();
    const { requests, bodyBytes } = stats[FEED_PATH]!;
    // Retried, but boundedly (the page's tries, then Background Sync's), and every body was cut short.
    expect(requests).toBeGreaterThanOrEqual(2);
    expect(requests).toBeLessThanOrEqual(6);
    expect(bodyBytes).toBeLessThanOrEqual(requests * 8192);
  });

  it('refuses a captive-portal login page (HTTP 200) and names it', async () => {
    const { page } = app.browser;
    await app.server.route(FEED_PATH, { body: CAPTIVE_PORTAL, headers: { 'content-type': 'text/html; charset=utf-8' } });
    const text = await refreshAndWaitFor(page, 'Mạng yêu cầu đăng nhập hoặc đã hết dung lượng');
    expect(text).toContain(KEPT);
    expect(await listedTitles(page)).toEqual(original);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  });

  it('ends a stalled download with a time-out message, not a spinner', async () => {
    const { page } = app.browser;
    await app.server.route(FEED_PATH, { body: nextEdition('Tin bị treo'), chunkBytes: 1024, stallAfterBytes: 2048, stallMs: 30_000 });
    const started = Date.now();
    const text = await refreshAndWaitFor(page, 'Máy chủ không phản hồi', {
      // While bytes arrive the reader sees how far it got.
      meanwhile: () => page.locator('.status-bar progress').waitFor(),
    });
    // Two tries of a 1.5 s stall each, with a short pause between them.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(text).toContain(KEPT);
    expect(await page.locator('.status-bar progress').count()).toBe(0);
    expect(await page.locator('.status-bar button').isEnabled()).toBe(true);
    expect(await listedTitles(page)).toEqual(original);
  });

  it('rides out a server error with a retry and brings the new article', async () => {
    const { page } = app.browser;
    await app.server.reset();
    await app.server.route(FEED_PATH, { status: 503, body: 'Service Unavailable', headers: { 'content-type': 'text/plain' } }, { body: nextEdition('Tin sau lỗi 503') });
    const text = await refreshAndWaitFor(page, 'Cập nhật lúc');
    expect(text).toContain('1 bài mới');
    expect((await app.server.stats())[FEED_PATH]?.statuses).toEqual([503, 200]);
    await page.waitForFunction(() => document.querySelector('.article-list .card-title')?.textContent === 'Tin sau lỗi 503');
  });

  it('costs one 304 and no feed body when nothing changed', async () => {
    const { page } = app.browser;
    await app.server.route(FEED_PATH, { body: nextEdition('Tin có ETag'), etag: '"ban-1"' });
    await refreshAndWaitFor(page, 'Cập nhật lúc');
    await page.waitForFunction(() => document.querySelector('.article-list .card-title')?.textContent === 'Tin có ETag');
    await app.server.reset();
    await app.server.route(FEED_PATH, { body: nextEdition('Tin có ETag'), etag: '"ban-1"' });

    await refreshAndWaitFor(page, 'Cập nhật lúc');
    const stats = await app.server.stats();
    expect(stats[FEED_PATH]).toEqual({ requests: 1, bodyBytes: 0, statuses: [304], conditional: 1 });
    // Nor was the second page asked for.
    expect(stats['/sample/feed-2.json']).toBeUndefined();
  });

  it('brings the new articles without a reload once the network is back', async () => {
    const { page, context } = app.browser;
    await page.evaluate(() => ((window as { __sameDocument?: boolean }).__sameDocument = true));
    await app.server.route(FEED_PATH, { body: nextEdition('Tin sau khi có mạng lại', 'Tin thứ hai sau khi có mạng') });
    await context.setOffline(true);
    await page.waitForFunction(() => document.querySelector('.net')?.textContent === 'Ngoại tuyến');
    expect(await refreshAndWaitFor(page, 'Điện thoại đang không có mạng')).toContain(KEPT);

    await context.setOffline(false);
    await page.waitForFunction(
      () => document.querySelector('.article-list .card-title')?.textContent === 'Tin thứ hai sau khi có mạng',
      undefined,
      { timeout: 20_000 },
    );
    expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect((await listedTitles(page)).slice(0, 2)).toEqual(['Tin thứ hai sau khi có mạng', 'Tin sau khi có mạng lại']);
    // The list shows a merge once committed; the status says so when the whole refresh has ended, a moment later.
    await page.waitForFunction(() => /Cập nhật lúc .* · 2 bài mới/.test(document.querySelector('.status-bar .status-text')?.textContent ?? ''), undefined, {
      timeout: 20_000,
    });
  });

  it('brings an edition whose second page dropped once that page comes through, though its first page is unchanged', async () => {
    const { page } = app.browser;
    await app.server.reset();
    // A first page of nothing but new articles, so the refresh must read the second one too.
    const head = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Báo Offline — Tin mẫu',
      next_url: 'feed-2.json',
      items: ['Tin đầu trang một', 'Tin cuối trang một'].map((title, i) => ({
        id: `trang-mot-${i}`,
        title,
        content_html: `<p>${title}: nội dung.</p>`,
        date_published: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
      })),
    });
    await app.server.route(FEED_PATH, { body: head, etag: '"trang-mot"' });
    const second = readFileSync('public/sample/feed-2.json', 'utf8');
    await app.server.route('/sample/feed-2.json', { body: second, chunkBytes: 4096, bytesPerSecond: 40_960, dropAfterBytes: 8192 });
    expect(await refreshAndWaitFor(page, 'Mất kết nối khi đang tải tin')).toContain(KEPT);

    await app.server.route('/sample/feed-2.json', { body: second });
    await refreshAndWaitFor(page, 'Cập nhật lúc');
    await expect.poll(() => listedTitles(page)).toEqual(expect.arrayContaining(['Tin đầu trang một', 'Tin cuối trang một']));
  });
});
