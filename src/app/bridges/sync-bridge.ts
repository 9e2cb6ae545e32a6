import type { SyncManagerLike } from '../../shared/sync/background';
import type { PageToWorkerMessage } from '../../shared/sync/events';
import { db } from '../db';
import { lastSuccess, syncing } from '../state/sync-status';

/** A refresh on opening the app is skipped if the last one is this recent. */
const FRESH_FOR_MS = 10 * 60_000;

/**
 * Asks for a refresh. The service worker runs it when it controls the page;
 * before that (first visit, or a browser without service workers) the page
 * runs the same shared code itself. Either way progress arrives on the sync
 * broadcast channel.
 */
export async function requestRefresh(): Promise<void> {
  const controller = navigator.serviceWorker?.controller;
  if (controller) {
    controller.postMessage({ type: 'sync' } satisfies PageToWorkerMessage);
    return;
  }
  const [{ refreshFeed }, { scheduleRetry }, database] = await Promise.all([
    import('../../shared/sync/refresh'),
    import('../../shared/sync/background'),
    db(),
  ]);
  const outcome = await refreshFeed(database);
  // A worker installed but not yet in control can still retry it when the network returns.
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  await scheduleRetry(outcome, (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync);
}

export function refreshIfStale(now: number): void {
  if (syncing.value || !navigator.onLine) return;
  const last = lastSuccess.value;
  if (last === undefined || now - last > FRESH_FOR_MS) void requestRefresh();
}
