import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { MetaKey, MetaValues, SyncTimingOverride } from '../../src/shared/store/schema';
import { waitForArticles, waitForServiceWorker } from './harness';

export const FEED_PATH = '/sample/feed.json';

/** Opens the app and waits until its first refresh (both sample pages) is over. */
export async function openSettled(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForServiceWorker(page);
  await waitForArticles(page, 20);
  await page.waitForFunction(() => document.querySelector('.status-bar .status-text')?.textContent?.includes('Cập nhật lúc'));
}

/** The bundled first page with `extra` articles on top, as the next edition of the feed. */
export function nextEdition(...titles: string[]): string {
  const sample = JSON.parse(readFileSync('public/sample/feed.json', 'utf8')) as { items: unknown[] };
  const fresh = titles.map((title, i) => ({
    id: `tin-moi-${i}-${title.length}`,
    title,
    content_html: `<p>${title}: nội dung.</p>`,
    date_published: new Date(Date.UTC(2030, 0, 1 + i)).toISOString(),
  }));
  return JSON.stringify({ ...sample, items: [...fresh, ...sample.items] });
}

/**
 * Shortens the refresh's time-outs and retries through the store's override,
 * so a stall is called after seconds, not the real quarter of a minute.
 */
export async function shortenSyncTiming(page: Page, timing: SyncTimingOverride): Promise<void> {
  await putMeta(page, 'syncTiming', timing);
}

/** Writes one value of the app's `meta` store, as settings or a test override would. */
export async function putMeta<K extends MetaKey>(page: Page, key: K, value: MetaValues[K]): Promise<void> {
  await page.evaluate(
    ({ key, value }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('bao-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          tx.objectStore('meta').put(value, key);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { key, value },
  );
}

/** Starts keeping every text the status bar shows, to check what passed by (retries, flashes). */
export async function recordStatusTexts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as { __statusTexts?: string[] };
    w.__statusTexts = [];
    const bar = document.querySelector('.status-bar')!;
    const note = () => w.__statusTexts!.push(bar.querySelector('.status-text')?.textContent ?? '');
    new MutationObserver(note).observe(bar, { subtree: true, childList: true, characterData: true });
  });
}

export const statusTextsSeen = (page: Page) => page.evaluate(() => (window as { __statusTexts?: string[] }).__statusTexts ?? []);

export const statusText = (page: Page) => page.locator('.status-bar .status-text').textContent();

/** Counts finished refreshes, whoever ran them, from the channel the app itself listens to. */
async function finishedRefreshes(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as { __syncDone?: number };
    if (w.__syncDone === undefined) {
      w.__syncDone = 0;
      new BroadcastChannel('bao-sync').addEventListener('message', (event: MessageEvent<{ type: string }>) => {
        if (event.data.type === 'done') w.__syncDone!++;
      });
    }
    return w.__syncDone;
  });
}

/**
 * Waits until no refresh has held the sync lock for a moment: Background Sync
 * starts its own retry just after a failed refresh, and a click then would
 * only find it busy.
 */
export async function quiet(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const error = document.querySelector('.status-error')?.textContent ?? '';
    // Only a failure Background Sync retries (not a broken feed) is followed by its own refresh.
    const settleMs = error && !error.includes('Dữ liệu tin bị lỗi') ? 400 : 0;
    let quietSince = performance.now();
    for (;;) {
      const { held = [], pending = [] } = await navigator.locks.query();
      const busy = [...held, ...pending].some((lock) => lock.name === 'bao-feed-sync');
      if (busy) quietSince = performance.now();
      else if (performance.now() - quietSince >= settleMs) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
}

/**
 * Clicks «Làm mới» (or does `trigger`) once no other refresh runs, waits for a refresh to finish, then until the status bar
 * shows `expected` and no longer says it is loading.
 */
export async function refreshAndWaitFor(
  page: Page,
  expected: string,
  {
    timeout = 20_000,
    meanwhile,
    trigger = () => page.locator('.status-bar button').click(),
  }: { timeout?: number; meanwhile?: () => Promise<void>; trigger?: () => Promise<void> } = {},
): Promise<string> {
  await quiet(page);
  const before = await finishedRefreshes(page);
  await trigger();
  await meanwhile?.();
  await page.waitForFunction((n) => ((window as { __syncDone?: number }).__syncDone ?? 0) > n, before, { timeout });
  // The text is taken when it matches: Background Sync may start another refresh right after.
  const matched = await page.waitForFunction(
    (text) => {
      const bar = document.querySelector('.status-bar');
      const shown = bar?.querySelector('.status-text')?.textContent ?? '';
      return shown.includes(text) && bar?.querySelector('button')?.textContent === 'Làm mới' && shown;
    },
    expected,
    { timeout },
  );
  return (await matched.jsonValue()) as string;
}
