import { beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { listedTitles } from './harness';
import { LONG_COUNT as COUNT, longEdition as edition } from './long-edition';
import { FEED_PATH, openSettled, refreshAndWaitFor, shortenSyncTiming } from './network-helpers';

const KB = 1024;
/** Where the first try's connection drops: half-way through a page of about 1 MB. */
const CUT = 512 * KB;

/** The first try sends the page slowly enough to be cut where asked, then the connection drops. */
const cutShort = { ranges: true, chunkBytes: 16 * KB, bytesPerSecond: 4 * 1024 * KB, dropAfterBytes: CUT } as const;

describe('a feed page whose download drops part-way', () => {
  const app = appUnderTest();

  beforeAll(async () => {
    await openSettled(app.browser.page, app.server.url);
    await shortenSyncTiming(app.browser.page, { stallMs: 5_000, timeoutMs: 60_000, attempts: 3, baseDelayMs: 100 });
  });

  it('is resumed where it stopped: the page costs its own size once, and every article arrives', async () => {
    const { page } = app.browser;
    const { body, titles } = edition('dai-1', 'A', 3);
    const size = Buffer.byteLength(body);
    expect(size).toBeGreaterThan(900 * KB);
    await app.server.reset();
    await app.server.route(FEED_PATH, { body, etag: '"dai-1"', ...cutShort }, { body, etag: '"dai-1"', ranges: true });
    expect(await refreshAndWaitFor(page, 'Cập nhật lúc', { timeout: 40_000 })).toContain(`${COUNT} bài mới`);
    await expect.poll(async () => (await listedTitles(page)).slice(0, COUNT)).toEqual(titles);

    const stats = (await app.server.stats())[FEED_PATH]!;
    console.log(`page ${size} bytes, cut after about ${CUT}; feed body bytes sent for the refresh: ${stats.bodyBytes}`);
    // Before: [200, 200] and size + CUT bytes, the retry starting again from byte 0.
    expect(stats.statuses, JSON.stringify(stats)).toEqual([200, 206]);
    // What the first try received is not sent again. Bytes the server had written but the page had not yet read
    // when the connection broke (a socket buffer's worth, 0–32 KB in full runs) never arrived, so they come again.
    expect(stats.bodyBytes, JSON.stringify(stats)).toBeGreaterThanOrEqual(size);
    expect(stats.bodyBytes, JSON.stringify(stats)).toBeLessThanOrEqual(size + 64 * KB);
    // The rest is asked for this version only, and Chromium asks for it unencoded.
    expect(stats.ranges).toHaveLength(1);
    expect(stats.ranges![0]).toMatchObject({ ifRange: '"dai-1"', acceptEncoding: 'identity' });
    expect(stats.ranges![0]!.range).toMatch(/^bytes=\d+-$/);
  });

  it('takes a page republished between the tries whole, in its new version only', async () => {
    const { page } = app.browser;
    const before = edition('dai-2', 'A', 2);
    const after = edition('dai-2', 'B', 2);
    await app.server.reset();
    await app.server.route(FEED_PATH, { body: before.body, etag: '"dai-2a"', ...cutShort }, { body: after.body, etag: '"dai-2b"', ranges: true });
    expect(await refreshAndWaitFor(page, 'Cập nhật lúc', { timeout: 40_000 })).toContain(`${COUNT} bài mới`);
    await expect.poll(async () => (await listedTitles(page)).slice(0, COUNT)).toEqual(after.titles);
    expect((await listedTitles(page)).filter((title) => before.titles.includes(title))).toEqual([]);
    const stats = (await app.server.stats())[FEED_PATH]!;
    // Its If-Range named the old version: the host sent the new one whole.
    expect(stats.statuses).toEqual([200, 200]);
    expect(stats.ranges?.map((r) => r.ifRange)).toEqual(['"dai-2a"']);
  });

  it('never joins two versions from a host that sends the range whatever If-Range says', async () => {
    const { page } = app.browser;
    const before = edition('dai-3', 'A', 1);
    const after = edition('dai-3', 'B', 1);
    await app.server.reset();
    await app.server.route(
      FEED_PATH,
      { body: before.body, etag: '"dai-3a"', ...cutShort },
      { body: after.body, etag: '"dai-3b"', ranges: true, ignoreIfRange: true },
    );
    expect(await refreshAndWaitFor(page, 'Cập nhật lúc', { timeout: 40_000 })).toContain(`${COUNT} bài mới`);
    const shown = await listedTitles(page);
    expect(shown.slice(0, COUNT)).toEqual(after.titles);
    expect(shown.filter((title) => before.titles.includes(title))).toEqual([]);
    // Its 206 carried the new ETag: not appended, the page asked again whole.
    expect((await app.server.stats())[FEED_PATH]!.statuses).toEqual([200, 206, 200]);
  });

  it('starts a gzipped page over: its rest could only be asked for unencoded, at offsets fetch() does not give', async () => {
    const { page } = app.browser;
    const { body, titles } = edition('dai-4', 'A', 0.5);
    await app.server.reset();
    // About 20 KB gzipped: cut after 8 KB of it.
    const gzipped = { body, etag: '"dai-4"', gzip: true, ranges: true } as const;
    await app.server.route(FEED_PATH, { ...gzipped, chunkBytes: 2 * KB, bytesPerSecond: 64 * KB, dropAfterBytes: 8 * KB }, gzipped);
    expect(await refreshAndWaitFor(page, 'Cập nhật lúc', { timeout: 40_000 })).toContain(`${COUNT} bài mới`);
    await expect.poll(async () => (await listedTitles(page)).slice(0, COUNT)).toEqual(titles);
    const stats = (await app.server.stats())[FEED_PATH]!;
    expect(stats.statuses).toEqual([200, 200]);
    expect(stats.ranges).toBeUndefined();
  });

  it('is resumed by the next refresh when the one it was cut off in failed (one try per refresh here)', async () => {
    const { page } = app.browser;
    await shortenSyncTiming(page, { stallMs: 5_000, timeoutMs: 60_000, attempts: 1 });
    const { body, titles } = edition('dai-5', 'A', 0);
    const size = Buffer.byteLength(body);
    await app.server.reset();
    await app.server.route(FEED_PATH, { body, etag: '"dai-5"', ...cutShort }, { body, etag: '"dai-5"', ranges: true });
    // The first refresh fails; Background Sync may start the next at once, else the reader does.
    await refreshAndWaitFor(page, '', { timeout: 40_000 });
    expect(await refreshAndWaitFor(page, 'Cập nhật lúc', { timeout: 40_000 })).not.toContain('Mất kết nối');
    await expect.poll(async () => (await listedTitles(page)).slice(0, COUNT)).toEqual(titles);
    const stats = (await app.server.stats())[FEED_PATH]!;
    console.log(`next refresh: page ${size} bytes; feed body bytes sent for both refreshes: ${stats.bodyBytes}, statuses ${stats.statuses.join(', ')}`);
    // Before: [200, 200], the second refresh starting the page over. A third request, if any, is the reader's 304.
    expect(stats.statuses.slice(0, 2)).toEqual([200, 206]);
    expect(stats.statuses.slice(2).every((status) => status === 304)).toBe(true);
    expect(stats.bodyBytes).toBeLessThanOrEqual(size + 16 * KB);
  });
});
