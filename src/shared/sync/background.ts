import type { SyncOutcome } from './events';

/** Background Sync tag: a refresh that failed for want of network, retried when it returns. */
export const RETRY_TAG = 'feed-retry';
/** Periodic Background Sync tag, where the browser grants it to the installed app. */
export const PERIODIC_TAG = 'feed-refresh';
/** How often an installed app asks to be woken; the browser decides the real interval. */
export const PERIODIC_MIN_INTERVAL_MS = 12 * 60 * 60_000;

/**
 * Failures that another try later may fix: the network, the server or a Wi-Fi
 * login page. A broken feed or a full disk will fail the same way again.
 */
export function worthRetryingLater(outcome: SyncOutcome): boolean {
  if (outcome.status !== 'failed') return false;
  return ['offline', 'interrupted', 'timeout', 'stalled', 'http', 'captive-portal'].includes(outcome.kind);
}
