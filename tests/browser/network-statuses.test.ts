import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { startServer, type TestServer } from './harness';
import {
  FEED_PATH,
  nextEdition,
  openSettled,
  putMeta,
  quiet,
  recordStatusTexts,
  refreshAndWaitFor,
  shortenSyncTiming,
  statusTextsSeen,
} from './network-helpers';

const NO_NETWORK = 'Điện thoại đang không có mạng';
const UNREACHABLE = 'Không kết nối được tới nguồn tin';
const REFUSED = 'Nguồn tin không cho phép ứng dụng đọc';
const BUSY = 'Máy chủ tin tức đang quá tải';
const LOGIN_OR_DATA = 'Mạng yêu cầu đăng nhập hoặc đã hết dung lượng';
const OUT_OF_DATA_PAGE =
  '<!DOCTYPE html><html><head><title>Hết dung lượng</title></head><body><h1>Gói cước của quý khách đã hết dung lượng tốc độ cao</h1>' +
  '<a href="http://dangky.example/">Đăng ký thêm</a></body></html>';

/** Whether the status line claims the phone is offline (it says nothing about the network while online). */
const saysOffline = (page: import('playwright-core').Page) => page.locator('.status-bar .net-off').isVisible();

describe('statuses that say what really went wrong', () => {
  const app = appUnderTest();
  /** A second origin serving the same files, without CORS headers, as most news sites do. */
  let elsewhere: TestServer;

  beforeAll(async () => {
    elsewhere = await startServer();
    const { page } = app.browser;
    await openSettled(page, app.server.url);
    await shortenSyncTiming(page, { stallMs: 2_000, timeoutMs: 10_000, attempts: 3, baseDelayMs: 100 });
  });
  afterAll(async () => {
    await elsewhere?.stop();
  });

  it('with no network on the phone: says so, sends nothing, retries nothing', async () => {
    const { page, context } = app.browser;
    await app.server.reset();
    await context.setOffline(true);
    await page.waitForFunction(() => document.querySelector('.status-bar .net')?.textContent === 'Ngoại tuyến');
    await recordStatusTexts(page);
    const text = await refreshAndWaitFor(page, NO_NETWORK);
    expect(text).toContain('Ngoại tuyến');
    expect((await statusTextsSeen(page)).some((t) => t.includes('Đang thử lại'))).toBe(false);
    await context.setOffline(false);
    // Back online, the line must no longer claim there is no network.
    await page.waitForFunction(() => !document.querySelector('.status-bar .net-off'));
    expect(await page.locator('.status-bar .status-text').textContent()).not.toContain(NO_NETWORK);
  });

  it('with a network but the source down: says the source cannot be reached, retries counted from 1', async () => {
    const { page } = app.browser;
    const down = await startServer();
    await down.stop();
    await putMeta(page, 'feedUrl', `${down.url}${FEED_PATH}`);
    await recordStatusTexts(page);
    const text = await refreshAndWaitFor(page, UNREACHABLE);
    expect(await saysOffline(page)).toBe(false);
    expect(text).not.toContain('Không kết nối được mạng');
    const retries = (await statusTextsSeen(page)).map((t) => /Đang thử lại \((\d+)\/(\d+)\)/.exec(t)?.slice(1).join('/')).filter(Boolean);
    expect(retries[0]).toBe('1/2');
    expect(new Set(retries)).toEqual(new Set(['1/2', '2/2']));
  });

  it('with a source on another origin without CORS: says it refuses access, and asks once', async () => {
    const { page } = app.browser;
    // Background Sync's own retry of the unreachable source must be over before this starts.
    await quiet(page);
    await putMeta(page, 'feedUrl', `${elsewhere.url}${FEED_PATH}`);
    await recordStatusTexts(page);
    await refreshAndWaitFor(page, REFUSED);
    expect(await saysOffline(page)).toBe(false);
    expect((await statusTextsSeen(page)).some((t) => t.includes('Đang thử lại'))).toBe(false);
    // The one real request, and the bodiless probe that showed the host does answer.
    expect((await elsewhere.stats())[FEED_PATH]?.requests).toBe(2);
  });

  it('with a source that answers 403: says it refuses access, and asks once', async () => {
    const { page } = app.browser;
    await putMeta(page, 'feedUrl', `${app.server.url}${FEED_PATH}`);
    await app.server.reset();
    await app.server.route(FEED_PATH, { status: 403, body: 'Forbidden', headers: { 'content-type': 'text/plain' } });
    await refreshAndWaitFor(page, REFUSED);
    expect((await app.server.stats())[FEED_PATH]?.requests).toBe(1);
  });

  it('with a source busy for an hour (503, Retry-After: 3600): says the server has trouble at once, retrying nothing', async () => {
    const { page } = app.browser;
    await app.server.reset();
    await app.server.route(FEED_PATH, {
      status: 503,
      body: '<html><body><h1>Hệ thống đang bảo trì</h1></body></html>',
      headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '3600' },
    });
    await recordStatusTexts(page);
    await refreshAndWaitFor(page, 'Máy chủ tin tức đang gặp lỗi');
    expect((await statusTextsSeen(page)).some((t) => t.includes('Đang thử lại'))).toBe(false);
    // The refresh's one request, and at most Background Sync's own later one.
    expect((await app.server.stats())[FEED_PATH]?.requests).toBeLessThanOrEqual(2);
  });

  // Before, reopening the app an hour after its last good refresh asked the server again at once, minutes after it
  // had said «in an hour», and the bar did not say when news could come.
  it('reopened while the source still asks to be left alone (Retry-After: 3600): asks nothing, says when it will try again', async () => {
    const { page } = app.browser;
    // The last good refresh two hours before that failure: opening the app would otherwise refresh.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('bao-offline');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const meta = open.result.transaction('meta', 'readwrite').objectStore('meta');
            const read = meta.get('sync');
            read.onsuccess = () => {
              const sync = read.result as { lastSuccess: number; lastError: { at: number } };
              meta.put({ ...sync, lastSuccess: sync.lastError.at - 2 * 3_600_000 }, 'sync');
              meta.transaction.oncomplete = () => {
                open.result.close();
                resolve();
              };
            };
          };
        }),
    );
    const asked = (await app.server.stats())[FEED_PATH]?.requests ?? 0;
    await page.goto(app.server.url);
    await page.waitForFunction(() => {
      const bar = document.querySelector('.status-bar');
      return bar?.querySelector('.status-text')?.textContent?.includes('đang gặp lỗi') && bar.querySelector('button')?.textContent === 'Làm mới';
    });
    await quiet(page);
    expect((await app.server.stats())[FEED_PATH]?.requests ?? 0).toBe(asked);
    expect(await page.locator('.status-bar .status-text').textContent()).toMatch(/Sẽ thử lại sau \d{1,2}:\d{2}/);
    // The reader may still ask: one request.
    await refreshAndWaitFor(page, 'Máy chủ tin tức đang gặp lỗi');
    expect((await app.server.stats())[FEED_PATH]?.requests).toBe(asked + 1);
  });

  // Before, «Too many requests» read as «Máy chủ tin tức đang gặp lỗi», as if the server were broken.
  it('with a source that answers 429 (too many readers, Retry-After: 3600): says it is busy, not broken', async () => {
    const { page } = app.browser;
    await app.server.reset();
    await app.server.route(FEED_PATH, {
      status: 429,
      body: 'Too Many Requests',
      headers: { 'content-type': 'text/plain', 'retry-after': '3600' },
    });
    const text = await refreshAndWaitFor(page, BUSY);
    expect(text).not.toContain('đang gặp lỗi');
    expect(text).toContain('Các bài đã tải vẫn đọc được');
    expect((await app.server.stats())[FEED_PATH]?.requests).toBeLessThanOrEqual(2);
  });

  it('with a feed that moved to another host (a 301 to a CDN that allows the app): brings its news, names no login page', async () => {
    const { page } = app.browser;
    await app.server.reset();
    await app.server.route(FEED_PATH, { status: 301, body: '', headers: { location: `${elsewhere.url}/cdn/feed.json` } });
    await elsewhere.route('/cdn/feed.json', {
      body: nextEdition('Tin từ địa chỉ mới của nguồn tin'),
      headers: { 'content-type': 'application/feed+json', 'access-control-allow-origin': '*' },
    });
    const text = await refreshAndWaitFor(page, '1 bài mới');
    expect(text).not.toContain(LOGIN_OR_DATA);
    await page.locator('.card-title', { hasText: 'Tin từ địa chỉ mới của nguồn tin' }).waitFor();
  });

  it('with a carrier «out of data» page instead of the feed: names a login or data-package page', async () => {
    const { page } = app.browser;
    await app.server.route(FEED_PATH, { body: OUT_OF_DATA_PAGE, headers: { 'content-type': 'text/html; charset=utf-8' } });
    const text = await refreshAndWaitFor(page, LOGIN_OR_DATA);
    expect(text).not.toContain('Wi-Fi');
    expect(await saysOffline(page)).toBe(false);
  });
});
