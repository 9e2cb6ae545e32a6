import type { PageToWorkerMessage } from '../../shared/sync/events';
import { db } from '../db';
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
export async function requestRefresh(): Promise<void> {
  if (import.meta.env.PROD && 'serviceWorker' in navigator) {
    const registration = await navigator.serviceWorker.ready;
    registration.active?.postMessage({ type: 'sync' } satisfies PageToWorkerMessage);
    return;
  }
  const [{ refreshFeed }, database] = await Promise.all([import('../../shared/sync/refresh'), db()]);
  await refreshFeed(database);
}

export function refreshIfStale(now: number): void {
  if (syncing.value || !navigator.onLine) return;
  const last = lastSuccess.value;
  if (last === undefined || now - last > FRESH_FOR_MS) void requestRefresh();
}
