/// <reference lib="webworker" />
import { PERIODIC_TAG, RETRY_TAG, worthRetryingLater } from '../shared/sync/background';
import type { PageToWorkerMessage } from '../shared/sync/events';
import { refreshFeed } from '../shared/sync/refresh';
import { openStore, type BaoDb } from '../shared/store/open';

declare const self: ServiceWorkerGlobalScope;

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

/** A refresh the page or the browser asked for; if the network let it down, Background Sync tries again. */
async function refresh(): Promise<void> {
  const outcome = await refreshFeed(await db());
  if (!worthRetryingLater(outcome)) return;
  const sync = (self.registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync;
  await sync?.register(RETRY_TAG).catch(() => undefined);
}

/**
 * The Background Sync retry itself: failing the event, rather than registering
 * again, lets the browser space out its next tries (minutes, not a loop).
 */
async function retry(): Promise<void> {
  const outcome = await refreshFeed(await db());
  if (worthRetryingLater(outcome)) throw new Error(`Feed refresh failed: ${outcome.status === 'failed' ? outcome.kind : ''}`);
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
    if ((event as SyncEventLike).tag === RETRY_TAG) (event as SyncEventLike).waitUntil(retry());
  });
  self.addEventListener('periodicsync' as keyof ServiceWorkerGlobalScopeEventMap, (event) => {
    if ((event as SyncEventLike).tag === PERIODIC_TAG) (event as SyncEventLike).waitUntil(refresh());
  });
}
