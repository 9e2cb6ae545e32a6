// @vitest-environment happy-dom
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { feed, item } from '../../fixtures/feeds';
import { freshPage } from '../helpers/page';
import { stubRefreshWorker } from '../helpers/refresh-worker';

/** A page with no service worker yet (the first visit, or development): it runs refreshes itself, in a worker of its own. */
async function pageWithoutWorker(worker: { loads?: boolean } = {}) {
  const page = await freshPage('/');
  const workers = stubRefreshWorker(worker);
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    asked.push(String(input));
    return new Response(feed([item('dau', { title: 'Bài đầu tiên' })]), { headers: { 'content-type': 'application/feed+json' } });
  });
  const [bridge, status, { listArticlesPage }] = await Promise.all([
    import('../../../src/app/bridges/sync-bridge'),
    import('../../../src/app/state/sync-status'),
    import('../../../src/app/actions/articles'),
  ]);
  await status.watchSync();
  const titles = async () => (await listArticlesPage(10)).map((a) => a.title);
  return { ...page, ...bridge, ...status, asked, titles, workers };
}

function offline(): void {
  Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
  onTestFinished(() => void Reflect.deleteProperty(navigator, 'onLine'));
}

describe('the refresh bridge (bridges/sync-bridge)', () => {
  it('says «downloading» at once, runs the refresh in its worker, stores the articles, then ends the worker', async () => {
    const page = await pageWithoutWorker();
    const asked = page.requestRefresh();
    expect(page.syncing.value).toBe(true);
    await asked;
    await expect(page.titles()).resolves.toEqual(['Bài đầu tiên']);
    await vi.waitFor(() => expect(page.syncing.value).toBe(false));
    expect(page.lastOutcome.value).toMatchObject({ status: 'updated', added: 1 });
    expect(page.workers).toEqual([expect.objectContaining({ terminated: true })]);
  });

  it('shows nothing running when the worker\'s code does not load', async () => {
    const page = await pageWithoutWorker({ loads: false });
    await page.requestRefresh();
    expect(page.syncing.value).toBe(false);
    expect(page.asked).toEqual([]);
  });

  it('on opening, refreshes only if the last refresh is more than ten minutes old', async () => {
    const page = await pageWithoutWorker();
    const now = Date.now();
    page.lastSuccess.value = now - 5 * 60_000;
    await page.refreshIfStale(now);
    expect(page.asked).toEqual([]);
    page.lastSuccess.value = now - 11 * 60_000;
    await page.refreshIfStale(now);
    expect(page.asked).toHaveLength(1);
  });

  // The phone's clock was a year ahead at the last refresh, then put right: «now» is before it.
  it('on opening, refreshes if the last refresh is dated ahead of the phone\'s clock', async () => {
    const page = await pageWithoutWorker();
    const now = Date.now();
    page.lastSuccess.value = now + 365 * 86_400_000;
    await page.refreshIfStale(now);
    expect(page.asked).toHaveLength(1);
  });

  // Before, opening the app (or coming back to it, or the network returning) asked again a server that had said
  // «in an hour» (503, Retry-After: 3600) minutes earlier.
  it('on opening and when the network returns, leaves a server that asked for an hour alone until then', async () => {
    const page = await pageWithoutWorker();
    const now = Date.now();
    page.lastSuccess.value = now - 2 * 3_600_000;
    page.lastError.value = { kind: 'http', at: now - 5 * 60_000, retryAfterMs: 3_600_000 };
    await page.refreshIfStale(now);
    await page.refreshBackOnline(now);
    expect(page.asked).toEqual([]);
    expect(page.syncing.value).toBe(false);
    await page.refreshIfStale(now + 56 * 60_000);
    expect(page.asked).toHaveLength(1);
  });

  it('when the network returns, refreshes even fresh articles', async () => {
    const page = await pageWithoutWorker();
    page.lastSuccess.value = Date.now();
    await page.refreshBackOnline(Date.now());
    expect(page.asked).toHaveLength(1);
  });

  it('does not try while the phone is offline', async () => {
    const page = await pageWithoutWorker();
    offline();
    await page.refreshIfStale(Date.now());
    expect(page.asked).toEqual([]);
    expect(page.syncing.value).toBe(false);
  });
});
