import { collectPages } from '../feed/pages';
import { parseFeed } from '../feed/parse';
import { FeedError, type ParsedFeed } from '../feed/types';
import { knownIds, mergeArticles } from '../store/articles';
import { evictExpired } from '../store/evict';
import { isStorageFull } from '../store/storage-full';
import { getMeta, setMeta } from '../store/meta';
import type { BaoDb } from '../store/open';
import type { SyncMeta } from '../store/schema';
import type { SyncEvent, SyncOutcome } from './events';
import { SyncFailure } from './failure';
import { fetchFeed, type FetchFeedResponse, type Timers } from './fetch-feed';
import { withRetry, type RetryPolicy } from './retry';

export interface SyncTiming {
  /** The whole refresh, every page and retry included, and so also any one download. */
  timeoutMs: number;
  stallMs: number;
  maxPages: number;
  retry: RetryPolicy;
}

export const DEFAULT_TIMING: SyncTiming = {
  timeoutMs: 5 * 60_000,
  stallMs: 15_000,
  maxPages: 20,
  retry: {
    // The first try and three retries.
    attempts: 4,
    baseDelayMs: 2_000,
    maxDelayMs: 30_000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
  },
};

export interface SyncContext {
  db: BaoDb;
  feedUrl: string;
  fetch: typeof fetch;
  now: () => number;
  emit: (event: SyncEvent) => void;
  timing?: SyncTiming;
  /** navigator.onLine of whoever runs the refresh; absent: assumed online. */
  isOnline?: () => boolean;
  /** The app's origin: a feed elsewhere may be refused by CORS. */
  appOrigin?: string;
  timers?: Timers;
}

/**
 * One refresh: download the feed (and as many `next_url` pages as hold new
 * articles), validate all of it, then merge it in one transaction. Any failure
 * leaves the store exactly as it was and is recorded for the status bar.
 */
export async function runSync(context: SyncContext): Promise<SyncOutcome> {
  const { db, feedUrl, now, emit } = context;
  const timing = context.timing ?? DEFAULT_TIMING;
  const previous = await getMeta(db, 'sync');
  const sameFeed = previous?.feedUrl === feedUrl;
  const attemptAt = now();
  emit({ type: 'start' });
  const deadline = attemptAt + timing.timeoutMs;

  let page = 0;
  const download = (url: string, conditional: boolean) => {
    page++;
    const pageNumber = page;
    return withRetry(
      () => {
        // Retries and later pages share what is left of the refresh's time.
        const remaining = deadline - now();
        if (remaining <= 0) return Promise.reject(new SyncFailure('timeout', 'Refresh took too long'));
        return fetchFeed({
          url,
          etag: conditional ? previous?.etag : undefined,
          lastModified: conditional ? previous?.lastModified : undefined,
          fetch: context.fetch,
          timeoutMs: remaining,
          stallMs: timing.stallMs,
          timers: context.timers,
          isOnline: context.isOnline,
          appOrigin: context.appOrigin,
          onProgress: (received, total) => emit({ type: 'progress', page: pageNumber, received, total }),
        });
      },
      timing.retry,
      (error) => error instanceof SyncFailure && error.transient && now() < deadline,
      (attempt, delayMs) => emit({ type: 'retry', retry: attempt, retries: timing.retry.attempts - 1, delayMs }),
    );
  };

  let outcome: SyncOutcome;
  try {
    const first = await download(feedUrl, sameFeed);
    if (first.status === 'not-modified') {
      await recordSuccess(db, { ...previous, feedUrl }, attemptAt);
      outcome = { status: 'not-modified' };
    } else {
      const firstPage = parse(first, feedUrl, attemptAt);
      const known = await knownIds(db);
      const collected = await collectPages(
        feedUrl,
        async (url) => (url === feedUrl ? firstPage : parse(await download(url, false), url, attemptAt)),
        { maxPages: timing.maxPages, isKnown: (id) => known.has(id) },
      );
      // On a full disk the merge makes room only together with the write that needs it.
      const { added, updated } = await mergeArticles(db, collected.items, attemptAt);
      await recordSuccess(db, { feedUrl, etag: first.etag, lastModified: first.lastModified }, attemptAt);
      outcome = { status: 'updated', added, updated, dropped: collected.dropped };
    }
    // Housekeeping, not part of the refresh: its failure must not turn a good refresh into a failed one.
    await evictExpired(db, attemptAt).catch(() => undefined);
  } catch (error) {
    const failure = toFailure(error);
    // Recording it may fail too (a full disk): the reader must still hear how it ended.
    await setMeta(db, 'sync', {
      ...(sameFeed ? previous : { feedUrl }),
      feedUrl,
      lastAttempt: attemptAt,
      lastError: { kind: failure.kind, at: attemptAt },
    }).catch(() => undefined);
    outcome = { status: 'failed', kind: failure.kind, at: attemptAt };
  }
  emit({ type: 'done', outcome });
  return outcome;
}

function parse(response: FetchFeedResponse, url: string, now: number): ParsedFeed {
  // A next page answering 304 to a request without validators is a broken server.
  if (response.status !== 'ok') throw new SyncFailure('invalid-feed', 'Unexpected 304 for a feed page');
  return parseFeed(response.text, url, { now });
}

async function recordSuccess(db: BaoDb, meta: SyncMeta, at: number): Promise<void> {
  await setMeta(db, 'sync', { ...meta, lastAttempt: at, lastSuccess: at, lastError: undefined });
}

function toFailure(error: unknown): SyncFailure {
  if (error instanceof SyncFailure) return error;
  if (error instanceof FeedError) {
    // A login or error page where the feed should be: the network, not the feed, is the problem.
    const kind = error.kind === 'html' ? 'captive-portal' : 'invalid-feed';
    return new SyncFailure(kind, error.message, { feedError: error.kind });
  }
  if (isStorageFull(error)) return new SyncFailure('quota', 'Storage is full');
  return new SyncFailure('aborted', error instanceof Error ? error.message : String(error));
}
