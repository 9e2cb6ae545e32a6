// Issue 14's third rule on a first visit, when the page (no service worker in
// control yet) runs the refresh itself: the page's longest main-thread tasks
// from navigation until the refresh is done, by thread time from Chromium's
// trace and as PerformanceObserver 'longtask' entries (clock time), for the
// bundled sample feed, the 5,000-article corpus as one file, and the same
// corpus as a paginated archive. `--slow` adds the slow phone's 4× CPU.
// Part of `npm run bench:browser`; alone: npm run build && tsx scripts/bench-first-visit-tasks.ts [--runs N] [--slow]
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { launch, startServer, suppressInstallOffer, type TestServer } from '../tests/browser/harness';
import { FEED_PATH } from '../tests/browser/network-helpers';
import { SLOW_PHONE } from '../tests/browser/slow-phone';
import { markRefreshes, tasksBetween, traceMainThread, type MainThreadTrace } from '../tests/browser/main-thread-trace';

const CORPUS = '../shared/corpus/feed.json';
const PAGE_ITEMS = 250;

interface Scenario {
  name: string;
  routes: (server: TestServer) => Promise<void>;
}

const corpus = existsSync(CORPUS) ? readFileSync(CORPUS, 'utf8') : undefined;

/** The corpus cut into pages of PAGE_ITEMS linked by next_url, as a publisher's archive. */
async function routeArchive(server: TestServer): Promise<void> {
  const feed = JSON.parse(corpus!) as { items: unknown[] } & Record<string, unknown>;
  for (let start = 0, n = 0; start < feed.items.length; start += PAGE_ITEMS, n++) {
    const last = start + PAGE_ITEMS >= feed.items.length;
    const page = { ...feed, items: feed.items.slice(start, start + PAGE_ITEMS), ...(last ? {} : { next_url: `${server.url}/archive/${n + 1}.json` }) };
    await server.route(n === 0 ? FEED_PATH : `/archive/${n}.json`, { body: JSON.stringify(page), gzip: true });
  }
}

const scenarios: Scenario[] = [
  { name: 'sample feed (2 pages, 44 KB)', routes: async () => undefined },
  ...(corpus
    ? [
        { name: '5,000 articles, one file (20 MB)', routes: (server: TestServer) => server.route(FEED_PATH, { body: corpus, gzip: true }) },
        { name: `5,000 articles, pages of ${PAGE_ITEMS}`, routes: routeArchive },
      ]
    : []),
];


/** Waits until the first visit's refresh has ended, as the status bar says. */
async function refreshDone(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('.status-bar')?.textContent?.includes('Cập nhật lúc'), undefined, {
    timeout: 600_000,
    polling: 500,
  });
}

async function firstVisit(server: TestServer, slow: boolean): Promise<MainThreadTrace & { longtasks: number[]; articles: number }> {
  const browser = await launch();
  try {
    const { page, context } = browser;
    await suppressInstallOffer(context);
    await markRefreshes(context);
    await context.addInitScript(() => {
      const seen: number[] = [];
      (window as { __longtasks?: number[] }).__longtasks = seen;
      new PerformanceObserver((list) => seen.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
    });
    if (slow) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_PHONE.cpuSlowdown });
    }
    const trace = await traceMainThread(page, async () => {
      await page.goto(server.url);
      await refreshDone(page);
    });
    const longtasks = await page.evaluate(() => (window as { __longtasks?: number[] }).__longtasks ?? []);
    const articles = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('bao-offline');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const count = await new Promise<number>((resolve) => {
        const request = db.transaction('articles').objectStore('articles').count();
        request.onsuccess = () => resolve(request.result);
      });
      db.close();
      return count;
    });
    return { ...trace, longtasks, articles };
  } finally {
    await browser.close();
  }
}

const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');
export async function benchFirstVisitTasks({ runs = 1, slow = false } = {}): Promise<void> {
  const server = await startServer();
  try {
    console.log(`First visit, page's main thread until the refresh is done${slow ? ` (CPU ${SLOW_PHONE.cpuSlowdown}× slower)` : ''}:`);
    for (const scenario of scenarios) {
      await server.reset();
      await scenario.routes(server);
      for (let run = 0; run < runs; run++) {
        const before = load();
        const result = await firstVisit(server, slow);
        const top = result.tasks
          .slice(0, 5)
          .map((t) => `${t.cpu}/${t.wall} (${t.what})`)
          .join(', ');
        const over = result.tasks.filter((t) => t.cpu > 50).length;
      const during = tasksBetween(result, 'refresh-start', 'refresh-done')[0];
        const longest = Math.round(Math.max(0, ...result.longtasks));
        console.log(
          `  ${scenario.name}, run ${run + 1}: ${result.articles} articles; longest tasks (work/clock ms) ${top}; ${over} over 50 ms of work; ` +
          `longest while the refresh ran ${during?.cpu}/${during?.wall} (${during?.what}); ` +
            `longtask entries ${result.longtasks.length}, longest ${longest} ms; load ${before} → ${load()}`,
        );
      }
    }
  } finally {
    await server.stop();
}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  await benchFirstVisitTasks({ runs: Number(args[args.indexOf('--runs') + 1]) || 2, slow: args.includes('--slow') });
}
