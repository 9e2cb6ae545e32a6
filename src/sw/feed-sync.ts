/// <reference lib="webworker" />
import {
  failIfWorthRetrying,
  PERIODIC_TAG,
  RETRY_TAG,
  scheduleRetry,
  type SyncManagerLike,
} from '../shared/sync/background';
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

async function refresh(wantArchive = false): Promise<void> {
  const outcome = await refreshFeed(await db(), { wantArchive });
  await scheduleRetry(outcome, (self.registration as ServiceWorkerRegistration & { sync?: SyncManagerLike }).sync);
}

async function retry(): Promise<void> {
  failIfWorthRetrying(await refreshFeed(await db()));
}

export function registerFeedSync(): void {
  // First install: fill the store without waiting for the page to ask.
  self.addEventListener('activate', (event) => event.waitUntil(refresh()));

  self.addEventListener('message', (event: ExtendableMessageEvent) => {
    const message = event.data as PageToWorkerMessage | undefined;
    if (message?.type === 'sync') event.waitUntil(refresh(message.archive === true));
    if (message?.type === 'SKIP_WAITING') void self.skipWaiting();
  });

  self.addEventListener('sync' as keyof ServiceWorkerGlobalScopeEventMap, (event) => {
    if ((event as SyncEventLike).tag === RETRY_TAG) (event as SyncEventLike).waitUntil(retry());
  });
  self.addEventListener('periodicsync' as keyof ServiceWorkerGlobalScopeEventMap, (event) => {
    if ((event as SyncEventLike).tag === PERIODIC_TAG) (event as SyncEventLike).waitUntil(refresh());
  });
}
