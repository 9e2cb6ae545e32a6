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
 * Whether a refresh nobody asked for (opening the app, coming back to it)
 * runs: the articles are not fresh, and the server has not asked, with
 * Retry-After, to be left alone until later. Only the reader's «Làm mới»
 * asks before then.
 */
export function automaticRefreshDue(sync: Pick<SyncMeta, 'lastError' | 'lastSuccess'> | undefined, now: number): boolean {
  return !isFresh(sync?.lastSuccess, now) && serverReadyAt(sync, now) === undefined;
}
