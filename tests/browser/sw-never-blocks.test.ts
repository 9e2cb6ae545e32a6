import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { FEED_PATH } from './network-helpers';

/** How long a lazy route or a picture may take on the test machine's own network. */
const PROMPT_MS = 3_000;

describe('the service worker never holds the page', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('opens a lazy route, a picture and a reload at once while the first refresh crawls', async () => {
    const { page } = app.browser;
    // The feed arrives at 1 KB/s: the first refresh takes most of a minute.
    await app.server.route(FEED_PATH, { body: readFileSync('public/sample/feed.json', 'utf8'), bytesPerSecond: 1024, chunkBytes: 512 });
    await page.goto(app.server.url);
    await page.locator('.status-bar').getByText(/Đang tải tin.*%/).waitFor();

    const routeStarted = Date.now();
    await page.getByRole('link', { name: 'Cài đặt' }).click();
    await page.locator('#settings-title').waitFor({ timeout: PROMPT_MS });
    const routeMs = Date.now() - routeStarted;

    const pictureMs = await page.evaluate(
      (timeout) =>
        new Promise<number>((resolve, reject) => {
          const started = performance.now();
          const picture = new Image();
          picture.onload = () => resolve(performance.now() - started);
          picture.onerror = () => reject(new Error('picture failed'));
          setTimeout(() => reject(new Error(`picture still loading after ${timeout} ms`)), timeout);
          picture.src = '/sample/img/tea-hills-480.webp';
        }),
      PROMPT_MS,
    );

    expect(routeMs).toBeLessThan(PROMPT_MS);
    expect(pictureMs).toBeLessThan(PROMPT_MS);
    // All of it while the refresh was still downloading (off the list, a thin bar says so).
    expect(await page.locator('.status-bar .status-progress').count()).toBe(1);

    // A reload (as after «Cập nhật») is not held either.
    const reloadStarted = Date.now();
    await page.reload({ timeout: PROMPT_MS });
    await page.locator('#settings-title').waitFor({ timeout: PROMPT_MS });
    expect(Date.now() - reloadStarted).toBeLessThan(PROMPT_MS);
  });
});
