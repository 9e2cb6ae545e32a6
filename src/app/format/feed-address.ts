import { safeUrl } from '../../shared/feed/clean';

/** A scheme with its `//`: without one, `localhost:4173/feed.json` would read as the scheme `localhost:`. */
const HAS_SCHEME = /^[a-z][a-z\d+.-]*:\/\//i;

/**
 * What a reader typed into «Địa chỉ nguồn tin» as an address to fetch, or
 * undefined when it cannot be one. A bare address, as papers print it
 * (`baosonla.vn/rss`), gets the web's default `https://`; a host needs a dot
 * (or is `localhost`, or an IPv6 address), so a single word is not taken;
 * and no name or password (fetch refuses them; `mailto:ai@bao.vn` would read so).
 */
export function feedAddress(typed: string): string | undefined {
  const text = typed.trim();
  const url = safeUrl(HAS_SCHEME.test(text) ? text : `https://${text}`, undefined);
  if (url === undefined) return undefined;
  const { hostname, username, password } = new URL(url);
  const host = hostname.includes('.') || hostname.includes(':') || hostname === 'localhost';
  return host && !username && !password ? url : undefined;
}
