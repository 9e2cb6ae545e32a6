import { describe, expect, it } from 'vitest';
import { bigFeed, readRound, readWhileMerging, STORED_ID } from './big-merge';
import { appUnderTest } from './app-under-test';
import { saveOpenArticle } from './harness';
import { FEED_PATH, openSettled } from './network-helpers';

const ITEMS = 50_000;

describe('reading while a 50,000-article refresh merges', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('opens a stored article, the list and the saved list within 1 s each, with a true status throughout', async () => {
    const { page } = app.browser;
    await openSettled(page, app.server.url);
    await page.goto(`${app.server.url}/bai/${STORED_ID}`);
    await saveOpenArticle(page);
    // Each screen has been opened once: what follows measures waiting, not a first load of its code.
    await readRound(page, []);

    const body = bigFeed(ITEMS);
    await app.server.route(FEED_PATH, { body });
    const waits = await readWhileMerging(page, app.server, Buffer.byteLength(body));

    // The refresh really was merging while the reads were made.
    expect(waits.roundsDuringMerge).toBeGreaterThan(0);
    // Before, an article waited 2.6–8 s behind the merge's one transaction. Now reads wait at most for
    // one short write; on this shared 2-core machine a rare read still meets a busy moment, hence the
    // bound on the longest is looser than the one on 95 % of them.
    const all = [...waits.article, ...waits.list, ...waits.saved].sort((a, b) => a - b);
    expect(all[Math.floor(all.length * 0.95)]).toBeLessThan(1000);
    expect(all[all.length - 1]).toBeLessThan(2500);
    for (const status of waits.statuses) expect(status).not.toContain('Chưa tải tin lần nào');
    // And the refresh did land, whole.
    await page.goto(`${app.server.url}/cai-dat`);
    await page.locator('.storage-usage', { hasText: `${ITEMS + 39} bài trên máy` }).waitFor({ timeout: 120_000 });
  }, 300_000);
});
