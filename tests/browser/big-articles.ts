import type { ElementHandle, Page } from 'playwright-core';
import type { TestServer } from './harness';
import { waitForArticles, waitForServiceWorker } from './harness';
import { traceMainThread } from './main-thread-trace';
import { putMeta, refreshAndWaitFor } from './network-helpers';

export const BIG_ARTICLES = 300;
const PER_PAGE = 15;
const TOPICS = ['Nông nghiệp', 'Giáo dục', 'Y tế'];

/** About 1 MB of HTML, no summary: what a card or «Các tin khác» must not convert on the page. */
function body(n: number): string {
  const paragraph = `<p>Bài ${n}: bà con bản Mường Lạn góp công làm đường liên thôn trước mùa mưa, <b>cán bộ</b> biên phòng cùng làm.</p>\n`;
  return paragraph.repeat(Math.ceil(1_000_000 / paragraph.length));
}

/** The 300 articles over 20 linked feed pages (one page may hold at most 40 MB). */
function feedPages(origin: string): Map<string, string> {
  const pages = new Map<string, string>();
  for (let page = 0; page * PER_PAGE < BIG_ARTICLES; page++) {
    const items = Array.from({ length: PER_PAGE }, (_, i) => {
      const n = page * PER_PAGE + i;
      return {
        id: `to-${n}`,
        title: `Bài dài số ${n}`,
        content_html: body(n),
        date_published: new Date(Date.UTC(2024, 0, 1) - n * 3_600_000).toISOString(),
        tags: [TOPICS[n % TOPICS.length]],
      };
    });
    const next = (page + 1) * PER_PAGE < BIG_ARTICLES ? { next_url: `${origin}/big/${page + 1}.json` } : {};
    const path = page === 0 ? '/sample/feed.json' : `/big/${page}.json`;
    pages.set(path, JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo dài', items, ...next }));
  }
  return pages;
}

/** One old, short article: the edition the app first settles on. */
function tinyEdition(): string {
  const item = { id: 'xua', title: 'Tin cũ', content_text: 'Tin cũ.', date_published: '2000-01-01T00:00:00Z' };
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo dài', items: [item] });
}

/**
 * Stores the 300 articles of 1 MB through the app's own refresh. A refresh
 * spends a few MB at most on older pages; this wants all 300 MB in one go, so
 * the app first settles on a one-article edition, then gets a budget override
 * before the big one.
 */
export async function storeBigArticles(page: Page, server: TestServer): Promise<void> {
  await server.route('/sample/feed.json', { body: tinyEdition() });
  await page.goto(server.url);
  await waitForServiceWorker(page);
  await waitForArticles(page, 1);
  await page.waitForFunction(() => document.querySelector('.status-bar')?.textContent?.includes('Cập nhật lúc'));
  // Bytes and time: 300 MB may take longer than a refresh's usual minute on a loaded machine.
  await putMeta(page, 'syncTiming', { budgetBytes: 1_000_000_000, budgetMs: 240_000 });
  for (const [path, text] of feedPages(server.url)) await server.route(path, { body: text });
  await refreshAndWaitFor(page, 'Cập nhật lúc', { timeout: 240_000 });
}

/** The longest main-thread task of a stretch, in the page's own (thread) time and on the clock. */
export interface Longest {
  /** Milliseconds the main thread worked in it: what the page's code costs, whatever else the machine runs. */
  cpu: number;
  /** Milliseconds from its start to its end: the same plus any time the machine gave to other processes. */
  wall: number;
}

export interface LongestTasks {
  /** Paging the list: four taps on «Xem thêm tin cũ hơn». */
  list: Longest;
  /** Opening an article from its card, until its whole body and «Các tin khác» are shown. */
  article: Longest;
  /** Following its first «Các tin khác» link, likewise. */
  related: Longest;
}

/**
 * Runs `action` under Chromium's tracing and returns its longest task on the
 * page's main thread, in the thread's own time and on the clock (see
 * main-thread-trace.ts): at a load of 12–18, 20 ms of work has spanned
 * 200–600 ms, so both are reported.
 */
export async function longestDuring(page: Page, action: () => Promise<void>): Promise<Longest> {
  const { tasks } = await traceMainThread(page, action);
  // Most work first; the clock's longest may be another task.
  return { cpu: tasks[0]?.cpu ?? 0, wall: tasks.reduce((longest, t) => Math.max(longest, t.wall), 0) };
}

/** What the page shows, for a failure's message. */
const shown = (page: Page) =>
  page.evaluate(() => ({
    path: location.pathname,
    h1: document.querySelector('h1')?.textContent,
    busy: document.querySelector('.article-body')?.getAttribute('aria-busy') ?? null,
    related: document.querySelectorAll('.related li').length,
  }));

/**
 * Brings the first `link` on screen as a reader's scrolling does and waits
 * until it stays put for three frames: the body's parts near the screen are
 * laid out only once there (content-visibility), which moved a link at the
 * body's end by 16 px two frames after the jump, so a tap at once could miss it.
 */
async function reach(page: Page, link: string): Promise<ElementHandle> {
  const handle = await page.locator(link).first().elementHandle();
  if (!handle) throw new Error(`no ${link}`);
  await handle.evaluate(
    (element) =>
      new Promise<void>((resolve) => {
        const box = element.getBoundingClientRect();
        if (box.top < 0 || box.bottom > innerHeight) element.scrollIntoView({ block: 'center' });
        let last = NaN;
        let still = 0;
        const watch = () => {
          const top = element.getBoundingClientRect().top;
          still = top === last ? still + 1 : 0;
          last = top;
          if (still >= 3) resolve();
          else requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
      }),
  );
  return handle;
}

/** Taps a link as a reader does, then waits for the article, whole, with its «Các tin khác». */
async function openArticleBy(page: Page, handle: ElementHandle, link: string): Promise<void> {
  // One element for both the title expected and the tap, so a list drawn again between the two cannot pair them wrongly.
  const title = await handle.textContent();
  await handle.click();
  // Polled, not on every frame: the test's own checks must not take the frames the body is laid out in.
  await page
    .waitForFunction(
      (title) =>
        document.querySelector('h1.article-title')?.textContent === title &&
        document.querySelector('.article-body:not([aria-busy])') !== null &&
        document.querySelectorAll('.related li').length > 0,
      title,
      { timeout: 60_000, polling: 100 },
    )
    .catch(async (error: unknown) => {
      throw new Error(`«${title}» from ${link} not shown whole: ${JSON.stringify(await shown(page))}`, { cause: error });
    });
}

/** One pass over the list, an article and a related one, from a fresh load of the list. */
export async function longestTasks(page: Page, url: string): Promise<LongestTasks> {
  await page.goto(url);
  await waitForArticles(page, 30);
  // Opening the app is not what is measured: its work (and a check for news) is let finish first.
  await page.waitForFunction(() => document.querySelector('.status-bar')?.textContent?.includes('Cập nhật lúc'), undefined, { timeout: 60_000 });
  const more = page.getByRole('button', { name: 'Xem thêm tin cũ hơn' });
  // Playwright's own script enters a fresh page at its first use of a locator (30–45 ms of one task in
  // Chromium 156): that first use is made here, outside what is measured.
  await more.waitFor();
  const list = await longestDuring(page, async () => {
    for (let shown = 60; shown <= 150; shown += 30) {
      await more.click();
      await waitForArticles(page, shown);
    }
  });
  await page.evaluate(() => window.scrollTo(0, 0));
  // Scrolling to a link is not what is measured either: the tap and what it opens are.
  const card = await reach(page, '.article-list .card-title');
  const article = await longestDuring(page, () => openArticleBy(page, card, '.article-list .card-title'));
  const relatedLink = await reach(page, '.related a');
  const related = await longestDuring(page, () => openArticleBy(page, relatedLink, '.related a'));
  return { list, article, related };
}
