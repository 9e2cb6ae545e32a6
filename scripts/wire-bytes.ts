// Bytes on the wire for the sample feed, as a reader on a metered line pays
// them: a first visit, a refresh with nothing new, and one bringing 3 new
// articles. Counted from Chromium's own network events (CDP encodedDataLength,
// through Playwright's request sizes), the service worker's requests included;
// responses the service worker answered from its caches cost nothing.
import type { Page } from 'playwright-core';
import { launch, startServer, waitForArticles, waitForServiceWorker } from '../tests/browser/harness';
import { tallyRequests, type Tally } from '../tests/browser/wire-tally';
import { nextEdition, refreshAndWaitFor } from '../tests/browser/network-helpers';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function describeTally(label: string, tally: Tally): void {
  console.log(`${label}: ${kb(tally.bytes)} on the wire in ${tally.requests.length} responses`);
  const byKind = new Map<string, number>();
  for (const r of tally.requests) {
    const path = new URL(r.url).pathname;
    const kind = /\/icons\//.test(path) ? 'icons' : /\/sample\/img\//.test(path) ? 'pictures' : /\.json$/.test(path) ? 'feed' : 'app';
    byKind.set(kind, (byKind.get(kind) ?? 0) + r.bytes);
  }
  console.log(`  ${[...byKind].map(([kind, bytes]) => `${kind} ${kb(bytes)}`).join(', ')}`);
}

/** Waits until the service worker controls the page and the first refresh is over. */
async function settled(page: Page): Promise<void> {
  await waitForServiceWorker(page);
  await waitForArticles(page, 20);
  await page.waitForFunction(() => document.querySelector('.status-bar .status-text')?.textContent?.includes('Cập nhật lúc'));
}

export async function measureWireBytes(): Promise<void> {
  const server = await startServer();
  const browser = await launch();
  try {
    const tally = tallyRequests(browser.context);
    await browser.page.goto(server.url);
    await settled(browser.page);
    describeTally('First visit, sample feed', await tally.take());

    await refreshAndWaitFor(browser.page, 'Cập nhật lúc');
    describeTally('Refresh with nothing new', await tally.take());

    await server.route('/sample/feed.json', { body: nextEdition('Tin mới một', 'Tin mới hai', 'Tin mới ba'), gzip: true });
    await refreshAndWaitFor(browser.page, '3 bài mới');
    describeTally('Refresh bringing 3 new articles', await tally.take());
  } finally {
    await browser.close();
    await server.stop();
  }
}
