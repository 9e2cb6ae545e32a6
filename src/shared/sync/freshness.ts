import type { SyncMeta } from '../store/schema';
import { serverReadyAt } from './retry-after';

/** A refresh on opening the app is skipped if the last one that succeeded is this recent. */
const FRESH_FOR_MS = 10 * 60_000;

/**
 * Whether the articles are fresh enough that opening the app downloads nothing. Either way: a last refresh «ahead»
 * of now was timed by a clock since put back, and may be of any age.
 */
export function isFresh(lastSuccess: number | undefined, now: number): boolean {
  return lastSuccess !== undefined && Math.abs(now - lastSuccess) <= FRESH_FOR_MS;
}

/**
 * How long refreshes nobody asked for wait after one failed on a full disk: each would download the feed again,
 * on the reader's paid data, only to fail the same way until the reader frees room (and then presses «Làm mới»).
 */
export const FULL_DISK_WAIT_MS = 6 * 60 * 60_000;

type SyncRecord = Pick<SyncMeta, 'lastError' | 'lastSuccess'> | undefined;

/**
 * Until when refreshes nobody asked for (opening the app, coming back to it, the network returning, the browser
 * waking the app) wait: the time a server gave with Retry-After, or a while after a full disk; undefined when they
 * may ask now. Only the reader's «Làm mới» asks before then.
 */
export function automaticRefreshHeldUntil(sync: SyncRecord, now: number): number | undefined {
  const error = sync?.lastError;
  // Dated ahead of now (a clock since put back), or followed by a success: holds nothing.
  const diskFull =
    error?.kind === 'quota' && error.at <= now && (sync?.lastSuccess ?? -Infinity) <= error.at ? error.at + FULL_DISK_WAIT_MS : undefined;
  const held = Math.max(serverReadyAt(sync, now) ?? -Infinity, diskFull ?? -Infinity);
  return held > now ? held : undefined;
}

/** Whether a refresh nobody asked for runs: the articles are not fresh and nothing holds refreshes back. */
export function automaticRefreshDue(sync: SyncRecord, now: number): boolean {
  return !isFresh(sync?.lastSuccess, now) && automaticRefreshHeldUntil(sync, now) === undefined;
}
