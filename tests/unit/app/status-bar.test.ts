// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { effect } from '@preact/signals';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { db } from '../../../src/app/actions/db';
import { StatusBar } from '../../../src/app/components/status-bar';
import { KEPT_ARTICLES_NOTE, SYNC_ERROR_MESSAGES } from '../../../src/app/format/sync-messages';
import { lastError, lastSuccess, online, progress, retrying, statusLoaded, syncing, unfinishedAt, watchSync } from '../../../src/app/state/sync-status';
import { setMeta } from '../../../src/shared/store/meta';
import { SYNC_CHANNEL, type SyncEvent } from '../../../src/shared/sync/events';

function shown(): string {
  const root = document.createElement('div');
  render(h(StatusBar, null), root);
  return root.querySelector('.status-message')?.textContent ?? '';
}

afterEach(() => {
  syncing.value = false;
  progress.value = undefined;
  retrying.value = undefined;
  lastError.value = undefined;
  lastSuccess.value = undefined;
  unfinishedAt.value = undefined;
  online.value = true;
});

/** The phone as a full disk leaves it: articles from a first download, and no record of how it ended. */
async function articlesWithoutRecord(fetchedAt: number): Promise<void> {
  const database = await db();
  await database.clear('articles');
  await database.put('articles', { id: 'c', title: 'Tin', published: 1, fetchedAt } as never);
  await setMeta(database, 'sync', { feedUrl: '/sample/feed.json' });
}

