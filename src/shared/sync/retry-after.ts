import type { SyncMeta } from '../store/schema';

/**
 * How long a 429 or 503 asks the client to wait (RFC 9110 Retry-After:
 * seconds, or an HTTP date), in ms; undefined when it says nothing usable.
 */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The longest a server's Retry-After holds refreshes back: one that asks for
 * more (a misconfigured «Retry-After: 31536000») would stop the news for good
 * on every phone that heard it.
 */
export const LONGEST_WAIT_MS = 24 * 60 * 60_000;

/**
 * When the server is ready again, if the last refresh failed with a
 * Retry-After that still runs at `now` and nothing has succeeded since;
 * undefined otherwise. A failure dated ahead of `now` was timed by a clock
 * since put back: how long is left cannot be told, so nothing waits.
 */
export function serverReadyAt(sync: Pick<SyncMeta, 'lastError' | 'lastSuccess'> | undefined, now: number): number | undefined {
  const error = sync?.lastError;
  if (error?.retryAfterMs === undefined || error.at > now || (sync?.lastSuccess ?? -Infinity) > error.at) return undefined;
  const readyAt = error.at + Math.min(error.retryAfterMs, LONGEST_WAIT_MS);
  return readyAt > now ? readyAt : undefined;
}
