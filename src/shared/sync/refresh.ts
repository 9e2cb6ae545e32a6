import { defaultFeedUrl } from '../config';
import { getMeta } from '../store/meta';
import type { BaoDb } from '../store/open';
import { SYNC_CHANNEL, type SyncEvent, type SyncOutcome } from './events';
import type { ConnectionHints } from './budget';
import { ifNotSyncing } from './lock';
import { cachedPartials } from './partial-store';
import type { SyncTimingOverride } from '../store/schema';
import { DEFAULT_TIMING, runSync, type SyncTiming } from './run-sync';

/** The defaults, with any shorter values stored under `syncTiming` (browser tests set them). */
export function timingWith(override: SyncTimingOverride = {}): SyncTiming {
  return {
    ...DEFAULT_TIMING,
    timeoutMs: override.timeoutMs ?? DEFAULT_TIMING.timeoutMs,
    stallMs: override.stallMs ?? DEFAULT_TIMING.stallMs,
    maxBytes: override.maxBytes ?? DEFAULT_TIMING.maxBytes,
    budgetBytes: override.budgetBytes,
    budgetMs: override.budgetMs,
    retry: {
      ...DEFAULT_TIMING.retry,
      attempts: override.attempts ?? DEFAULT_TIMING.retry.attempts,
      baseDelayMs: override.baseDelayMs ?? DEFAULT_TIMING.retry.baseDelayMs,
    },
  };
}

/**
 * The refresh both the service worker and (before a worker controls it) the
 * page run: the reader's chosen feed, one refresh at a time, reported on the
 * broadcast channel every open page listens to.
 */
export async function refreshFeed(db: BaoDb, options: { wantArchive?: boolean } = {}): Promise<SyncOutcome> {
  const channel = new BroadcastChannel(SYNC_CHANNEL);
  const emit = (event: SyncEvent) => channel.postMessage(event);
  try {
    const result = await ifNotSyncing(async () =>
      runSync({
        db,
        feedUrl: (await getMeta(db, 'feedUrl')) ?? defaultFeedUrl(),
        fetch: (input, init) => fetch(input, init),
        isOnline: () => navigator.onLine,
        appOrigin: location.origin,
        connection: (navigator as { connection?: ConnectionHints }).connection,
        wantArchive: options.wantArchive,
        partials: typeof caches === 'undefined' ? undefined : cachedPartials(caches),
        now: Date.now,
        emit,
        timing: timingWith(await getMeta(db, 'syncTiming')),
      }),
    );
    return result === 'busy' ? { status: 'busy' } : result;
  } finally {
    channel.close();
  }
}
