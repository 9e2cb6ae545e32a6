// Static: sw-bridge already puts this small module in the first bundle.
import { scheduleRetry, type SyncManagerLike } from '../../shared/sync/background';
import type { PageToWorkerMessage } from '../../shared/sync/events';
import { db } from '../actions/db';
import { lastSuccess, refreshNotStarted, refreshRequested, syncing } from '../state/sync-status';

/** A refresh on opening the app is skipped if the last one is this recent. */
const FRESH_FOR_MS = 10 * 60_000;

/**
 * Asks for a refresh. An active service worker runs it, so that parsing a
 * large feed never blocks the page. Without one (the first visit, before the
 * worker has installed; development; old browsers) the page runs the same
 * shared code itself at once rather than wait for an install that downloads
 * the app's own files first. Either way progress arrives on the sync
 * broadcast channel, and the Web Lock keeps two from overlapping.
 */
export async function requestRefresh(options: { archive?: boolean } = {}): Promise<void> {
  refreshRequested();
  const worker = await activeServiceWorker();
  if (worker) {
    worker.postMessage({ type: 'sync', archive: options.archive } satisfies PageToWorkerMessage);
    return;
  }
  let refreshFeed: RefreshModule['refreshFeed'];
  try {
    ({ refreshFeed } = await loadPageRefresh());
  } catch {
    // Its code could not be fetched (the line dropped): nothing runs, so nothing is shown as running.
    refreshNotStarted();
    return;
  }
  const outcome = await refreshFeed(await db(), { wantArchive: options.archive });
  // A worker installed since can still retry it when the network returns.
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  await scheduleRetry(outcome, (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync);
}

type RefreshModule = typeof import('../../shared/sync/refresh');
let refreshModule: Promise<RefreshModule> | undefined;

/**
 * The refresh code the page runs itself, loaded on demand since usually the
 * service worker runs it. index.html preloads it (vite.config.ts), so a first
 * visit's download of the articles does not wait a round trip for it.
 */
function loadPageRefresh(): Promise<RefreshModule> {
  refreshModule ??= import('../../shared/sync/refresh').catch((error: unknown) => {
    refreshModule = undefined;
    throw error;
  });
  return refreshModule;
}

async function activeServiceWorker(): Promise<ServiceWorker | null> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return null;
  return navigator.serviceWorker.controller ?? (await navigator.serviceWorker.getRegistration())?.active ?? null;
}

/** Refreshes unless one runs or the last is recent; resolves when a refresh the page runs itself is over. */
export async function refreshIfStale(now: number): Promise<void> {
  if (syncing.value || !navigator.onLine) return;
  const last = lastSuccess.value;
  if (last === undefined || now - last > FRESH_FOR_MS) await requestRefresh();
}
