import { defaultFeedUrl } from '../config';
import { getMeta } from '../store/meta';
import type { BaoDb } from '../store/open';
import { SYNC_CHANNEL, type SyncEvent, type SyncOutcome } from './events';
import { ifNotSyncing } from './lock';
import { runSync } from './run-sync';

/**
 * The refresh both the service worker and (before a worker controls it) the
 * page run: the reader's chosen feed, one refresh at a time, reported on the
 * broadcast channel every open page listens to.
 */
export async function refreshFeed(db: BaoDb): Promise<SyncOutcome> {
  const channel = new BroadcastChannel(SYNC_CHANNEL);
  const emit = (event: SyncEvent) => channel.postMessage(event);
  try {
    const result = await ifNotSyncing(async () =>
      runSync({
        db,
        feedUrl: (await getMeta(db, 'feedUrl')) ?? defaultFeedUrl(),
        fetch: (input, init) => fetch(input, init),
        now: Date.now,
        emit,
      }),
    );
    return result === 'busy' ? { status: 'busy' } : result;
  } finally {
    channel.close();
  }
}
