/// <reference lib="webworker" />
import { getMeta } from '../shared/store/meta';
import { openStore } from '../shared/store/open';
import type { RefreshWorkerReply, RefreshWorkerRequest } from '../shared/sync/events';
import { automaticRefreshDue } from '../shared/sync/freshness';
import { refreshFeed } from '../shared/sync/refresh';

/**
 * The refresh a page runs itself (a first visit, before a service worker
 * controls it), off the page's main thread: parsing a feed of many MB and
 * deriving its excerpts is one task of hundreds of ms. The same shared code as
 * the service worker's; progress goes out on the sync channel, the outcome back
 * to the page, which then ends this worker.
 */

declare const self: DedicatedWorkerGlobalScope;

self.addEventListener('message', (event: MessageEvent<RefreshWorkerRequest>) => {
  void (async (): Promise<RefreshWorkerReply> => {
    try {
      // A newer app's schema upgrade: this connection closes and the page reloads into the new version.
      const db = await openStore({ onVersionChange: () => self.close() });
      // Read here, where the store is open anyway, so the first visit's download does not wait for the page to read it.
      if (event.data.unlessFresh && !automaticRefreshDue(await getMeta(db, 'sync'), Date.now())) return {};
      return { outcome: await refreshFeed(db, { wantArchive: event.data.archive }) };
    } catch {
      // The store would not open: nothing ran.
      return {};
    }
  })().then((reply) => self.postMessage(reply));
});
