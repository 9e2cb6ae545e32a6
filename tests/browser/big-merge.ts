import type { Page } from 'playwright-core';
import type { TestServer } from './harness';
import { FEED_PATH, quiet } from './network-helpers';

/** An article of the bundled sample, stored (and saved) before the big refresh. */
export const STORED_ID = 'son-la-dan-van-kheo-2023-02-06';

/** A feed of `count` small articles, generated here (tests must not read /work/shared). */
export function bigFeed(count: number, prefix = 'tin-lon'): string {
  const start = Date.UTC(2022, 0, 1);
  const items = Array.from({ length: count }, (_, n) => ({
    id: `${prefix}-${n}`,
    title: `Tin lớn số ${n}: huyện vùng cao mở thêm điểm trường`,
    content_text: `Bài ${n}. Bà con góp công, góp sức dựng lớp học trước năm học mới.`,
    date_published: new Date(start - n * 60_000).toISOString(),
    tags: [`Chủ đề ${n % 50}`],
  }));
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo lớn', items });
}

/** Whether a refresh holds the app's sync lock right now. */
export const refreshRunning = (page: Page) =>
  page.evaluate(async () => {
    const { held = [] } = await navigator.locks.query();
    return held.some((lock) => lock.name === 'bao-feed-sync');
  });

/** The reads timed, each by following a link in the app: a stored article, the list, the saved list, a search. */
export const SCREENS = ['article', 'list', 'saved', 'search'] as const;
export type Screen = (typeof SCREENS)[number];

export type ReadWaits = Record<Screen, number[]> & {
  /** Every status bar text seen right after a read answered. */
  statuses: string[];
  /** Rounds (one read of each kind) that began and ended while the refresh was merging. */
  roundsDuringMerge: number;
};

/** Words of the stored article's title, without their marks, as a reader types them. */
const SEARCH_QUERY = 'dan van kheo';

const PATHS: Record<Screen, string> = {
  article: `/bai/${STORED_ID}`,
  list: '/',
  saved: '/da-luu',
  search: `/tim-kiem?q=${encodeURIComponent(SEARCH_QUERY)}`,
};

/** When the screen shows its content (the article, the list's cards, the saved cards, search results), on the page's clock. */
const shownAt = ([screen, path]: readonly [Screen, string]) => {
  if (location.pathname !== path.split('?')[0]) return false;
  const cards = document.querySelectorAll('.article-list .card-title').length > 0;
  const shown =
    screen === 'article'
      ? document.querySelector('h1.article-title') !== null
      : screen === 'search'
        ? document.querySelector('.search-count')?.textContent?.startsWith('Tìm thấy') === true
        : cards && (document.querySelector('#saved-title') !== null) === (screen === 'saved');
  return shown && performance.now();
};

/**
 * Milliseconds from following a link in the app (as a reader's tap does) until
 * the screen shows its content, both read on the page's clock (looked at every
 * 10 ms), so the time the test's own process takes to hear of it is left out.
 */
async function timeToShow(page: Page, screen: Screen): Promise<number> {
  const path = PATHS[screen];
  const started = await page.evaluate((href) => {
    const link = Object.assign(document.createElement('a'), { href });
    document.body.append(link);
    const now = performance.now();
    link.click();
    link.remove();
    return now;
  }, path);
  const shown = await page.waitForFunction(shownAt, [screen, path] as const, { timeout: 60_000, polling: 10 });
  return Math.round(((await shown.jsonValue()) as number) - started);
}

export type RoundWaits = Record<Screen, number>;

/** Reads each screen once. */
export async function readRound(page: Page, statuses: string[]): Promise<RoundWaits> {
  const round = { article: 0, list: 0, saved: 0, search: 0 };
  for (const screen of SCREENS) {
    round[screen] = await timeToShow(page, screen);
    statuses.push((await page.locator('.status-bar').textContent()) ?? '');
  }
  return round;
}

/**
 * Starts a refresh (the feed at FEED_PATH must already be routed to the big
 * one, `feedBytes` long) from the list and returns once it is downloaded:
 * what follows is the merge.
 */
export async function startBigRefresh(page: Page, server: TestServer, feedBytes: number): Promise<void> {
  await page.goto(server.url);
  await quiet(page);
  await page.getByRole('button', { name: 'Làm mới' }).click();
  // Merging starts once the whole feed is downloaded (and parsed).
  for (;;) {
    const sent = (await server.stats())[FEED_PATH]?.bodyBytes ?? 0;
    if (sent >= feedBytes) break;
    await page.waitForFunction(() => new Promise((resolve) => setTimeout(() => resolve(true), 50)));
  }
}

/** Reads every screen again and again until the refresh ends. */
export async function readUntilMerged(page: Page): Promise<ReadWaits> {
  const waits: ReadWaits = { article: [], list: [], saved: [], search: [], statuses: [], roundsDuringMerge: 0 };
  while (await refreshRunning(page)) {
    const round = await readRound(page, waits.statuses);
    for (const screen of SCREENS) waits[screen].push(round[screen]);
    if (await refreshRunning(page)) waits.roundsDuringMerge++;
  }
  return waits;
}
