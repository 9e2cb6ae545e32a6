import type { SyncMeta } from '../store/schema';
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
  return ['offline', 'unreachable', 'interrupted', 'timeout', 'stalled', 'http', 'busy', 'captive-portal'].includes(outcome.kind);
}

/** The part of the Background Sync API a refresh needs; absent where the browser lacks it. */
export interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

/** After a refresh the page or the browser asked for: have Background Sync try again if it may help. */
export async function scheduleRetry(outcome: SyncOutcome, sync: SyncManagerLike | undefined): Promise<boolean> {
  if (!sync || !worthRetryingLater(outcome)) return false;
  try {
    await sync.register(RETRY_TAG);
    return true;
  } catch {
    // Refused (permission, private mode): the page's «online» listener still refreshes.
    return false;
  }
}

/**
 * Inside a Background Sync event: failing the event, rather than registering
 * again, lets the browser space out its next tries (minutes, not a loop).
 */
export function failIfWorthRetrying(outcome: SyncOutcome): void {
  if (worthRetryingLater(outcome) && outcome.status === 'failed') {
    throw new Error(`Feed refresh failed (${outcome.kind}); the browser will try again`);
  }
}

/** How long after a failure on a working line a Background Sync retry waits. */
export const PAUSE_AFTER_FAILURE_MS = 60_000;

/**
 * Whether a Background Sync event comes too soon to be worth its bytes. The
 * browser fires one at once where it counts the line as up: a refresh that has
 * just spent its tries on that line would repeat them on the reader's data.
 * Failing such an event makes the browser try again minutes later. A server
 * that said how long to leave it alone (Retry-After) is left alone that long.
 * After «no network» the event means the network is back: it is never too soon.
 */
export function retryTooSoon(sync: Pick<SyncMeta, 'lastError' | 'lastSuccess'> | undefined, now: number): boolean {
  const error = sync?.lastError;
  if (!error || error.kind === 'offline' || (sync.lastSuccess ?? 0) > error.at) return false;
  return now - error.at < Math.max(PAUSE_AFTER_FAILURE_MS, error.retryAfterMs ?? 0);
}
