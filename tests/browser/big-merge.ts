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
  /** Of each read, how many of the merge's transactions ended while the reader waited (given a `MergeSize`). */
  steps: Record<Screen, number[]>;
  /** The same, of the reads just after reopening the app (the list: from the reopening to its first card). */
  reopenedSteps: Record<Screen, number[]>;
  /** Every status bar text seen right after a read answered. */
  statuses: string[];
  /** Rounds (one read of each kind) that began and ended while the refresh was merging. */
  roundsDuringMerge: number;
  /** The same reads just after reopening the app (the list: from the reopening to its first card). */
  reopened: Record<Screen, number[]>;
  /** Of each reopening, when the page had its document (from the service worker) and when its scripts had run. */
  reopenPhases: ReopenPhases[];
  /** What the reader saw in every page of the run, looked at on each change of the page (see `watchWhatIsShown`). */
  seen: Shown;
};

/** What the merge writes: `items` new articles over `before` stored ones. */
export interface MergeSize {
  before: number;
  items: number;
}

/**
 * Articles per transaction of the merge (STAGE_ITEMS and FOLD_ITEMS in
 * src/shared/store/staging.ts, for articles as small as bigFeed's): it stages
 * every new article, then folds them into `articles`.
 */
const STAGED_PER_STEP = 250;
const FOLDED_PER_STEP = 100;

/** How many transactions a merge of `items` new articles takes: its unit of waiting, whatever the machine's load. */
export const mergeStepCount = ({ items }: MergeSize) => items / STAGED_PER_STEP + items / FOLDED_PER_STEP;

/**
 * How many of its transactions the merge has done, read from the store by the
 * page (the read itself waits for at most the one under way): while it
 * stages, the staged articles; once committed (meta `overlay`), all of those
 * and the ones folded since. Only the staging store is counted, small but for
 * the merge's own articles (a count walks every key), and `articles` only
 * before and after.
 */
