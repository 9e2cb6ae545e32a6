/** `href` against `base` (an xml:base, or where the feed was read from), when that makes an address; as written otherwise. */
export function resolved(href: string, base: string | undefined): string {
  if (!href || !base) return href;
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}
