import { rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchKillable, listedTitles, newProfileDir, startServer, suppressInstallOffer, waitForArticles, type KillableBrowser, type TestServer } from './harness';
import { LONG_COUNT, longEdition } from './long-edition';
import { FEED_PATH, openSettled, quiet, refreshAndWaitFor } from './network-helpers';

const KB = 1024;
/** Where the app is killed: past half of the page, as the service worker counts it. */
const KILL_AT = 0.55;
/** A slow line: the page takes seconds, so the kill lands in the middle of it. */
const slow = { ranges: true, chunkBytes: 16 * KB, bytesPerSecond: 128 * KB } as const;

/** Starts counting the bytes of the page under way, from the progress the refresh reports on the app's channel. */
function watchProgress(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as { __received?: number };
    w.__received = 0;
    new BroadcastChannel('bao-sync').addEventListener('message', (event: MessageEvent<{ type: string; received?: number }>) => {
      if (event.data.type === 'progress') w.__received = Math.max(w.__received ?? 0, event.data.received ?? 0);
    });
  });
}

/**
 * Issue: a refresh killed mid-page (the app closed, the phone ending the
 * browser, the service worker stopped) kept nothing of the page, and the next
 * visit downloaded it again from byte 0. Here Chromium and all its processes
 * are killed (SIGKILL) once more than half of a slow 1 MB page has arrived,
 * then reopened on the same profile, where the reader refreshes.
 */
describe('a refresh killed in the middle of a page', () => {
  let server: TestServer;
  let profile: string;
  let browser: KillableBrowser | undefined;

  const open = async () => {
    browser = await launchKillable(profile);
    await suppressInstallOffer(browser.context);
    return browser.page;
  };

  /** Starts a refresh and kills the browser once `KILL_AT` of a `size`-byte page has come. */
  const killMidPage = async (page: Page, size: number) => {
    await watchProgress(page);
    await quiet(page);
    await page.locator('.status-bar button').click();
    await page.waitForFunction((bytes) => ((window as { __received?: number }).__received ?? 0) >= bytes, KILL_AT * size, { timeout: 60_000 });
    await browser!.kill();
    browser = undefined;
  };

  /** The next visit: the app reopened, the reader presses «Làm mới». */
  const nextVisit = async () => {
    const page = await open();
    await page.goto(server.url);
    await waitForArticles(page, 20);
    return { page, status: await refreshAndWaitFor(page, 'Cập nhật lúc', { timeout: 60_000 }) };
  };

  beforeAll(async () => {
    server = await startServer();
    profile = await newProfileDir();
    await openSettled(await open(), server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await rm(profile, { recursive: true, force: true });
  });

  it('is resumed by the next visit, which asks only for what had not come: the page costs about its size once', async () => {
    const { body, titles } = longEdition('giet-1', 'A', 3);
    const size = Buffer.byteLength(body);
    await server.reset();
    await server.route(FEED_PATH, { body, etag: '"giet-1"', ...slow }, { body, etag: '"giet-1"', ranges: true });
    await killMidPage(browser!.page, size);

    const { page, status } = await nextVisit();
    expect(status).toContain(`${LONG_COUNT} bài mới`);
    await expect.poll(async () => (await listedTitles(page)).slice(0, LONG_COUNT)).toEqual(titles);
    const stats = (await server.stats())[FEED_PATH]!;
    const from = Number(/^bytes=(\d+)-$/.exec(stats.ranges?.[0]?.range ?? '')?.[1] ?? 0);
    console.log(`page ${size} bytes, killed after ${Math.round(KILL_AT * 100)}% came; resumed from byte ${from}; body bytes over both visits: ${stats.bodyBytes}`);
    // Before: [200, 200], no Range, and 1.55× the page (the second visit started at byte 0).
    expect(stats.statuses, JSON.stringify(stats)).toEqual([200, 206]);
    expect(stats.ranges?.[0]).toMatchObject({ ifRange: '"giet-1"' });
    expect(from).toBeGreaterThan(size / 4);
    expect(stats.bodyBytes).toBeLessThan(1.3 * size);
  });

  it('takes a page republished between the visits whole, in its new version only', async () => {
    const before = longEdition('giet-2', 'A', 2);
    const after = longEdition('giet-2', 'B', 2);
    await server.reset();
    await server.route(FEED_PATH, { body: before.body, etag: '"giet-2a"', ...slow }, { body: after.body, etag: '"giet-2b"', ranges: true });
    await killMidPage(browser!.page, Buffer.byteLength(before.body));

    const { page, status } = await nextVisit();
    expect(status).toContain(`${LONG_COUNT} bài mới`);
    await expect.poll(async () => (await listedTitles(page)).slice(0, LONG_COUNT)).toEqual(after.titles);
    expect((await listedTitles(page)).filter((title) => before.titles.includes(title))).toEqual([]);
    const stats = (await server.stats())[FEED_PATH]!;
    // The rest was asked of the old version only; the host sent the new one whole.
    expect(stats.ranges?.map((r) => r.ifRange)).toEqual(['"giet-2a"']);
    expect(stats.statuses).toEqual([200, 200]);
  });
});
