import { safeUrl } from './clean';

/** Candidates beyond this many are not worth the bytes of keeping them. */
const MAX_CANDIDATES = 8;
const DESCRIPTOR = /^(?:\d{1,5}w|\d{1,2}(?:\.\d{1,2})?x)$/;

/**
 * An untrusted `srcset` with every URL resolved against `base` and checked to
 * be http(s), and every descriptor a plain width (`480w`) or density (`2x`).
 * Malformed candidates are dropped; undefined when none is left. Commas inside
 * a URL are not supported (the feed's picture URLs do not have them).
 */
export function cleanSrcset(value: unknown, base: URL | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const kept: string[] = [];
  for (const candidate of value.split(',')) {
    const [url, descriptor, ...rest] = candidate.trim().split(/\s+/);
    if (!url || rest.length > 0 || (descriptor !== undefined && !DESCRIPTOR.test(descriptor))) continue;
    const safe = safeUrl(url, base);
    if (safe === undefined) continue;
    kept.push(descriptor ? `${safe} ${descriptor}` : safe);
    if (kept.length === MAX_CANDIDATES) break;
  }
  return kept.length > 0 ? kept.join(', ') : undefined;
}