export function mergeStepsDone(page: Page, { before, items }: MergeSize): Promise<number> {
  return page.evaluate(
    async ([before, items, staged, folded]) => {
      const w = window as { __storeForSteps?: Promise<IDBDatabase> };
      w.__storeForSteps ??= new Promise((resolve, reject) => {
        const open = indexedDB.open('bao-offline');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = (await w.__storeForSteps).transaction(['articles', 'staging', 'meta']);
      const asked = <T>(request: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const [staging, overlay] = await Promise.all([asked(tx.objectStore('staging').count()), asked(tx.objectStore('meta').get('overlay'))]);
      if (overlay !== undefined) return items / staged + (items - staging) / folded;
      if (staging > 0) return staging / staged;
      const stored = await asked(tx.objectStore('articles').count());
      return stored > before ? items / staged + items / folded : 0;
    },
    [before, items, STAGED_PER_STEP, FOLDED_PER_STEP] as const,
  );
}

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
export async function timeToShow(page: Page, screen: Screen): Promise<number> {
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

/** Where to count the merge's transactions during each read of a round, and the merge's size. */
export interface StepCounter {
  merge: MergeSize;
  steps: RoundWaits;
}

/** Runs `read`; with a counter, counts the merge's transactions during it as `screen`'s. */
async function counted<T>(page: Page, counter: StepCounter | undefined, screen: Screen, read: () => Promise<T>): Promise<T> {
  const before = counter && (await mergeStepsDone(page, counter.merge));
  const result = await read();
  if (counter && before !== undefined) counter.steps[screen] = (await mergeStepsDone(page, counter.merge)) - before;
  return result;
}

/** Reads each screen once. */
export async function readRound(page: Page, statuses: string[], counter?: StepCounter): Promise<RoundWaits> {
  const round = { article: 0, list: 0, saved: 0, search: 0 };
  for (const screen of SCREENS) {
    round[screen] = await counted(page, counter, screen, () => timeToShow(page, screen));
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

/**
 * Reads every screen again and again until the refresh ends (or
 * `maxRounds` rounds were read); every `reopenEvery`-th round (none if 0)
 * first reopens the app (a new page load of the list, as a reader closing
 * and opening it again), while the service worker's refresh goes on. What
 * the pages show is noted if they are watched (`watchWhatIsShown`); with the
 * merge's size, the merge's transactions during each read are counted.
 */
export async function readUntilMerged(page: Page, reopenEvery = 0, merge?: MergeSize, maxRounds = Infinity): Promise<ReadWaits> {
  const none = () => ({ article: [], list: [], saved: [], search: [] });
  const waits: ReadWaits = {
    ...none(),
    steps: none(),
    reopenedSteps: none(),
    statuses: [],
    roundsDuringMerge: 0,
    reopened: none(),
    reopenPhases: [],
    seen: { wrongStatus: [], emptyList: 0, counts: [] },
  };
  for (let n = 1; n <= maxRounds && (await refreshRunning(page)); n++) {
    const reopen = reopenEvery > 0 && n % reopenEvery === 0;
    // What the page about to be left showed.
    if (reopen) addShown(waits.seen, await takeShown(page));
    const counter = merge && { merge, steps: { article: 0, list: 0, saved: 0, search: 0 } };
    const round = reopen ? await reopenRound(page, waits.statuses, waits.reopenPhases, counter) : await readRound(page, waits.statuses, counter);
    for (const screen of SCREENS) {
      (reopen ? waits.reopened : waits)[screen].push(round[screen]);
      if (counter) (reopen ? waits.reopenedSteps : waits.steps)[screen].push(counter.steps[screen]);
    }
    if (await refreshRunning(page)) waits.roundsDuringMerge++;
    addShown(waits.seen, await takeShown(page));
  }
  return waits;
}

/** Milliseconds from reopening: the document received (served by the service worker), the page's scripts run. */
export interface ReopenPhases {
  document: number;
  scripts: number;
}

/** What a page showed that a reader must never see while articles exist, and every count of them it showed. */
export interface Shown {
  /** Status bar texts saying nothing was ever downloaded. */
  wrongStatus: string[];
  /** Times the list was found empty («Chưa có bài nào», «Đang tải tin lần đầu…»). */
  emptyList: number;
  /** Every N of «Máy đang giữ N bài» at the end of the list. */
  counts: number[];
}

/**
 * Installed in every page of the context before the app runs (addInitScript):
 * on each change of the page, notes a wrong status bar, an empty list and the
 * list's count of articles, so that even a flash between two reads is seen.
 */
export function watchWhatIsShown(): void {
  const shown: Shown = { wrongStatus: [], emptyList: 0, counts: [] };
  (window as { __shown?: Shown }).__shown = shown;
  new MutationObserver(() => {
    const status = document.querySelector('.status-bar')?.textContent ?? '';
    if (status.includes('Chưa tải tin lần nào') && shown.wrongStatus.at(-1) !== status) shown.wrongStatus.push(status);
    if (document.querySelector('section.empty')) shown.emptyList++;
    // Thousands grouped with a dot, as the app prints them: «Máy đang giữ 50.039 bài».
    const count = /Máy đang giữ ([\d.]+) bài,/.exec(document.querySelector('.list-end')?.textContent ?? '')?.[1]?.replaceAll('.', '');
    if (count !== undefined && shown.counts.at(-1) !== Number(count)) shown.counts.push(Number(count));
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

/** What the current page has noted since it was last asked (then forgotten, so each is counted once). */
export const takeShown = (page: Page): Promise<Shown> =>
  page.evaluate(() => {
    const w = window as { __shown?: Shown };
    const shown = w.__shown ?? { wrongStatus: [], emptyList: 0, counts: [] };
    w.__shown = { wrongStatus: [], emptyList: 0, counts: [] };
    return shown;
  });

function addShown(to: Shown, more: Shown): void {
  to.wrongStatus.push(...more.wrongStatus);
  to.emptyList += more.emptyList;
  for (const count of more.counts) if (to.counts.at(-1) !== count) to.counts.push(count);
}

/**
 * Reopens the app on the list (a new page load, as a reader closing and
 * opening it again, or a second tab) and times its first card from the
 * reopening, on the new page's clock; then the other screens by their links.
 * The first search of the new page starts a new search worker.
 */
export async function reopenRound(page: Page, statuses: string[], phases: ReopenPhases[], counter?: StepCounter): Promise<RoundWaits> {
  const list = await counted(page, counter, 'list', async () => {
    await page.goto(new URL('/', page.url()).href, { waitUntil: 'commit' });
    const shown = await page.waitForFunction(shownAt, ['list', '/'] as const, { timeout: 60_000, polling: 10 });
    return Math.round((await shown.jsonValue()) as number);
  });
  phases.push(
    await page.evaluate(() => {
      const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      return { document: Math.round(navigation?.responseEnd ?? 0), scripts: Math.round(navigation?.domContentLoadedEventStart ?? 0) };
    }),
  );
  statuses.push((await page.locator('.status-bar').textContent()) ?? '');
  const round = { list, article: 0, saved: 0, search: 0 };
  for (const screen of ['article', 'saved', 'search'] as const) {
    round[screen] = await counted(page, counter, screen, () => timeToShow(page, screen));
    statuses.push((await page.locator('.status-bar').textContent()) ?? '');
  }
  return round;
}
