// Static: sw-bridge already puts this small module in the first bundle.
import { scheduleRetry, type SyncManagerLike } from '../../shared/sync/background';
import type { PageToWorkerMessage, RefreshWorkerReply, RefreshWorkerRequest } from '../../shared/sync/events';
import { automaticRefreshDue, automaticRefreshHeldUntil } from '../../shared/sync/freshness';
import { lastError, lastSuccess, refreshNotStarted, refreshRequested, syncing } from '../state/sync-status';

/**
 * Asks for a refresh. An active service worker runs it. Without one (the
 * first visit, before the worker has installed; development; old browsers)
 * the page starts the same shared code in a worker of its own at once, rather
 * than wait for an install that downloads the app's own files first. Either
 * way parsing a large feed never blocks the page, progress arrives on the
 * sync broadcast channel, and the Web Lock keeps two from overlapping.
 */
export async function requestRefresh(options: { archive?: boolean; unlessFresh?: boolean } = {}): Promise<void> {
  refreshRequested();
  const worker = await activeServiceWorker();
  if (worker) {
    worker.postMessage({ type: 'sync', archive: options.archive } satisfies PageToWorkerMessage);
    return;
  }
  const { outcome } = await refreshInWorker({ archive: options.archive, unlessFresh: options.unlessFresh });
  if (!outcome) {
    // Nothing ran (its code could not be fetched as the line dropped, or the articles were fresh): nothing is shown as running.
    refreshNotStarted();
    return;
  }
  // A worker installed since can still retry it when the network returns.
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  await scheduleRetry(outcome, (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync);
}

/** One refresh in the page's refresh worker (src/refresh-worker), ended once it answers. */
function refreshInWorker(request: RefreshWorkerRequest): Promise<RefreshWorkerReply> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('../../refresh-worker/worker.ts', import.meta.url), { type: 'module', name: 'refresh' });
    const end = (reply: RefreshWorkerReply) => {
      worker.terminate();
      resolve(reply);
    };
    worker.addEventListener('message', (event: MessageEvent<RefreshWorkerReply>) => end(event.data));
    // Only its script failing to load reaches here: the worker catches its own errors.
    worker.addEventListener('error', () => end({}));
    worker.postMessage(request);
  });
}

async function activeServiceWorker(): Promise<ServiceWorker | null> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return null;
  return navigator.serviceWorker.controller ?? (await navigator.serviceWorker.getRegistration())?.active ?? null;
}

/**
 * Refreshes unless one runs, the last is recent or the server asked to be left alone until later (Retry-After);
 * resolves when a refresh the page runs itself is over.
 */
export async function refreshIfStale(now: number): Promise<void> {
  if (syncing.value || !navigator.onLine) return;
  if (automaticRefreshDue({ lastSuccess: lastSuccess.value, lastError: lastError.value }, now)) await requestRefresh();
}

/** The network is back: refresh, unless the server asked to be left alone until later (Retry-After) or the disk was full. */
export async function refreshBackOnline(now: number): Promise<void> {
  if (automaticRefreshHeldUntil({ lastSuccess: lastSuccess.value, lastError: lastError.value }, now) === undefined) await requestRefresh();
}
