// Static: sw-bridge already puts this small module in the first bundle.
import { scheduleRetry, type SyncManagerLike } from '../../shared/sync/background';
import type { PageToWorkerMessage } from '../../shared/sync/events';
import { db } from '../actions/db';
import { lastSuccess, syncing } from '../state/sync-status';

/** A refresh on opening the app is skipped if the last one is this recent. */
const FRESH_FOR_MS = 10 * 60_000;

/**
 * Asks for a refresh. The service worker runs it, even on the first visit
 * before it controls the page, so that parsing a large feed never blocks the
 * page; only without a service worker (development, old browsers) does the
 * page run the same shared code itself. Either way progress arrives on the
 * sync broadcast channel.
 */
export async function requestRefresh(options: { archive?: boolean } = {}): Promise<void> {
  const worker = await activeServiceWorker();
  if (worker) {
    worker.postMessage({ type: 'sync', archive: options.archive } satisfies PageToWorkerMessage);
    return;
  }
  const [{ refreshFeed }, database] = await Promise.all([import('../../shared/sync/refresh'), db()]);
  const outcome = await refreshFeed(database, { wantArchive: options.archive });
  // A worker installed but not yet in control can still retry it when the network returns.
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  await scheduleRetry(outcome, (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync);
}

/** A worker that installs for longer than this is taken to have failed. */
const INSTALL_WAIT_MS = 10_000;

async function activeServiceWorker(): Promise<ServiceWorker | null> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return null;
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration) return null;
  if (registration.active) return registration.active;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), INSTALL_WAIT_MS));
  const ready = navigator.serviceWorker.ready.then((r) => r.active);
  return Promise.race([ready, timeout]);
}

export function refreshIfStale(now: number): void {
  if (syncing.value || !navigator.onLine) return;
  const last = lastSuccess.value;
  if (last === undefined || now - last > FRESH_FOR_MS) void requestRefresh();
}
