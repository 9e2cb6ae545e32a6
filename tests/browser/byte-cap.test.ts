import { beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { listedTitles } from './harness';
import { FEED_PATH, openSettled, refreshAndWaitFor, shortenSyncTiming } from './network-helpers';

const TOO_LARGE = 'Nguồn tin quá lớn để tải về điện thoại';
const MB = 1024 * 1024;

describe('a source larger than the phone should download', () => {
  const app = appUnderTest();
  let original: string[];

  beforeAll(async () => {
    const { page } = app.browser;
    await openSettled(page, app.server.url);
    original = await listedTitles(page);
    await shortenSyncTiming(page, { stallMs: 3_000, timeoutMs: 20_000, attempts: 3, baseDelayMs: 100, maxBytes: 1 * MB });
  });

  it('refuses a feed announced as 60 MB from its Content-Length, does not retry, and does not download it again while unchanged', async () => {
    const { page } = app.browser;
    await app.server.reset();
    // The body would go on for ever; only its header says 60 MB.
    await app.server.route(FEED_PATH, { endless: true, contentLength: 60 * MB, etag: '"60mb"', bytesPerSecond: 2 * MB });
    expect(await refreshAndWaitFor(page, TOO_LARGE)).toContain('Các bài đã tải vẫn đọc được.');
    let stats = (await app.server.stats())[FEED_PATH]!;
    expect(stats.requests).toBe(1);
    expect(stats.bodyBytes).toBeLessThan(MB / 2);

    await refreshAndWaitFor(page, TOO_LARGE);
    stats = (await app.server.stats())[FEED_PATH]!;
    // Asked with its validators, answered 304: not one byte of the body again.
    expect(stats.statuses).toEqual([200, 304]);
    expect(stats.bodyBytes).toBeLessThan(MB / 2);
    expect(await listedTitles(page)).toEqual(original);
  });

  it('cuts off a body that never ends at the limit, once, with no retry', async () => {
    const { page } = app.browser;
    await app.server.reset();
    await app.server.route(FEED_PATH, { endless: true, bytesPerSecond: 8 * MB });
    await refreshAndWaitFor(page, TOO_LARGE);
    const stats = (await app.server.stats())[FEED_PATH]!;
    expect(stats.requests).toBe(1);
    expect(stats.bodyBytes).toBeGreaterThan(MB);
    expect(stats.bodyBytes).toBeLessThan(3 * MB);
    expect(await listedTitles(page)).toEqual(original);
  });

  it('does not download the same endless body without validators to the limit again, but does once it changes', async () => {
    const { page } = app.browser;
    await app.server.reset();
    // Its own start: the body of the test above (spaces only) is remembered as oversized too. Sent at 1 MB/s so
    // that what the server writes while the refusal reaches it (tens of ms on a busy machine) stays small.
    const endless = { endless: true, bytesPerSecond: MB, body: '{"title": "Báo A", "items": [' } as const;
    await app.server.route(FEED_PATH, endless);
    await refreshAndWaitFor(page, TOO_LARGE);
    const first = (await app.server.stats())[FEED_PATH]!.bodyBytes;
    expect(first).toBeGreaterThan(MB);

    // The same body again: recognised by its first 64 KB (before: cut off at the limit, 1 MB here, every time).
    await refreshAndWaitFor(page, TOO_LARGE);
    let stats = (await app.server.stats())[FEED_PATH]!;
    expect(stats.requests).toBe(2);
    const second = stats.bodyBytes - first;
    expect(second).toBeLessThan(MB / 2);

    // A body that starts otherwise is a changed feed: downloaded again (and here cut off again).
    await app.server.route(FEED_PATH, { ...endless, body: '{"title": "Báo B", "items": [' });
    await refreshAndWaitFor(page, TOO_LARGE);
    stats = (await app.server.stats())[FEED_PATH]!;
    expect(stats.requests).toBe(3);
    expect(stats.bodyBytes - first - second).toBeGreaterThan(MB);
    expect(await listedTitles(page)).toEqual(original);
  });
});
