/// <reference lib="webworker" />
import { getMeta } from '../shared/store/meta';
import {
  failIfWorthRetrying,
  PERIODIC_TAG,
  RETRY_TAG,
  retryVerdict,
  scheduleRetry,
  type SyncManagerLike,
} from '../shared/sync/background';
import type { PageToWorkerMessage } from '../shared/sync/events';
import { refreshFeed } from '../shared/sync/refresh';
import { automaticRefreshHeldUntil } from '../shared/sync/freshness';
import { db } from './db';

declare const self: ServiceWorkerGlobalScope;

interface SyncEventLike extends ExtendableEvent {
  tag: string;
}

async function refresh(wantArchive = false): Promise<void> {
  const outcome = await refreshFeed(await db(), { wantArchive });
  await scheduleRetry(outcome, (self.registration as ServiceWorkerRegistration & { sync?: SyncManagerLike }).sync);
}

async function retry(): Promise<void> {
  const database = await db();
  const verdict = retryVerdict(await getMeta(database, 'sync'), Date.now());
  if (verdict === 'leave') return;
  if (verdict === 'later') throw new Error('Feed refresh failed moments ago; the browser will try again later');
  failIfWorthRetrying(await refreshFeed(database));
}

/** The browser waking the installed app: not before the time a server gave with Retry-After, nor soon after a full disk. */
async function periodicRefresh(): Promise<void> {
  if (automaticRefreshHeldUntil(await getMeta(await db(), 'sync'), Date.now()) !== undefined) return;
  await refresh();
}

/**
 * Refreshes the page asks for, and those the browser wakes the worker for.
 * Never one in `activate`: the browser holds every fetch of the pages it
 * controls until activation ends. The first refresh is the page's own.
 */
export function registerFeedSync(): void {
  self.addEventListener('message', (event: ExtendableMessageEvent) => {
    const message = event.data as PageToWorkerMessage | undefined;
    if (message?.type === 'sync') event.waitUntil(refresh(message.archive === true));
  });

  self.addEventListener('sync' as keyof ServiceWorkerGlobalScopeEventMap, (event) => {
    if ((event as SyncEventLike).tag === RETRY_TAG) (event as SyncEventLike).waitUntil(retry());
  });
  self.addEventListener('periodicsync' as keyof ServiceWorkerGlobalScopeEventMap, (event) => {
    if ((event as SyncEventLike).tag === PERIODIC_TAG) (event as SyncEventLike).waitUntil(periodicRefresh());
  });
}
