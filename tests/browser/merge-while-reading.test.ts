import { describe, expect, it } from 'vitest';
import { bigFeed, readRound, readUntilMerged, SCREENS, startBigRefresh, STORED_ID } from './big-merge';
import { appUnderTest } from './app-under-test';
import { saveOpenArticle } from './harness';
import { FEED_PATH, openSettled } from './network-helpers';

const ITEMS = 50_000;

describe('reading while a 50,000-article refresh merges', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('opens a stored article, the list, the saved list and search results within 1 s each, with a true status throughout', async () => {
    const { page } = app.browser;
    await openSettled(page, app.server.url);
    await page.goto(`${app.server.url}/bai/${STORED_ID}`);
    await saveOpenArticle(page);
    // Each screen has been opened once: what follows measures waiting, not a first load of its code.
    await readRound(page, []);

    const body = bigFeed(ITEMS);
    await app.server.route(FEED_PATH, { body });
    await startBigRefresh(page, app.server, Buffer.byteLength(body));
    const waits = await readUntilMerged(page);

    // The refresh really was merging while the reads were made.
    expect(waits.roundsDuringMerge).toBeGreaterThan(0);
    // Before, an article waited 2.6–8 s behind the merge's one transaction; at load 9–10, with the
    // staging design but before reads were kept short, the slowest took 1.6–3.2 s. Now each waits
    // at most a few short transactions: the slowest here took about 0.4–0.7 s.
    for (const screen of SCREENS) expect(Math.max(...waits[screen]), `${screen}: ${waits[screen].join(' ')}`).toBeLessThan(1000);
    for (const status of waits.statuses) expect(status).not.toContain('Chưa tải tin lần nào');
    // And the refresh did land, whole.
    await page.goto(`${app.server.url}/cai-dat`);
    await page.locator('.storage-usage', { hasText: `${ITEMS + 39} bài trên máy` }).waitFor({ timeout: 120_000 });
  }, 300_000);
});
