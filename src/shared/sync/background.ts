import type { SyncMeta } from '../store/schema';
import type { SyncOutcome } from './events';

/** Background Sync tag: a refresh that failed for want of network, retried when it returns. */
export const RETRY_TAG = 'feed-retry';
/** Periodic Background Sync tag, where the browser grants it to the installed app. */
export const PERIODIC_TAG = 'feed-refresh';
/** How often an installed app asks to be woken; the browser decides the real interval. */
export const PERIODIC_MIN_INTERVAL_MS = 12 * 60 * 60_000;

/**
 * How far after a failure Background Sync still tries: Chromium makes three
 * tries, at once, 5 minutes later and 15 minutes after that, then gives up
 * (content/browser/background_sync/background_sync_parameters.cc).
 */
export const BACKGROUND_SYNC_REACH_MS = 20 * 60_000;

/**
 * Failures that another try later may fix: the network, the server or a Wi-Fi
 * login page. A broken feed or a full disk will fail the same way again. Nor
 * is Background Sync asked when the server wants to be left alone longer than
 * its tries reach (Retry-After): each would be refused, and the browser would
 * give up before the server is ready. The next visit, the reader or the
 * periodic refresh asks then.
 */
export function worthRetryingLater(outcome: SyncOutcome): boolean {
  if (outcome.status !== 'failed' || (outcome.retryAfterMs ?? 0) > BACKGROUND_SYNC_REACH_MS) return false;
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

/**
 * What a Background Sync event does: `refresh`; fail (`later`), so the
 * browser tries again minutes later; or end (`leave`) where the server's
 * Retry-After outlasts every try the browser has left: failing them would
 * only wake the worker for nothing until the browser gives up.
 */
export function retryVerdict(sync: Pick<SyncMeta, 'lastError' | 'lastSuccess'> | undefined, now: number): 'refresh' | 'later' | 'leave' {
  if (!retryTooSoon(sync, now)) return 'refresh';
  const error = sync!.lastError!;
  return error.at + (error.retryAfterMs ?? 0) - now > BACKGROUND_SYNC_REACH_MS ? 'leave' : 'later';
}
