/// <reference lib="webworker" />
import type { PageToWorkerMessage } from '../shared/sync/events';
import { refreshFeed } from '../shared/sync/refresh';
import { openStore, type BaoDb } from '../shared/store/open';

declare const self: ServiceWorkerGlobalScope;

/** Background Sync tag: a refresh that failed for want of network, retried when it returns. */
const RETRY_TAG = 'feed-retry';
/** Periodic Background Sync tag, where the browser grants it to the installed app. */
export const PERIODIC_TAG = 'feed-refresh';

interface SyncEventLike extends ExtendableEvent {
  tag: string;
}

let dbPromise: Promise<BaoDb> | undefined;
function db(): Promise<BaoDb> {
  dbPromise ??= openStore({
    onVersionChange: () => (dbPromise = undefined),
    onTerminated: () => (dbPromise = undefined),
  });
  return dbPromise;
}

async function refresh(): Promise<void> {
  const outcome = await refreshFeed(await db());
  if (outcome.status === 'failed' && (outcome.kind === 'offline' || outcome.kind === 'timeout' || outcome.kind === 'stalled')) {
    const sync = (self.registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync;
    await sync?.register(RETRY_TAG).catch(() => undefined);
  }
}

export function registerFeedSync(): void {
  // First install: fill the store without waiting for the page to ask.
  self.addEventListener('activate', (event) => event.waitUntil(refresh()));

  self.addEventListener('message', (event: ExtendableMessageEvent) => {
    const message = event.data as PageToWorkerMessage | undefined;
    if (message?.type === 'sync') event.waitUntil(refresh());
    if (message?.type === 'SKIP_WAITING') void self.skipWaiting();
  });

  self.addEventListener('sync' as keyof ServiceWorkerGlobalScopeEventMap, (event) => {
    if ((event as SyncEventLike).tag === RETRY_TAG) (event as SyncEventLike).waitUntil(refresh());
  });
  self.addEventListener('periodicsync' as keyof ServiceWorkerGlobalScopeEventMap, (event) => {
    if ((event as SyncEventLike).tag === PERIODIC_TAG) (event as SyncEventLike).waitUntil(refresh());
  });
}
