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
