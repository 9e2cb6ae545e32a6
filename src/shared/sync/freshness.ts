/** A refresh on opening the app is skipped if the last one that succeeded is this recent. */
const FRESH_FOR_MS = 10 * 60_000;

/**
 * Whether the articles are fresh enough that opening the app downloads nothing. Either way: a last refresh «ahead»
 * of now was timed by a clock since put back, and may be of any age.
 */
export function isFresh(lastSuccess: number | undefined, now: number): boolean {
  return lastSuccess !== undefined && Math.abs(now - lastSuccess) <= FRESH_FOR_MS;
}