describe('the status bar', () => {
  it('names every failure in Vietnamese and says the articles are still there', () => {
    online.value = false;
    for (const [kind, message] of Object.entries(SYNC_ERROR_MESSAGES)) {
      lastError.value = { kind: kind as keyof typeof SYNC_ERROR_MESSAGES, at: 2 };
      lastSuccess.value = 1;
      expect(shown()).toBe(`${message}. ${KEPT_ARTICLES_NOTE}`);
    }
  });

  // Before, a screen reader heard «Đang tải tin…» in the middle of an article when a background refresh started,
  // and nothing when it ended.
  it('while an article is read, tells a screen reader only of a failure, not that a refresh runs', () => {
    const root = document.createElement('div');
    const said = () => root.querySelector('[aria-live]')?.textContent ?? '';
    lastSuccess.value = 1;
    syncing.value = true;
    progress.value = { page: 1, received: 512, total: 2048 };
    act(() => render(h(StatusBar, { onList: false }), root));
    expect(root.querySelector('progress')).not.toBeNull();
    expect(said()).toBe('');
    act(() => {
      syncing.value = false;
      progress.value = undefined;
    });
    expect(said()).toBe('');
    act(() => {
      lastError.value = { kind: 'http', at: 2 };
    });
    expect(said()).toBe(`${SYNC_ERROR_MESSAGES.http}. ${KEPT_ARTICLES_NOTE}`);
  });

  it('shows progress, the page being fetched and retries', () => {
    syncing.value = true;
    progress.value = { page: 1, received: 512, total: 2048 };
    expect(shown()).toBe('Đang tải tin… 25%');
    progress.value = { page: 2, received: 3 * 1024 };
    expect(shown()).toBe('Đang tải tin (trang 2)… 3,0 KB');
    // The first retry is number 1, not 2.
    retrying.value = { retry: 1, retries: 3 };
    expect(shown()).toBe('Đang thử lại (1/3)…');
  });

  it('never says «no network» beside «Có mạng»: an offline failure stops showing once the phone is online', () => {
    lastSuccess.value = 1;
    lastError.value = { kind: 'offline', at: 2 };
    online.value = false;
    expect(shown()).toBe(`${SYNC_ERROR_MESSAGES.offline}. ${KEPT_ARTICLES_NOTE}`);
    online.value = true;
    expect(shown()).toMatch(/^Cập nhật lúc/);
    // A source that cannot be reached is still news while the phone is online.
    lastError.value = { kind: 'unreachable', at: 2 };
    expect(shown()).toBe(`${SYNC_ERROR_MESSAGES.unreachable}. ${KEPT_ARTICLES_NOTE}`);
  });

  it('says when it was last up to date, and that nothing was ever fetched, only once it knows', () => {
    // On opening, until the recorded status is read (it may wait behind a refresh's write): nothing, not «never».
    statusLoaded.value = false;
    expect(shown()).toBe('');
    statusLoaded.value = true;
    expect(shown()).toBe('Chưa tải tin lần nào.');
    lastSuccess.value = Date.now();
    expect(shown()).toMatch(/^Cập nhật lúc \d{1,2}:\d{2}/);
  });

  it('goes from «Đang tải» straight to «Cập nhật lúc» when the first download ends, never «Chưa tải tin lần nào» between', async () => {
    await watchSync();
    const channel = new BroadcastChannel(SYNC_CHANNEL);
    channel.postMessage({ type: 'start' } satisfies SyncEvent);
    await vi.waitFor(() => expect(syncing.value).toBe(true));
    // Every text the bar shows from here on, at the moment each signal changes.
    const seen: string[] = [];
    const stop = effect(() => {
      void [syncing.value, lastSuccess.value, lastError.value, statusLoaded.value];
      seen.push(shown());
    });
    // The refresh records its success, then says it is done (run-sync.ts does both in this order).
    await setMeta(await db(), 'sync', { feedUrl: '/sample/feed.json', lastSuccess: Date.now(), lastAttempt: Date.now() });
    channel.postMessage({ type: 'done', outcome: { status: 'updated', added: 39, updated: 0, dropped: 0 } } satisfies SyncEvent);
    await vi.waitFor(() => expect(shown()).toMatch(/^Cập nhật lúc .* · 39 bài mới$/));
    stop();
    channel.close();
    expect(seen.filter((text) => !text.startsWith('Đang tải'))).not.toContain('Chưa tải tin lần nào.');
  });

  // Before, a first visit whose download broke said «Các bài đã tải vẫn đọc được» above «Chưa có bài nào».
  it('says the downloaded articles can still be read only when the phone holds some', async () => {
    await watchSync();
    const channel = new BroadcastChannel(SYNC_CHANNEL);
    // A first download that failed: nothing stored.
    await setMeta(await db(), 'sync', { feedUrl: '/sample/feed.json', lastAttempt: 2, lastError: { kind: 'interrupted', at: 2 } });
    channel.postMessage({ type: 'done', outcome: { status: 'failed', kind: 'interrupted', at: 2 } } satisfies SyncEvent);
    await vi.waitFor(() => expect(shown()).toBe(`${SYNC_ERROR_MESSAGES.interrupted}.`));
    // Once articles are stored, a failure says they are still there.
    await (await db()).put('articles', { id: 'a', title: 'Tin', published: 1, fetchedAt: 1 } as never);
    channel.postMessage({ type: 'done', outcome: { status: 'failed', kind: 'interrupted', at: 3 } } satisfies SyncEvent);
    await vi.waitFor(() => expect(shown()).toBe(`${SYNC_ERROR_MESSAGES.interrupted}. ${KEPT_ARTICLES_NOTE}`));
    channel.close();
  });

  // Seen with a 2 MB quota: the first download stored 40 articles, the disk was then full, the failure could not be
  // written either, and the bar read what was recorded: nothing, so «Chưa tải tin lần nào».
  it('says the disk is full when the refresh could not even record that it failed', async () => {
    await watchSync();
    const channel = new BroadcastChannel(SYNC_CHANNEL);
    await (await db()).put('articles', { id: 'b', title: 'Tin', published: 1, fetchedAt: 1 } as never);
    await setMeta(await db(), 'sync', { feedUrl: '/sample/feed.json' });
    channel.postMessage({ type: 'done', outcome: { status: 'failed', kind: 'quota', at: 10 } } satisfies SyncEvent);
    await vi.waitFor(() => expect(shown()).toBe(`${SYNC_ERROR_MESSAGES.quota}. ${KEPT_ARTICLES_NOTE}`));
    channel.close();
  });

  // Seen with a 2 MB quota, in a page opened after the first download had filled the disk (its failure unrecorded):
  // «Chưa tải tin lần nào» above the 40 articles it had stored.
  it('never says nothing was downloaded above downloaded articles: it says the download did not finish', async () => {
    await articlesWithoutRecord(Date.now() - 60_000);
    await watchSync();
    expect(shown()).not.toBe('Chưa tải tin lần nào.');
    expect(shown()).toMatch(new RegExp(`^Lần tải tin lúc \\d{1,2}:\\d{2}( hôm nay| hôm qua|, .+) chưa xong\\. ${KEPT_ARTICLES_NOTE}$`));
  });

  it('says the disk is full when the browser says so and the download did not finish', async () => {
    await articlesWithoutRecord(Date.now() - 60_000);
    Object.defineProperty(navigator, 'storage', {
      value: { estimate: async () => ({ usage: 2_090_000, quota: 2_097_152 }) },
      configurable: true,
    });
    onTestFinished(() => void Reflect.deleteProperty(navigator, 'storage'));
    await watchSync();
    expect(shown()).toBe(`${SYNC_ERROR_MESSAGES.quota}. ${KEPT_ARTICLES_NOTE}`);
  });

  // Before, the bar said only that the server had trouble, and opening the app asked it again at once.
  it('says after what time it will try again when the server asked to be left alone (Retry-After)', () => {
    const at = Date.now() - 5 * 60_000;
    lastSuccess.value = at - 3_600_000;
    lastError.value = { kind: 'busy', at, retryAfterMs: 3_600_000 };
    expect(shown()).toMatch(new RegExp(`^${SYNC_ERROR_MESSAGES.busy}\\. Sẽ thử lại sau \\d{1,2}:\\d{2}.*\\. ${KEPT_ARTICLES_NOTE}$`));
    // Once that time is past, it no longer holds anything back and is not said.
    lastError.value = { kind: 'busy', at: at - 3_600_000, retryAfterMs: 3_600_000 };
    lastSuccess.value = at - 7_200_000;
    expect(shown()).toBe(`${SYNC_ERROR_MESSAGES.busy}. ${KEPT_ARTICLES_NOTE}`);
  });

  it('stops spinning if the refresh goes silent (its worker was stopped)', async () => {
    await watchSync();
    vi.useFakeTimers();
    try {
      const channel = new BroadcastChannel(SYNC_CHANNEL);
      channel.postMessage({ type: 'start' } satisfies SyncEvent);
      await vi.waitFor(() => expect(syncing.value).toBe(true));
      await act(() => {
        vi.advanceTimersByTime(91_000);
      });
      expect(syncing.value).toBe(false);
      expect(lastError.value?.kind).toBe('timeout');
      expect(shown()).toContain('Máy chủ không phản hồi');
      channel.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
