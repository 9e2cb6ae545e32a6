import { describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { FEED_PATH, nextEdition, openSettled, recordStatusTexts, refreshAndWaitFor, shortenSyncTiming, statusTextsSeen } from './network-helpers';

const DROPPED = 'Mất kết nối khi đang tải tin';

describe('a refresh that failed on a line that is up (metered, flaky)', () => {
  const app = appUnderTest();

  // Before, Background Sync, registered for a later try, fired at once on a line the
  // browser calls online: a second round of downloads began by itself, the status went
  // back to «Đang tải tin…», and the reader's data paid for the tries twice.
  it('tries no more after saying it failed, until the reader or a later moment asks', async () => {
    const { page } = app.browser;
    await openSettled(page, app.server.url);
    await shortenSyncTiming(page, { stallMs: 1_500, timeoutMs: 10_000, attempts: 2, baseDelayMs: 200 });
    await app.server.reset();
    await app.server.route(FEED_PATH, { body: nextEdition('Tin bị cắt giữa chừng'), chunkBytes: 4096, bytesPerSecond: 40_960, dropAfterBytes: 8192 });
    await recordStatusTexts(page);
    await refreshAndWaitFor(page, DROPPED);
    // Long enough for an at-once Background Sync round to have begun and ended.
    await page.waitForTimeout(8_000);
    const texts = await statusTextsSeen(page);
    const told = texts.findIndex((text) => text.includes(DROPPED));
    expect(told).toBeGreaterThan(0);
    expect(texts.slice(told).filter((text) => !text.includes(DROPPED))).toEqual([]);
    // The tap's two tries (attempts: 2), not four.
    expect((await app.server.stats())[FEED_PATH]!.requests).toBe(2);
  });
});
