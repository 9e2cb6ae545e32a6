import { beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { listedTitles, waitForArticles, waitForServiceWorker } from './harness';
import { FEED_PATH, refreshAndWaitFor, shortenSyncTiming } from './network-helpers';

const PAGES = 5;
const PER_PAGE = 5;
const pagePath = (n: number) => (n === 1 ? FEED_PATH : `/sample/luu-tru-${n}.json`);

/** Page `n` of a long feed, newest first: 5 articles a day apart, each about 1 KB. */
function page(n: number): string {
  const items = Array.from({ length: PER_PAGE }, (_, i) => {
    const k = (n - 1) * PER_PAGE + i;
    return {
      id: `luu-tru-${k}`,
      title: `Bài lưu trữ số ${k}`,
      content_text: `Bài số ${k} kể chuyện bản làng ngày trước. `.repeat(25),
      date_published: new Date(Date.UTC(2024, 5, 30) - k * 86_400_000).toISOString(),
    };
  });
  const next = n < PAGES ? { next_url: pagePath(n + 1).replace('/sample/', '') } : {};
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo lưu trữ', ...next, items });
}

describe('a feed longer than one refresh may download', () => {
  const app = appUnderTest({ hideInstallOffer: true });
  const archiveText = () => app.browser.page.locator('.archive-more p').textContent();

  beforeAll(async () => {
    const { page: tab } = app.browser;
    // The first refresh is refused (and not retried), so the budget can be set before any page is read.
    await app.server.route(FEED_PATH, { status: 403, body: 'Forbidden', headers: { 'content-type': 'text/plain' } });
    await tab.goto(app.server.url);
    await waitForServiceWorker(tab);
    await tab.waitForFunction(() => document.querySelector('.status-error')?.textContent?.includes('Nguồn tin không cho phép'));
    // About two pages' worth beyond the first: the refresh's own bound, as on a metered line.
    await shortenSyncTiming(tab, { budgetBytes: Math.round(page(2).length * 1.5) });
    for (let n = 1; n <= PAGES; n++) await app.server.route(pagePath(n), { body: page(n), etag: `"trang-${n}"` });
  });

  it('follows it to its end over several refreshes, says how far it has got, and reads no page twice', async () => {
    const { page: tab } = app.browser;
    await refreshAndWaitFor(tab, 'Cập nhật lúc');
    await waitForArticles(tab, 2 * PER_PAGE);
    expect(await listedTitles(tab)).toHaveLength(2 * PER_PAGE);
    expect(await archiveText()).toBe('Nguồn tin còn bài cũ hơn, chưa tải về máy.');
    expect(await tab.locator('.list-end').textContent()).toContain(`Máy đang giữ ${2 * PER_PAGE} bài`);

    // The reader asks for older articles: each press goes on from where the last refresh stopped.
    const loadOlder = () => tab.getByRole('button', { name: 'Tải thêm bài cũ' }).click();
    await refreshAndWaitFor(tab, 'Cập nhật lúc', { trigger: loadOlder });
    await waitForArticles(tab, 4 * PER_PAGE);
    await refreshAndWaitFor(tab, 'Cập nhật lúc', { trigger: loadOlder });
    await waitForArticles(tab, PAGES * PER_PAGE);

    await tab.waitForFunction(() => document.querySelector('.archive-more p')?.textContent === 'Đã tải hết các bài nguồn tin còn giữ.');
    expect(await tab.getByRole('button', { name: 'Tải thêm bài cũ' }).count()).toBe(0);
    expect((await listedTitles(tab)).at(-1)).toBe(`Bài lưu trữ số ${PAGES * PER_PAGE - 1}`);

    const stats = await app.server.stats();
    // The first page: refused once, read once, then only asked whether it changed.
    expect(stats[FEED_PATH]!.statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(stats[FEED_PATH]!.statuses.slice(2).every((s) => s === 304)).toBe(true);
    // Every older page read exactly once.
    for (let n = 2; n <= PAGES; n++) expect(stats[pagePath(n)]?.statuses, pagePath(n)).toEqual([200]);
  });
});
